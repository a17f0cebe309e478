import { crc32 } from './crc32';
import { MailError } from './errors';
import {
  dosDateTime,
  encodedName,
  parentFolders,
  pathKey,
  ZipPaths,
  type DosDateTime,
  type TakenKeys,
} from './zip-entry';
import {
  CENTRAL_HEADER_SIZE,
  DATA_DESCRIPTOR,
  END_OF_CENTRAL_DIRECTORY,
  END_SIZE,
  FLAG_DATA_DESCRIPTOR,
  LOCAL_HEADER_SIZE,
  METHOD_STORE,
  VERSION_DEFAULT,
  VERSION_ZIP64,
  ZIP64_COUNT_MARK,
  ZIP64_END_LOCATOR,
  ZIP64_END_OF_CENTRAL_DIRECTORY,
  ZIP64_END_SIZE,
  ZIP64_EXTRA,
  ZIP64_LOCATOR_SIZE,
  ZIP64_MARK,
} from './zip-format';
import { writeCentralHeader, writeLocalHeader } from './zip-records';

/**
 * Writes a zip archive as a stream, for archives too big for memory (the mailbox backup's .zip, built from files in
 * the origin-private file system). Each entry's bytes pass through once, checksummed on the way, into a sink (a
 * file); what stays in memory is the central directory, written as each entry ends (46 bytes plus the name, plus up
 * to 28 for zip64, per entry), a hash and a place per entry to refuse a path taken twice (about 32 bytes), and one
 * small output buffer.
 *
 * Entries are stored, not deflated: mail is mostly base64 of already-compressed attachments, and the project's
 * deflater runs at about 50 MB/s where storing runs at the speed of CRC-32 or the disk (measured in the README). Bytes whose
 * length is not known beforehand get a data descriptor (general purpose bit 3): CRC and sizes follow the data, so
 * nothing has to be read twice or sought back to. ZIP64 records appear where a value needs them ('auto') or
 * everywhere ('always', for tests): a zip64 extra field in the local header when an entry is announced at 4 GiB or
 * more, in the central header when its sizes or offset reach 4 GiB, and the zip64 end record and locator when there
 * are 65,535 entries or more, or the directory starts at 4 GiB or beyond or is itself that long.
 */

export interface ZipSink {
  write(chunk: Uint8Array): Promise<void>;
}

export interface ZipStreamEntry {
  /** `name` or `folder/…/name`, every segment already safe and unique (the folders get entries of their own). */
  path: string;
  /** Shown as the file's date; now when omitted. */
  modified?: Date;
  /**
   * The byte count when it is known before the bytes arrive (a File's size, a Content-Length); a Uint8Array's is its
   * length. Bytes of another length fail the entry. Only an entry known to be 4 GiB or more gets zip64 sizes in its
   * local header, so bytes of unannounced length must stay under 4 GiB.
   */
  size?: number;
}

export interface ZipStreamOptions {
  /** 'auto' (default): zip64 records only where a count, size or offset needs them; 'always': everywhere. */
  zip64?: 'auto' | 'always';
  /** Zone the entry times are written in (zip stores a zone-less wall clock); the reader's zone by default. */
  timeZone?: string;
}

export interface ZipStreamTotals {
  /** Entries in the archive's directory: the files and the folders they lie in. */
  entries: number;
  /** Length of the whole archive, as written to the sink. */
  bytes: number;
}

export type ZipStreamSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;

const MAX_32 = 0xffffffff;
/** Small writes (headers, small files, the directory) are gathered into one sink write of up to this many bytes. */
const BUFFER_BYTES = 256 * 1024;
/** Chunks at least this large go to the sink as they are, after whatever is gathered. */
const PASS_THROUGH_BYTES = 64 * 1024;
/** The central directory is kept in blocks of this size, so it grows without being copied. */
const DIRECTORY_BLOCK_BYTES = 64 * 1024;
const DATA_DESCRIPTOR_SIZE = 16;
const DATA_DESCRIPTOR_ZIP64_SIZE = 24;
const ZIP64_LOCAL_EXTRA_SIZE = 20;
const EMPTY = new Uint8Array(0);

interface FinishedEntry {
  name: Uint8Array;
  flags: number;
  dos: DosDateTime;
  crc: number;
  size: number;
  offset: number;
  directory: boolean;
}

