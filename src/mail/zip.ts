import { chooseCompression, type ZipCompression } from './compressibility';
import { crc32 } from './crc32';
import { RawDeflater } from './deflate';
import { MailError } from './errors';
import { timeSlicer } from './next-task';
import { blobInSlices } from './blob-in-slices';
import { dosDateTime, encodedName, parentFolders, ZipPaths, type DosDateTime } from './zip-entry';
import {
  CENTRAL_HEADER_SIZE,
  END_OF_CENTRAL_DIRECTORY,
  END_SIZE,
  LOCAL_HEADER_SIZE,
  METHOD_DEFLATE,
  METHOD_STORE,
  VERSION_DEFAULT,
} from './zip-format';
import { writeCentralHeader, writeLocalHeader, type HeaderFields } from './zip-records';

/**
 * Writes a classic zip archive (APPNOTE 6.3) in memory. Our own writer rather than jszip's, for speed: jszip
 * computes CRC-32 a byte at a time, deflates with pako and hands every 16 KiB through its own task queue, which made
 * "all attachments" three to four times slower than the floor (one CRC pass and one copy). Here the CRC is
 * slicing-by-16, text is deflated by deflate.ts, and each stored byte is copied once, into the Blob that is saved.
 * jszip stays in the tests, as the independent reader that checks every archive this writes.
 */

export interface ZipEntryInput {
  /** `name` or `folder/…/name`, every segment already made safe and unique (see FileNameAllocator / ZipLayout). */
  path: string;
  /** The file's bytes, or bytes compressed elsewhere that go in as they are. */
  data: Uint8Array | CompressedContent;
  /** Helps choose STORE or DEFLATE; see compressibility.ts. */
  mimeType?: string;
  /** Overrides the archive-wide date, e.g. each message's own date in a bulk export. */
  date?: Date;
  /** Overrides the automatic choice. */
  compression?: ZipCompression;
}

/** A file already compressed (a slice of another archive, such as the server's): only its headers are new. */
export interface CompressedContent {
  method: typeof METHOD_STORE | typeof METHOD_DEFLATE;
  crc: number;
  /** Uncompressed size. */
  size: number;
  /** The stored or deflated bytes; a Blob slice, so nothing is copied in the page. */
  body: Blob;
}

function isCompressedContent(data: ZipEntryInput['data']): data is CompressedContent {
  return !(data instanceof Uint8Array) && 'body' in data;
}

function sizeOf(data: ZipEntryInput['data']): number {
  return isCompressedContent(data) ? data.size : data.length;
}

export interface ZipProgress {
  /** Input bytes processed so far. */
  done: number;
  total: number;
}

export interface BuildZipOptions {
  /** Modification time of every entry (normally the message date); now when omitted. */
  date?: Date;
  /** Zone the entry times are written in. Zip stores a zone-less wall clock, so it is the reader's zone by default. */
  timeZone?: string;
  onProgress?: (progress: ZipProgress) => void;
  signal?: AbortSignal;
}

// Classic zip (no zip64) counts entries and offsets in 16 and 32 bits.
const MAX_ENTRIES = 0xffff;
const MAX_TOTAL_BYTES = 0xffffffff;

// Work between two progress reports (and cancel checks, and chances to yield to the page). Deflate is far slower per
// byte than CRC-32, most of all on text that hardly compresses (an .eml of base64): a selection's .zip of .eml once
// made a task of 45–55 ms (profiled) out of deflate steps of 256 KiB, so deflate takes smaller steps.
const STEP_BYTES = 256 * 1024;
const DEFLATE_STEP_BYTES = 64 * 1024;

interface PreparedEntry {
  name: Uint8Array;
  /** The UTF-8 flag or 0. */
  flags: number;
  method: number;
  crc: number;
  size: number;
  /**
   * The stored or deflated bytes. A large body becomes a Blob as soon as it is final: a browser starts moving a
   * Blob's bytes to where downloads read them while the next entries are still being checksummed, and the archive's
   * Blob then only refers to these instead of copying them again. A small one stays an array: making a Blob costs
   * far more than its bytes, and 4,000 small Blobs took over a second in Chromium where the arrays took 30 ms.
   */
  body: Blob | Uint8Array;
  dosTime: number;
  dosDate: number;
  directory: boolean;
  offset: number;
}

