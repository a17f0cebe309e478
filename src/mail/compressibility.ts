import { baseMimeType, fileExtension } from './mime-extensions';

/**
 * Whether deflating a file is worth the time. Most attachments (photos, PDFs, office documents, archives) are
 * compressed already: deflating them again costs the most CPU of the whole zip for a gain of a few bytes, so they are
 * stored. Anything else is sampled, which catches compressed data behind a generic type or an unknown extension.
 */

export type ZipCompression = 'STORE' | 'DEFLATE';

// BMP and SVG are images that do compress well, so `image/*` alone is not enough.
const COMPRESSIBLE_IMAGE_TYPES = new Set([
  'image/bmp',
  'image/x-bmp',
  'image/x-ms-bmp',
  'image/svg+xml',
  'image/x-icon',
]);

const COMPRESSED_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-gzip',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/x-rar-compressed',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/epub+zip',
  'application/java-archive',
]);

const COMPRESSED_TYPE_PREFIXES = [
  'application/vnd.openxmlformats-officedocument.', // docx, xlsx, pptx: zip containers
  'application/vnd.oasis.opendocument.', // odt, ods, odp: zip containers
  'application/vnd.ms-word.', // docm and friends
  'application/vnd.ms-excel.sheet.',
  'application/vnd.ms-powerpoint.presentation.',
  'audio/',
  'video/',
];

// Senders often label everything application/octet-stream, so the extension is the second opinion.
const COMPRESSED_EXTENSIONS = new Set([
  ...['jpg', 'jpeg', 'jfif', 'png', 'gif', 'webp', 'heic', 'heif', 'avif', 'jp2'],
  ...['pdf', 'zip', '7z', 'rar', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'cab', 'jar', 'apk', 'epub'],
  ...['docx', 'xlsx', 'pptx', 'docm', 'xlsm', 'pptm', 'odt', 'ods', 'odp', 'odg', 'pages', 'numbers', 'key'],
  ...['mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'wma', 'amr'],
  ...['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'wmv', 'mpg', 'mpeg', '3gp'],
]);

export function isCompressedFormat(fileName: string, mimeType?: string): boolean {
  const type = mimeType ? baseMimeType(mimeType) : '';
  if (type.startsWith('image/') && !COMPRESSIBLE_IMAGE_TYPES.has(type)) return true;
  if (COMPRESSED_TYPES.has(type) || COMPRESSED_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix))) return true;
  const ext = fileExtension(fileName)?.toLowerCase();
  return ext !== undefined && COMPRESSED_EXTENSIONS.has(ext);
}

export function chooseCompression(fileName: string, mimeType: string | undefined, data: Uint8Array): ZipCompression {
  if (data.length === 0 || isCompressedFormat(fileName, mimeType)) return 'STORE';
  return looksIncompressible(data) ? 'STORE' : 'DEFLATE';
}

const SAMPLE_SIZE = 4096;
const SAMPLE_COUNT = 4;
// Order-0 entropy in bits per byte. Random or compressed bytes measure ~7.95 on a 4 KiB sample; text, markup,
// base64 and most uncompressed binaries stay well below 7. Above this line deflate would save almost nothing.
const INCOMPRESSIBLE_ENTROPY = 7.5;

/**
 * Estimates from a few spread-out samples whether the bytes are already compressed or encrypted. Entropy of the
 * byte histogram is cheap (one pass over 16 KiB whatever the file size) and needs no compressor.
 */
export function looksIncompressible(data: Uint8Array): boolean {
  if (data.length < 512) return false;
  const counts = new Uint32Array(256);
  const sampleSize = Math.min(SAMPLE_SIZE, Math.floor(data.length / SAMPLE_COUNT));
  const stride = Math.floor((data.length - sampleSize) / Math.max(1, SAMPLE_COUNT - 1));
  let total = 0;
  let entropySum = 0;
  for (let s = 0; s < SAMPLE_COUNT; s++) {
    counts.fill(0);
    const start = s * stride;
    for (let i = start; i < start + sampleSize; i++) counts[data[i]!]!++;
    entropySum += entropy(counts, sampleSize);
    total++;
  }
  return entropySum / total > INCOMPRESSIBLE_ENTROPY;
}

function entropy(counts: Uint32Array, size: number): number {
  let bits = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / size;
    bits -= p * Math.log2(p);
  }
  return bits;
}