export class ZipStreamWriter {
  readonly #sink: ZipSink;
  readonly #always: boolean;
  readonly #timeZone: string | undefined;
  readonly #directory = new GrowingBytes(DIRECTORY_BLOCK_BYTES);
  readonly #taken = new DirectoryKeys(this.#directory);
  readonly #paths = new ZipPaths(this.#taken);
  /** Folders already in the archive, exactly as written; a case variant of one is refused by #paths. */
  readonly #folders = new Set<string>();
  #entries = 0;
  /** Bytes of the archive so far, including those still in #buffer. */
  #offset = 0;
  #buffer = new Uint8Array(BUFFER_BYTES);
  #buffered = 0;
  #state: 'open' | 'writing' | 'finished' | 'broken' = 'open';

  constructor(sink: ZipSink, options: ZipStreamOptions = {}) {
    this.#sink = sink;
    this.#always = options.zip64 === 'always';
    this.#timeZone = options.timeZone;
  }

  /**
   * Writes one stored file whose bytes come from `source` (its size may be unknown beforehand), after an entry for
   * each of its folders not yet in the archive. Resolves once its bytes are in the sink, except for up to 256 KiB
   * gathered for the next write, which the next entry or finish() passes on. Entries are added one after another,
   * never concurrently. A path that is unsafe or already taken is refused before anything is written, and the archive
   * stays usable; a source that fails, or bytes of another length than announced, leave it incomplete, and every later
   * call refuses.
   */
  async addFile(entry: ZipStreamEntry, source: ZipStreamSource): Promise<void> {
    this.#begin();
    let refused = true;
    try {
      const folders = parentFolders(entry.path).filter((folder) => !this.#folders.has(folder));
      const names = [...folders.map((folder) => `${folder}/`), entry.path].map(encodedName);
      if (names.some(({ name }) => name.length > 0xffff)) throw new Error(`zip entry path too long: ${entry.path}`);
      if (entry.size !== undefined && !(Number.isSafeInteger(entry.size) && entry.size >= 0)) {
        throw new Error(`not a size: ${entry.size}`);
      }
      if (ArrayBuffer.isView(source) && entry.size !== undefined && entry.size !== source.byteLength) {
        throw lengthMismatch(entry, source.byteLength);
      }
      this.#paths.add(...folders, entry.path);
      refused = false;
      const dos = dosDateTime(entry.modified ?? new Date(), this.#timeZone);
      const file = names.pop()!;
      for (const [i, folder] of names.entries()) {
        await this.#writeBytes({ ...folder, dos, directory: true }, EMPTY);
        this.#folders.add(folders[i]!);
      }
      if (ArrayBuffer.isView(source)) {
        await this.#writeBytes({ ...file, dos, directory: false }, source);
      } else {
        await this.#writeStream({ ...file, dos, entry }, source);
      }
      this.#state = 'open';
    } catch (error) {
      this.#state = refused ? 'open' : 'broken';
      throw error;
    }
  }

  /** Writes the central directory (and the zip64 end records when needed) and returns the totals. */
  async finish(): Promise<ZipStreamTotals> {
    this.#begin();
    try {
      const directoryOffset = this.#offset;
      const directorySize = this.#directory.length;
      for (const block of this.#directory.blocks()) await this.#write(block);
      const count = this.#entries;
      const zip64 = this.#always || count >= ZIP64_COUNT_MARK || directoryOffset >= MAX_32 || directorySize >= MAX_32;
      if (zip64) await this.#write(zip64End(count, directorySize, directoryOffset, this.#offset));
      await this.#write(end(count, directorySize, directoryOffset, zip64));
      await this.#flush();
      this.#state = 'finished';
      return { entries: count, bytes: this.#offset };
    } catch (error) {
      this.#state = 'broken';
      throw error;
    }
  }

  #begin(): void {
    if (this.#state === 'writing') throw new Error('zip entries are added one after another, not concurrently');
    if (this.#state === 'finished') throw new Error('zip archive already finished');
    if (this.#state === 'broken') throw new Error('zip archive incomplete after an earlier failure');
    this.#state = 'writing';
  }

  /** Bytes in hand: CRC and sizes go in the local header, no data descriptor. */
  async #writeBytes(
    file: { name: Uint8Array; flags: number; dos: DosDateTime; directory: boolean },
    bytes: Uint8Array,
  ): Promise<void> {
    const offset = this.#offset;
    const crc = crc32(bytes);
    const zip64 = this.#always || bytes.length >= MAX_32;
    await this.#write(localHeader(file.name, file.flags, file.dos, zip64, { crc, size: bytes.length }));
    await this.#write(bytes);
    this.#record({ ...file, crc, size: bytes.length, offset });
  }

  /** Bytes that arrive: the local header says "see the data descriptor", which follows them. */
  async #writeStream(
    file: { name: Uint8Array; flags: number; dos: DosDateTime; entry: ZipStreamEntry },
    source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  ): Promise<void> {
    const { entry } = file;
    const offset = this.#offset;
    const flags = file.flags | FLAG_DATA_DESCRIPTOR;
    const zip64 = this.#always || (entry.size !== undefined && entry.size >= MAX_32);
    await this.#write(localHeader(file.name, flags, file.dos, zip64, null));
    let crc = 0;
    let size = 0;
    for await (const chunk of chunksOf(source)) {
      if (!ArrayBuffer.isView(chunk)) throw new TypeError(`zip entry ${entry.path}: a chunk is not a Uint8Array`);
      crc = crc32(chunk, crc);
      size += chunk.byteLength;
      if (entry.size !== undefined && size > entry.size) throw lengthMismatch(entry, size);
      if (!zip64 && size >= MAX_32) {
        throw new MailError('too_large', `zip entry ${entry.path} passed 4 GiB without announcing its size`);
      }
      await this.#write(chunk);
    }
    if (entry.size !== undefined && size !== entry.size) throw lengthMismatch(entry, size);
    await this.#write(dataDescriptor(crc, size, zip64));
    this.#record({ name: file.name, flags, dos: file.dos, crc, size, offset, directory: false });
  }

  /** The entry's central directory record, made now so that nothing else of it needs to be kept. */
  #record(entry: FinishedEntry): void {
    const sizes = this.#always || entry.size >= MAX_32;
    const offset = this.#always || entry.offset >= MAX_32;
    const extraData = (sizes ? 16 : 0) + (offset ? 8 : 0);
    const extra = extraData === 0 ? 0 : 4 + extraData;
    const record = new Uint8Array(CENTRAL_HEADER_SIZE + entry.name.length + extra);
    const view = new DataView(record.buffer);
    const size32 = sizes ? ZIP64_MARK : entry.size;
    writeCentralHeader(view, 0, {
      version: extra === 0 ? VERSION_DEFAULT : VERSION_ZIP64,
      flags: entry.flags,
      method: METHOD_STORE,
      ...entry.dos,
      crc: entry.crc,
      compressedSize: size32,
      size: size32,
      nameLength: entry.name.length,
      extraLength: extra,
      directory: entry.directory,
      offset: offset ? ZIP64_MARK : entry.offset,
    });
    record.set(entry.name, CENTRAL_HEADER_SIZE);
    if (extra > 0) {
      let at = CENTRAL_HEADER_SIZE + entry.name.length;
      view.setUint16(at, ZIP64_EXTRA, true);
      view.setUint16(at + 2, extraData, true);
      at += 4;
      if (sizes) {
        setUint64(view, at, entry.size); // uncompressed
        setUint64(view, at + 8, entry.size); // compressed: stored
        at += 16;
      }
      if (offset) setUint64(view, at, entry.offset);
    }
    this.#taken.recorded(this.#directory.length);
    this.#directory.append(record);
    this.#entries++;
  }

  async #write(bytes: Uint8Array): Promise<void> {
    this.#offset += bytes.byteLength;
    if (bytes.byteLength >= PASS_THROUGH_BYTES) {
      await this.#flush();
      await this.#sink.write(bytes);
      return;
    }
    if (this.#buffered + bytes.byteLength > this.#buffer.length) await this.#flush();
    this.#buffer.set(bytes, this.#buffered);
    this.#buffered += bytes.byteLength;
  }

  async #flush(): Promise<void> {
    if (this.#buffered === 0) return;
    // A fresh buffer each time: the sink may still hold the last one (a stream's queue).
    const chunk = this.#buffer.subarray(0, this.#buffered);
    this.#buffer = new Uint8Array(BUFFER_BYTES);
    this.#buffered = 0;
    await this.#sink.write(chunk);
  }
}

/** A local header; `known` null for bytes still to come (zeros here, the data descriptor has them). */
function localHeader(
  name: Uint8Array,
  flags: number,
  dos: DosDateTime,
  zip64: boolean,
  known: { crc: number; size: number } | null,
): Uint8Array {
  const extra = zip64 ? ZIP64_LOCAL_EXTRA_SIZE : 0;
  const header = new Uint8Array(LOCAL_HEADER_SIZE + name.length + extra);
  const view = new DataView(header.buffer);
  const size = known?.size ?? 0;
  const size32 = zip64 ? ZIP64_MARK : size;
  writeLocalHeader(view, 0, {
    version: zip64 ? VERSION_ZIP64 : VERSION_DEFAULT,
    flags,
    method: METHOD_STORE,
    ...dos,
    crc: known?.crc ?? 0,
    compressedSize: size32,
    size: size32,
    nameLength: name.length,
    extraLength: extra,
  });
  header.set(name, LOCAL_HEADER_SIZE);
  if (zip64) {
    // The local zip64 field carries both sizes, always (APPNOTE 4.5.3); zeros when the descriptor has them.
    const at = LOCAL_HEADER_SIZE + name.length;
    view.setUint16(at, ZIP64_EXTRA, true);
    view.setUint16(at + 2, 16, true);
    setUint64(view, at + 4, size);
    setUint64(view, at + 12, size);
  }
  return header;
}

/** CRC and sizes after the bytes; 8-byte sizes exactly when the local header has a zip64 field (APPNOTE 4.3.9). */
function dataDescriptor(crc: number, size: number, zip64: boolean): Uint8Array {
  const descriptor = new Uint8Array(zip64 ? DATA_DESCRIPTOR_ZIP64_SIZE : DATA_DESCRIPTOR_SIZE);
  const view = new DataView(descriptor.buffer);
  view.setUint32(0, DATA_DESCRIPTOR, true);
  view.setUint32(4, crc, true);
  if (zip64) {
    setUint64(view, 8, size);
    setUint64(view, 16, size);
  } else {
    view.setUint32(8, size, true);
    view.setUint32(12, size, true);
  }
  return descriptor;
}

/** The zip64 end of central directory record and its locator, which the classic end record follows. */
function zip64End(count: number, directorySize: number, directoryOffset: number, at: number): Uint8Array {
  const bytes = new Uint8Array(ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, ZIP64_END_OF_CENTRAL_DIRECTORY, true);
  setUint64(view, 4, ZIP64_END_SIZE - 12); // size of the rest of the record
  view.setUint16(12, VERSION_ZIP64, true); // made by
  view.setUint16(14, VERSION_ZIP64, true); // needed
  // this disk and the directory's disk stay 0
  setUint64(view, 24, count); // on this disk
  setUint64(view, 32, count); // in all
  setUint64(view, 40, directorySize);
  setUint64(view, 48, directoryOffset);
  view.setUint32(ZIP64_END_SIZE, ZIP64_END_LOCATOR, true);
  // the disk with the zip64 end record stays 0
  setUint64(view, ZIP64_END_SIZE + 8, at);
  view.setUint32(ZIP64_END_SIZE + 16, 1, true); // disks in all
  return bytes;
}

/** The classic end record; with zip64, every count, size and offset in it says "see the zip64 record". */
function end(count: number, directorySize: number, directoryOffset: number, zip64: boolean): Uint8Array {
  const bytes = new Uint8Array(END_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(8, zip64 ? ZIP64_COUNT_MARK : count, true);
  view.setUint16(10, zip64 ? ZIP64_COUNT_MARK : count, true);
  view.setUint32(12, zip64 ? ZIP64_MARK : directorySize, true);
  view.setUint32(16, zip64 ? ZIP64_MARK : directoryOffset, true);
  return bytes;
}

/** Little-endian 64-bit from a safe integer, without BigInt. */
function setUint64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x1_0000_0000, true);
  view.setUint32(at + 4, Math.floor(value / 0x1_0000_0000), true);
}

function lengthMismatch(entry: ZipStreamEntry, size: number): Error {
  return new Error(`zip entry ${entry.path}: ${size} bytes where ${entry.size} were announced`);
}

/**
 * Safari's ReadableStream is not async-iterable: read it through its reader, and cancel it when the entry stops
 * early (a length that does not match), so that the file or download behind it is let go.
 */
async function* chunksOf(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (!('getReader' in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } catch (error) {
    finished = true; // the stream failed: nothing to cancel
    throw error;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Bytes appended in fixed-size blocks: growing never copies what is already there. */
class GrowingBytes {
  readonly #blockSize: number;
  readonly #full: Uint8Array[] = [];
  #current: Uint8Array;
  #used = 0;
  #length = 0;

  constructor(blockSize: number) {
    this.#blockSize = blockSize;
    this.#current = new Uint8Array(blockSize);
  }

  get length(): number {
    return this.#length;
  }

  append(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      if (this.#used === this.#current.length) {
        this.#full.push(this.#current);
        this.#current = new Uint8Array(this.#blockSize);
        this.#used = 0;
      }
      const take = Math.min(bytes.length - from, this.#current.length - this.#used);
      this.#current.set(bytes.subarray(from, from + take), this.#used);
      this.#used += take;
      from += take;
    }
    this.#length += bytes.length;
  }

  blocks(): Uint8Array[] {
    return [...this.#full, this.#current.subarray(0, this.#used)];
  }

  /** A copy of `length` bytes from `start`, which may span blocks. */
  read(start: number, length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let done = 0; done < length;) {
      const at = start + done;
      const index = Math.floor(at / this.#blockSize);
      const block = index < this.#full.length ? this.#full[index]! : this.#current;
      const from = at - index * this.#blockSize;
      const take = Math.min(length - done, this.#blockSize - from);
      bytes.set(block.subarray(from, from + take), done);
      done += take;
    }
    return bytes;
  }
}

/**
 * The paths taken, remembered as a 30-bit hash of each key and where its record lies in the directory, which holds
 * the name itself: about 32 bytes an entry, where a set of the keys would take as much again as the directory. A
 * hash that matches is checked against the name read back from the directory. Keys are added in the order their
 * records are appended (a file's folders, then the file), and every record is appended before the next addFile.
 */
class DirectoryKeys implements TakenKeys {
  readonly #directory: GrowingBytes;
  /** Hash → index of the key (its record's number), or the indices when several keys share the hash. */
  readonly #byHash = new Map<number, number | number[]>();
  #recordStarts = new Uint32Array(1024);
  #added = 0;
  #recorded = 0;

  constructor(directory: GrowingBytes) {
    this.#directory = directory;
  }

  has(key: string): boolean {
    const found = this.#byHash.get(keyHash(key));
    if (found === undefined) return false;
    return (typeof found === 'number' ? [found] : found).some((index) => this.#keyAt(index) === key);
  }

  add(key: string): void {
    const hash = keyHash(key);
    const index = this.#added++;
    const found = this.#byHash.get(hash);
    if (found === undefined) this.#byHash.set(hash, index);
    else if (typeof found === 'number') this.#byHash.set(hash, [found, index]);
    else found.push(index);
  }

  /** The next key's record starts at `start` in the directory. */
  recorded(start: number): void {
    if (start > MAX_32) throw new MailError('too_large', 'zip directory over 4 GiB');
    if (this.#recorded === this.#recordStarts.length) {
      const grown = new Uint32Array(this.#recordStarts.length * 2);
      grown.set(this.#recordStarts);
      this.#recordStarts = grown;
    }
    this.#recordStarts[this.#recorded++] = start;
  }

  #keyAt(index: number): string | null {
    // Only a failed entry leaves a key without its record, and after one the writer refuses every call.
    if (index >= this.#recorded) return null;
    const start = this.#recordStarts[index]!;
    const nameLength = new DataView(this.#directory.read(start + 28, 2).buffer).getUint16(0, true);
    return pathKey(utf8.decode(this.#directory.read(start + CENTRAL_HEADER_SIZE, nameLength)));
  }
}

const utf8 = new TextDecoder();

/**
 * FNV-1a over the key's UTF-16 units, cut to 30 bits so that V8 keeps it a small integer, not a boxed number.
 * Exported for the test that makes two paths share a hash.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}