/** The archive as a Blob of type application/zip, ready to save: assembled from its parts without another copy. */
export async function buildZip(entries: readonly ZipEntryInput[], options: BuildZipOptions = {}): Promise<Blob> {
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  const folders = foldersOf(entries);
  assertUsablePaths(entries, folders);
  const total = entries.reduce((sum, entry) => sum + sizeOf(entry.data), 0);
  if (entries.length + folders.length > MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
    throw new MailError('too_large', `zip of ${entries.length} entries and ${total} bytes needs zip64`);
  }

  const archiveDate = options.date ?? new Date();
  const dosDateTimeOf = memoisedDosDateTime(options.timeZone);
  const archiveDos = dosDateTimeOf(archiveDate);
  const prepared: PreparedEntry[] = folders.map((folder) => folderEntry(folder, archiveDos));

  const pause = timeSlicer();
  let done = 0;
  // A promise only when it yields: an async function would make one for every small file.
  const report = (): Promise<void> | undefined => {
    throwIfCancelled(signal);
    onProgress?.({ done, total });
    return pause()?.then(() => throwIfCancelled(signal));
  };

  for (const entry of entries) {
    const { data } = entry;
    if (isCompressedContent(data)) {
      prepared.push(
        fileEntry(
          entry.path,
          data.method,
          data.crc,
          data.size,
          data.body,
          entry.date ? dosDateTimeOf(entry.date) : archiveDos,
        ),
      );
      done += data.size;
      await report();
      continue;
    }
    const compression = entry.compression ?? chooseCompression(entry.path, entry.mimeType, data);
    let crc = 0;
    let body = data;
    let method = METHOD_STORE;
    if (compression === 'DEFLATE' && data.length > 0) {
      const deflater = new RawDeflater(data);
      let checked = 0;
      let finished = false;
      while (!finished) {
        finished = deflater.step(DEFLATE_STEP_BYTES);
        const until = finished ? data.length : Math.min(deflater.done, data.length);
        crc = crc32(data.subarray(checked, until), crc);
        done += until - checked;
        checked = until;
        await report();
      }
      const compressed = deflater.result();
      // Text that would not shrink (rare: the sample said otherwise) is stored rather than grown.
      if (compressed.length < data.length) {
        body = compressed;
        method = METHOD_DEFLATE;
      }
    } else {
      for (let start = 0; start < data.length; start += STEP_BYTES) {
        const end = Math.min(data.length, start + STEP_BYTES);
        crc = crc32(data.subarray(start, end), crc);
        done += end - start;
        await report();
      }
    }
    const finalBody = body.length <= SMALL_BODY_BYTES ? body : await blobInSlices(body, pause);
    prepared.push(
      fileEntry(entry.path, method, crc, data.length, finalBody, entry.date ? dosDateTimeOf(entry.date) : archiveDos),
    );
  }

  const archive = writeArchive(prepared);
  done = total;
  onProgress?.({ done, total });
  return archive;
}

function folderEntry(folder: string, dos: DosDateTime): PreparedEntry {
  const entry = fileEntry(`${folder}/`, METHOD_STORE, 0, 0, new Uint8Array(0), dos);
  entry.directory = true;
  return entry;
}

/**
 * Every entry built by this one literal, so that all have one shape: objects spread together from pieces of several
 * shapes were each a slow copy, several microseconds a file for 4,000 small files (and again for every header).
 */
function fileEntry(
  path: string,
  method: number,
  crc: number,
  size: number,
  body: Blob | Uint8Array,
  dos: DosDateTime,
): PreparedEntry {
  const { name, flags } = encodedName(path);
  const { dosTime, dosDate } = dos;
  return { name, flags, method, crc, size, body, dosTime, dosDate, directory: false, offset: 0 };
}

/** Bodies up to this size stay arrays until the archive is assembled (see PreparedEntry.body). */
const SMALL_BODY_BYTES = 64 * 1024;

/** isView, not instanceof: in a Firefox content script an array may come from the page's realm. */
function bodyBytes(body: Blob | Uint8Array): number {
  return ArrayBuffer.isView(body) ? body.byteLength : body.size;
}

