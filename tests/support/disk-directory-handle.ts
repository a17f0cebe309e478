import { openAsBlob } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The File System Access API's directory and file handles, for node tests, backed by a real directory on disk so
 * that what a backup writes can be read by other programs (Python's mailbox, sha256sum). Only what the backup
 * engine uses is here, with the browser's semantics where they matter to it:
 *
 * - `createWritable()` writes into a swap file beside the target (`name.crswap`, as Chromium names it) that
 *   replaces the target only on `close()`; `keepExistingData` copies the target into the swap file first; `abort()`
 *   or a tab that dies leaves the target as it was.
 * - missing entries throw a DOMException named `NotFoundError`, a file where a folder is asked for
 *   `TypeMismatchError`, names with a slash `TypeError`.
 * - `getFile()` is a snapshot backed by the file on disk (not read into memory).
 *
 * `DiskState.crash()` plays the tab dying: from then on every operation of every handle of that state hangs for
 * ever, so nothing more reaches the disk and no promise of the dead page settles; the swap files stay behind.
 */

export class DiskState {
  #crashed = false;
  /** Counts closes of writables whose file name ends with a suffix, and crashes right after the n-th one. */
  #crashAfter: { suffix: string; remaining: number } | null = null;
  /** Bytes written through writables, to compare runs. */
  bytesWritten = 0;
  closes = 0;

  /** From this many closes on, createWritable throws QuotaExceededError (the disk is full). */
  refuseWritesAfter: number | null = null;

  get crashed(): boolean {
    return this.#crashed;
  }

  crash(): void {
    this.#crashed = true;
  }

  /** Crashes right after the `count`-th successful close of a file whose name ends with `suffix`. */
  crashAfterClosing(suffix: string, count: number): void {
    this.#crashAfter = { suffix, remaining: count };
  }

  /** Resolves for a live page; hangs for ever once it crashed. */
  async alive(): Promise<void> {
    if (this.#crashed) await new Promise<never>(() => {});
  }

  afterClose(name: string): void {
    this.closes++;
    const rule = this.#crashAfter;
    if (rule && name.endsWith(rule.suffix) && --rule.remaining === 0) this.crash();
  }
}

function domError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}

function checkName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    throw new TypeError(`Name is not allowed: ${JSON.stringify(name)}`);
  }
}

async function kindOf(path: string): Promise<'file' | 'directory' | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : 'file';
  } catch {
    return null;
  }
}

export class DiskDirectoryHandle {
  readonly kind = 'directory';

  constructor(
    readonly path: string,
    readonly name: string,
    readonly state: DiskState,
  ) {}

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<DiskDirectoryHandle> {
    await this.state.alive();
    checkName(name);
    const path = join(this.path, name);
    const kind = await kindOf(path);
    if (kind === 'file') throw domError('TypeMismatchError', `${name} is a file`);
    if (kind === null) {
      if (!options.create) throw domError('NotFoundError', `${name} not found`);
      // Two calls may create the same folder at once; the browser gives both the folder.
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      if ((await kindOf(path)) !== 'directory') throw domError('TypeMismatchError', `${name} is a file`);
    }
    return new DiskDirectoryHandle(path, name, this.state);
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<DiskFileHandle> {
    await this.state.alive();
    checkName(name);
    const path = join(this.path, name);
    const kind = await kindOf(path);
    if (kind === 'directory') throw domError('TypeMismatchError', `${name} is a folder`);
    if (kind === null) {
      if (!options.create) throw domError('NotFoundError', `${name} not found`);
      // 'a': made when missing, left as it is when another call made it meanwhile (never emptied).
      await (await open(path, 'a')).close();
    }
    return new DiskFileHandle(path, name, this.state);
  }

  async removeEntry(name: string, options: { recursive?: boolean } = {}): Promise<void> {
    await this.state.alive();
    checkName(name);
    const path = join(this.path, name);
    const kind = await kindOf(path);
    if (kind === null) throw domError('NotFoundError', `${name} not found`);
    if (kind === 'directory') {
      if (!options.recursive && (await readdir(path)).length > 0) {
        throw domError('InvalidModificationError', `${name} is not empty`);
      }
      await rm(path, { recursive: true });
    } else {
      await unlink(path);
    }
  }

  async *entries(): AsyncGenerator<[string, DiskDirectoryHandle | DiskFileHandle]> {
    await this.state.alive();
    for (const entry of await readdir(this.path, { withFileTypes: true })) {
      await this.state.alive();
      const path = join(this.path, entry.name);
      yield [
        entry.name,
        entry.isDirectory()
          ? new DiskDirectoryHandle(path, entry.name, this.state)
          : new DiskFileHandle(path, entry.name, this.state),
      ];
    }
  }

  async *keys(): AsyncGenerator<string> {
    for await (const [name] of this.entries()) yield name;
  }

  async *values(): AsyncGenerator<DiskDirectoryHandle | DiskFileHandle> {
    for await (const [, handle] of this.entries()) yield handle;
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }

  /** This handle as the browser type the engine is written against. */
  asBrowserHandle(): FileSystemDirectoryHandle {
    return this as unknown as FileSystemDirectoryHandle;
  }
}

export class DiskFileHandle {
  readonly kind = 'file';

