import { MailError } from './errors';
import { ownRealmBytes } from './own-realm-bytes';
import {
  CENTRAL_HEADER,
  CENTRAL_HEADER_SIZE,
  END_OF_CENTRAL_DIRECTORY,
  END_SIZE,
  FLAG_ENCRYPTED,
  LOCAL_HEADER,
  LOCAL_HEADER_SIZE,
  METHOD_DEFLATE,
  METHOD_STORE,
  ZIP64_END_LOCATOR,
  ZIP64_MARK,
} from './zip-format';

/**
 * Reads the table of contents of a classic zip (APPNOTE 6.3) held in a Blob, and on request where each entry's
 * compressed bytes start, without reading those bytes: a slice or two from the end of the archive, and one per local
 * header for the starts.
 * Used to check the server's attachments archive and give its entries our names (zip.ts takes them as CompressedContent).
 * Anything this does not fully understand (zip64, encryption, a directory pointing outside the file) is refused with
 * `unsupported` or `malformed_message`, so a caller can fall back instead of passing on an archive it has not read.
 */

export interface ZipDirectoryEntry {
  name: string;
  directory: boolean;
  /** 0 stored, 8 deflated; other methods are refused. */
  method: typeof METHOD_STORE | typeof METHOD_DEFLATE;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header in the archive; its compressed bytes follow that header. */
  localHeaderOffset: number;
}

const MAX_COMMENT = 0xffff;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readZipDirectory(archive: Blob): Promise<ZipDirectoryEntry[]> {
  const tailStart = Math.max(0, archive.size - END_SIZE - MAX_COMMENT);
  const tail = await bytesOf(archive, tailStart, archive.size);
  const end = findEnd(tail);
  if (end < 0) throw malformed('no end of central directory');
  const view = new DataView(tail.buffer, tail.byteOffset + end);
  const count = view.getUint16(10, true);
  const directorySize = view.getUint32(12, true);
  const directoryStart = view.getUint32(16, true);
  if (end >= 20 && new DataView(tail.buffer, tail.byteOffset + end - 20).getUint32(0, true) === ZIP64_END_LOCATOR) {
    throw new MailError('unsupported', 'zip64 archive');
  }
  if (directoryStart + directorySize > tailStart + end) throw malformed('central directory outside the archive');

  // Usually the directory lies within the slice already read.
  const directory =
    directoryStart >= tailStart
      ? tail.subarray(directoryStart - tailStart, directoryStart - tailStart + directorySize)
      : await bytesOf(archive, directoryStart, directoryStart + directorySize);
  const entries: ZipDirectoryEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_SIZE > directory.length) throw malformed('central directory cut short');
    const entry = new DataView(directory.buffer, directory.byteOffset + at);
    if (entry.getUint32(0, true) !== CENTRAL_HEADER) throw malformed('bad central header');
    const flags = entry.getUint16(8, true);
    const method = entry.getUint16(10, true);
    const compressedSize = entry.getUint32(20, true);
    const size = entry.getUint32(24, true);
    const nameLength = entry.getUint16(28, true);
    const skip = entry.getUint16(30, true) + entry.getUint16(32, true);
    const localOffset = entry.getUint32(42, true);
    if (flags & FLAG_ENCRYPTED) throw new MailError('unsupported', 'encrypted zip entry');
    if (method !== METHOD_STORE && method !== METHOD_DEFLATE)
      throw new MailError('unsupported', `zip method ${method}`);
    if (compressedSize === ZIP64_MARK || size === ZIP64_MARK || localOffset === ZIP64_MARK) {
      throw new MailError('unsupported', 'zip64 entry');
    }
    const nameStart = at + CENTRAL_HEADER_SIZE;
    if (nameStart + nameLength + skip > directory.length) throw malformed('central directory cut short');
    const name = entryName(directory.subarray(nameStart, nameStart + nameLength));
    entries.push({
      name,
      directory: name.endsWith('/'),
      method: method as typeof METHOD_STORE | typeof METHOD_DEFLATE,
      crc: entry.getUint32(16, true),
      compressedSize,
      size,
      localHeaderOffset: localOffset,
    });
    at = nameStart + nameLength + skip;
  }
  if (entries.some((entry) => entry.localHeaderOffset + entry.compressedSize > directoryStart)) {
    throw malformed('entry overlaps the directory');
  }
  return entries;
}

/**
 * Where each entry's compressed bytes start: after its local header, whose name and extra field may differ in length
 * from the central copy, so each header is read.
 */
export async function entryDataStarts(archive: Blob, entries: readonly ZipDirectoryEntry[]): Promise<number[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const offset = entry.localHeaderOffset;
      const header = await bytesOf(archive, offset, offset + LOCAL_HEADER_SIZE);
      const local = new DataView(header.buffer, header.byteOffset);
      if (header.length < LOCAL_HEADER_SIZE || local.getUint32(0, true) !== LOCAL_HEADER) {
        throw malformed('bad local header');
      }
      const start = offset + LOCAL_HEADER_SIZE + local.getUint16(26, true) + local.getUint16(28, true);
      if (start + entry.compressedSize > archive.size) throw malformed('entry runs past the end');
      return start;
    }),
  );
}

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  // The copy it may make (Firefox content scripts) is of a few small slices only.
  return ownRealmBytes(await blob.slice(start, end).arrayBuffer());
}

/** The last end-of-central-directory record whose comment runs exactly to the end of the file. */
function findEnd(tail: Uint8Array): number {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - END_SIZE; at >= 0; at--) {
    if (
      view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY &&
      at + END_SIZE + view.getUint16(at + 20, true) === tail.length
    ) {
      return at;
    }
  }
  return -1;
}

/**
 * Names are UTF-8 when flagged. Unflagged ones are CP437 by the letter, but in practice ASCII or UTF-8 written by a
 * tool that did not set the flag; a name that is neither is refused rather than guessed.
 */
function entryName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new MailError('unsupported', 'zip entry name is not UTF-8');
  }
}

function malformed(message: string): MailError {
  return new MailError('malformed_message', message);
}