function writeArchive(entries: PreparedEntry[]): Blob {
  const parts = new ArchiveParts();
  let at = 0;
  for (const entry of entries) {
    entry.offset = at;
    const header = new Uint8Array(LOCAL_HEADER_SIZE + entry.name.length);
    const view = new DataView(header.buffer);
    writeLocalHeader(view, 0, headerFields(entry));
    header.set(entry.name, LOCAL_HEADER_SIZE);
    parts.push(header);
    parts.push(entry.body);
    at += header.length + bodyBytes(entry.body);
  }

  const directoryStart = at;
  const directorySize = entries.reduce((sum, entry) => sum + CENTRAL_HEADER_SIZE + entry.name.length, 0);
  if (directoryStart + directorySize + END_SIZE > MAX_TOTAL_BYTES) {
    throw new MailError('too_large', `zip of ${directoryStart + directorySize} bytes needs zip64`);
  }
  const directory = new Uint8Array(directorySize + END_SIZE);
  const view = new DataView(directory.buffer);
  let d = 0;
  for (const entry of entries) {
    writeCentralHeader(view, d, { ...headerFields(entry), directory: entry.directory, offset: entry.offset });
    directory.set(entry.name, d + CENTRAL_HEADER_SIZE);
    d += CENTRAL_HEADER_SIZE + entry.name.length;
  }
  view.setUint32(d, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(d + 8, entries.length, true);
  view.setUint16(d + 10, entries.length, true);
  view.setUint32(d + 12, directorySize, true);
  view.setUint32(d + 16, directoryStart, true);
  parts.push(directory);
  return new Blob(parts.finish(), { type: 'application/zip' });
}

/**
 * The pieces of an archive for its Blob, with each run of arrays (headers, small bodies, the directory) joined into
 * one: a Blob of thousands of pieces cost Chromium a few microseconds each (4,000 files are 8,000 pieces), one of a
 * few pieces does not. Blobs and large arrays stay pieces of their own, so their bytes are not copied once more.
 */
class ArchiveParts {
  private readonly parts: BlobPart[] = [];
  private run: Uint8Array[] = [];
  private runBytes = 0;

  push(piece: Blob | Uint8Array): void {
    if (!ArrayBuffer.isView(piece) || piece.byteLength > SMALL_BODY_BYTES) {
      this.endRun();
      this.parts.push(piece as BlobPart);
      return;
    }
    this.run.push(piece);
    this.runBytes += piece.byteLength;
  }

  finish(): BlobPart[] {
    this.endRun();
    return this.parts;
  }

  private endRun(): void {
    if (this.run.length === 0) return;
    const joined = this.run.length === 1 ? this.run[0]! : new Uint8Array(this.runBytes);
    if (this.run.length > 1) {
      let at = 0;
      for (const piece of this.run) {
        joined.set(piece, at);
        at += piece.byteLength;
      }
    }
    this.parts.push(joined as BlobPart);
    this.run = [];
    this.runBytes = 0;
  }
}

/**
 * dosDateTime for one archive, once per instant: the files of a message all carry the message's date, and reading
 * a wall clock costs Intl some microseconds, which 4,000 files of one message made a fifth of the zip's time.
 */
function memoisedDosDateTime(timeZone: string | undefined): (date: Date) => DosDateTime {
  const known = new Map<number, DosDateTime>();
  return (date) => {
    const instant = date.getTime();
    let dos = known.get(instant);
    if (!dos) {
      dos = dosDateTime(date, timeZone);
      known.set(instant, dos);
    }
    return dos;
  };
}

function headerFields(entry: PreparedEntry): HeaderFields {
  const { flags, method, crc, size, dosTime, dosDate } = entry;
  return {
    flags,
    method,
    crc,
    size,
    dosTime,
    dosDate,
    compressedSize: bodyBytes(entry.body),
    nameLength: entry.name.length,
    version: VERSION_DEFAULT,
    extraLength: 0,
  };
}

function foldersOf(entries: readonly { path: string }[]): string[] {
  return [...new Set(entries.flatMap((entry) => parentFolders(entry.path)))];
}

function assertUsablePaths(entries: readonly { path: string }[], folders: readonly string[]): void {
  const paths = new ZipPaths();
  for (const path of [...folders, ...entries.map((entry) => entry.path)]) paths.add(path);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}

function cancelled(signal: AbortSignal | undefined): MailError {
  return new MailError('cancelled', 'zip cancelled', { cause: signal?.reason });
}
