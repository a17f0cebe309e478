/**
 * The few MIME types mail attachments commonly carry, with their usual file extension. Used to name parts that
 * arrive without a file name and to guess a type for files that come out of a winmail.dat. Deliberately small:
 * an unknown type simply gets no extension.
 */
const EXTENSION_BY_MIME_TYPE: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/gzip': 'gz',
  'application/x-gzip': 'gz',
  'application/x-7z-compressed': '7z',
  'application/vnd.rar': 'rar',
  'application/x-rar-compressed': 'rar',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/rtf': 'rtf',
  'application/json': 'json',
  'application/xml': 'xml',
  'application/ms-tnef': 'dat',
  'application/vnd.ms-tnef': 'dat',
  'application/pgp-signature': 'asc',
  'application/pgp-encrypted': 'asc',
  'application/pkcs7-signature': 'p7s',
  'application/x-pkcs7-signature': 'p7s',
  'application/pkcs7-mime': 'p7m',
  'application/x-pkcs7-mime': 'p7m',
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/calendar': 'ics',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/xml': 'xml',
  'text/rtf': 'rtf',
  'image/jpeg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'image/avif': 'avif',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  // Reports that are plain text to a reader; listed after text/plain so that .txt maps back to text/plain.
  'message/delivery-status': 'txt',
  'message/disposition-notification': 'txt',
};

const MIME_TYPE_BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  // The first type listed for an extension is the canonical one, so later aliases do not overwrite it.
  Object.entries(EXTENSION_BY_MIME_TYPE)
    .reverse()
    .map(([type, ext]) => [ext, type] as const),
);

/** `image/jpeg` → `jpg`; unknown or missing type → undefined. Parameters (`; charset=…`) are ignored. */
export function extensionForMimeType(mimeType: string | undefined): string | undefined {
  if (!mimeType) return undefined;
  return EXTENSION_BY_MIME_TYPE[baseMimeType(mimeType)];
}

/** `report.PDF` → `application/pdf`; unknown → `application/octet-stream`. */
export function mimeTypeForFileName(fileName: string): string {
  const ext = fileExtension(fileName)?.toLowerCase();
  return (ext && MIME_TYPE_BY_EXTENSION.get(ext)) || 'application/octet-stream';
}

/** Lower-cased type without parameters. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The part after the last dot, when it looks like an extension: short and without spaces. `archive.tar.gz` → `gz`,
 * `Re: meeting. Notes from today` → undefined.
 */
export function fileExtension(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  const ext = fileName.slice(dot + 1);
  return ext.length <= 16 && !/\s/.test(ext) ? ext : undefined;
}