  constructor(
    readonly path: string,
    readonly name: string,
    readonly state: DiskState,
  ) {}

  async getFile(): Promise<File> {
    await this.state.alive();
    const info = await stat(this.path).catch(() => null);
    if (!info) throw domError('NotFoundError', `${this.name} not found`);
    const blob = await openAsBlob(this.path);
    return new File([blob], this.name, { lastModified: info.mtimeMs });
  }

  async createWritable(options: { keepExistingData?: boolean } = {}): Promise<DiskWritable> {
    await this.state.alive();
    if (this.state.refuseWritesAfter !== null && this.state.closes >= this.state.refuseWritesAfter) {
      throw domError('QuotaExceededError', 'The disk is full.');
    }
    if ((await kindOf(this.path)) !== 'file') throw domError('NotFoundError', `${this.name} not found`);
    let swap = `${this.path}.crswap`;
    for (let n = 1; (await kindOf(swap)) !== null; n++) swap = `${this.path}.${n}.crswap`;
    if (options.keepExistingData) await copyFile(this.path, swap);
    const handle = await open(swap, options.keepExistingData ? 'r+' : 'w+');
    return new DiskWritable(handle, swap, this.path, this.name, this.state);
  }
}

type WriteData = ArrayBufferView | ArrayBuffer | Blob | string;
type WriteParams =
  | { type: 'write'; position?: number; data: WriteData }
  | { type: 'seek'; position: number }
  | { type: 'truncate'; size: number };

/** FileSystemWritableFileStream's methods: write, seek, truncate, close, abort. */
export class DiskWritable {
  #position = 0;
  #done = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly swapPath: string,
    private readonly targetPath: string,
    private readonly name: string,
    private readonly state: DiskState,
  ) {}

  async write(data: WriteData | WriteParams): Promise<void> {
    await this.#usable();
    if (typeof data === 'object' && data !== null && 'type' in data && !(data instanceof Blob)) {
      if (data.type === 'seek') return this.seek(data.position);
      if (data.type === 'truncate') return this.truncate(data.size);
      if (data.position !== undefined) this.#position = data.position;
      return this.write(data.data);
    }
    const bytes = await toBytes(data);
    await this.state.alive();
    const size = (await this.handle.stat()).size;
    if (this.#position > size) await this.handle.truncate(this.#position); // the gap reads as zeros
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, this.#position);
      written += bytesWritten;
      this.#position += bytesWritten;
    }
    this.state.bytesWritten += bytes.length;
  }

  async seek(position: number): Promise<void> {
    await this.#usable();
    this.#position = position;
  }

  async truncate(size: number): Promise<void> {
    await this.#usable();
    await this.handle.truncate(size);
    if (this.#position > size) this.#position = size;
  }

  async close(): Promise<void> {
    await this.#usable();
    this.#done = true;
    await this.handle.close();
    await this.state.alive();
    await rename(this.swapPath, this.targetPath);
    this.state.afterClose(this.name);
  }

  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.handle.close();
    await this.state.alive();
    await unlink(this.swapPath).catch(() => {});
  }

  async #usable(): Promise<void> {
    await this.state.alive();
    if (this.#done) throw new TypeError('The stream is closed.');
  }
}

async function toBytes(data: WriteData): Promise<Uint8Array> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A fresh handle (and crash switch) on a real directory. */
export function diskDirectory(path: string, state = new DiskState()): DiskDirectoryHandle {
  return new DiskDirectoryHandle(path, path.split('/').pop() ?? path, state);
}
