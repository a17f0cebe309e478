import JSZip from 'jszip';
import { chooseCompression, type ZipCompression } from './compressibility';
import { MailError } from './errors';
import { isValidDate, wallClock } from './wall-clock';

export interface ZipEntryInput {
  /** `name` or `folder/…/name`, every segment already made safe and unique (see FileNameAllocator / ZipLayout). */
  path: string;
  data: Uint8Array;
  /** Helps choose STORE or DEFLATE; see compressibility.ts. */
  mimeType?: string;
  /** Overrides the archive-wide date, e.g. each message's own date in a bulk export. */
  date?: Date;
  /** Overrides the automatic choice. */
  compression?: ZipCompression;
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

// Level 1 deflates text to roughly a third at several times the speed of the default level 6; the archive is written
// to a local disk, where the last few percent of size matter much less than a frozen tab.
const DEFLATE_LEVEL = 1;

// Classic zip (no zip64, which jszip cannot write) counts entries and offsets in 16 and 32 bits.
const MAX_ENTRIES = 0xffff;
const MAX_TOTAL_BYTES = 0xffffffff;

// The range a DOS date can express.
const DOS_FIRST = Date.UTC(1980, 0, 1);
const DOS_LAST = Date.UTC(2107, 11, 31, 23, 59, 58);

export async function buildZip(entries: readonly ZipEntryInput[], options: BuildZipOptions = {}): Promise<Uint8Array> {
  const { signal, onProgress } = options;
  throwIfCancelled(signal);
  const folders = foldersOf(entries);
  assertUsablePaths(entries, folders);
  const total = entries.reduce((sum, entry) => sum + entry.data.length, 0);
  if (entries.length + folders.length > MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
    throw new MailError('too_large', `zip of ${entries.length} entries and ${total} bytes needs zip64`);
  }

  const archiveDate = options.date ?? new Date();
  const zip = new JSZip();
  // Folder entries are written explicitly so they carry the message date rather than "now".
  for (const folder of folders) {
    zip.file(`${folder}/`, null, { dir: true, date: zipDate(archiveDate, options.timeZone) });
  }
  for (const entry of entries) {
    throwIfCancelled(signal);
    const compression = entry.compression ?? chooseCompression(entry.path, entry.mimeType, entry.data);
    zip.file(entry.path, entry.data, {
      binary: true,
      createFolders: false,
      date: zipDate(entry.date ?? archiveDate, options.timeZone),
      compression,
      ...(compression === 'DEFLATE' ? { compressionOptions: { level: DEFLATE_LEVEL } } : {}),
    });
  }

  const progress = onProgress ? progressTracker(zip, entries, onProgress) : undefined;
  const result = await generate(zip, signal, progress);
  onProgress?.({ done: total, total });
  return result;
}

function generate(
  zip: JSZip,
  signal: AbortSignal | undefined,
  onMeta: ((percent: number, currentFile: string | null) => void) | undefined,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    // An internal stream rather than generateAsync: it can be paused, which is how a cancel stops jszip's work
    // between two chunks instead of letting it run to the end in the background.
    const stream = zip.generateInternalStream({ type: 'uint8array', streamFiles: false });
    const onAbort = (): void => {
      stream.pause();
      reject(cancelled(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = (): void => signal?.removeEventListener('abort', onAbort);

    stream
      .on('data', (chunk, meta) => {
        chunks.push(chunk);
        onMeta?.(meta.percent, meta.currentFile);
      })
      .on('error', (error) => {
        cleanUp();
        reject(error);
      })
      .on('end', () => {
        cleanUp();
        resolve(concat(chunks));
      })
      .resume();
  });
}

/**
 * jszip reports an overall percentage that weighs every entry the same and names the entry being written. Turned
 * into bytes, so that one large file among small ones moves the bar at the right pace; never moves backwards.
 */
function progressTracker(
  zip: JSZip,
  entries: readonly ZipEntryInput[],
  onProgress: (progress: ZipProgress) => void,
): (percent: number, currentFile: string | null) => void {
  const sizeByPath = new Map(entries.map((entry) => [entry.path, entry.data.length]));
  const total = entries.reduce((sum, entry) => sum + entry.data.length, 0);
  const startOf = new Map<string, { index: number; before: number; size: number }>();
  let before = 0;
  let index = 0;
  // jszip writes entries in its own key order (integer-like names first), so the offsets follow that order.
  zip.forEach((path) => {
    const size = sizeByPath.get(path) ?? 0;
    startOf.set(path, { index, before, size });
    before += size;
    index++;
  });
  const entryCount = index;
  let reported = -1;
  return (percent, currentFile) => {
    const current = currentFile === null ? undefined : startOf.get(currentFile);
    if (!current) return;
    const filePercent = Math.min(100, Math.max(0, percent * entryCount - current.index * 100));
    const done = Math.min(total, Math.round(current.before + (current.size * filePercent) / 100));
    if (done <= reported) return;
    reported = done;
    onProgress({ done, total });
  };
}

function foldersOf(entries: readonly ZipEntryInput[]): string[] {
  const folders = new Set<string>();
  for (const entry of entries) {
    const segments = entry.path.split('/');
    for (let depth = 1; depth < segments.length; depth++) folders.add(segments.slice(0, depth).join('/'));
  }
  return [...folders];
}

// The caller owns naming; these checks only make sure a naming bug cannot produce an archive that overwrites files
// or writes outside the folder it is extracted to.
function assertUsablePaths(entries: readonly ZipEntryInput[], folders: readonly string[]): void {
  const seen = new Set<string>();
  for (const path of [...folders, ...entries.map((entry) => entry.path)]) {
    for (const segment of path.split('/')) {
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      if (segment === '' || segment === '.' || segment === '..' || /[\\\u0000-\u001f]/.test(segment)) {
        throw new Error(`unsafe zip entry path: ${JSON.stringify(path)}`);
      }
    }
    const key = path.normalize('NFC').toLowerCase();
    if (seen.has(key)) throw new Error(`duplicate zip entry path: ${JSON.stringify(path)}`);
    seen.add(key);
  }
}

/**
 * jszip writes the UTC fields of the date into the zone-less DOS time, so a Zurich user would see message times
 * one or two hours off. Shifting the instant by the zone offset makes those UTC fields show the local wall clock.
 */
function zipDate(date: Date, timeZone: string | undefined): Date {
  if (!isValidDate(date)) return new Date(DOS_FIRST);
  const c = wallClock(date, timeZone);
  const shifted = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return new Date(Math.min(DOS_LAST, Math.max(DOS_FIRST, shifted)));
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}

function cancelled(signal: AbortSignal | undefined): MailError {
  return new MailError('cancelled', 'zip cancelled', { cause: signal?.reason });
}
