import { MboxrdBodyEscaper, fromLine } from '../mail/mbox';
import { existingFile, folderAt } from './directory';

/**
 * One folder's mbox (mboxrd, quoted exactly as src/mail/mbox.ts quotes), appended to one message at a time from
 * files already on disk, so downloads running in parallel never interleave in it and no message is held in memory.
 *
 * A writable's bytes reach the file only on `close()`, and reopening copies the whole file into a new swap file. So
 * the writable stays open across messages and is closed ("committed") only when what was added since the last
 * commit reaches half the committed size (at least COMMIT_BYTES): the copying adds up to about twice the final
 * size instead of growing with the square of it. The caller commits at the end of a folder, on pause and on cancel,
 * and vouches for appended messages in the manifest only after a commit.
 */

const COMMIT_BYTES = 16 * 1024 * 1024;
/** How far into a message its header block is looked for, to write the From_ line. */
const HEADER_SEARCH_BYTES = 1024 * 1024;

export interface AppendedRange {
  start: number;
  end: number;
}

export class MboxFile {
  #writable: FileSystemWritableFileStream | null = null;
  #committedEnd: number;
  #end: number;
  /** The file on disk may hold bytes past the vouched end (a run stopped between commit and manifest). */
  #mustTruncate = true;

  private constructor(
    private readonly handle: FileSystemFileHandle,
    vouchedEnd: number,
  ) {
    this.#committedEnd = vouchedEnd;
    this.#end = vouchedEnd;
  }

  /** The mbox at `path`, to be continued after its last byte the manifest vouches for (anything after is cut). */
  static async open(root: FileSystemDirectoryHandle, path: readonly string[], vouchedEnd: number): Promise<MboxFile> {
    const folder = (await folderAt(root, path.slice(0, -1), true))!;
    const handle = await folder.getFileHandle(path[path.length - 1]!, { create: true });
    return new MboxFile(handle, vouchedEnd);
  }

  /** Cuts the mbox at `path`, if there and longer, to `end`: bytes past the last vouched message are no message. */
  static async cutBack(root: FileSystemDirectoryHandle, path: readonly string[], end: number): Promise<void> {
    const folder = await folderAt(root, path.slice(0, -1), false);
    const handle = folder && (await existingFile(folder, path[path.length - 1]!));
    if (!handle || (await handle.getFile()).size <= end) return;
    const writable = await handle.createWritable({ keepExistingData: true });
    try {
      await writable.truncate(end);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => {});
      throw error;
    }
  }

  get end(): number {
    return this.#end;
  }

  get uncommitted(): number {
    return this.#end - this.#committedEnd;
  }

  get needsCommit(): boolean {
    return this.uncommitted >= Math.max(COMMIT_BYTES, this.#committedEnd / 2);
  }

  /** Appends the message in `file` (its raw bytes) as one mbox entry; returns where it lies in the mbox. */
  async append(file: Blob): Promise<AppendedRange> {
    const writable = await this.#open();
    const start = this.#end;
    const head = await headerBlock(file);
    let written = 0;
    const write = async (bytes: Uint8Array) => {
      if (bytes.length === 0) return;
      await writable.write(bytes as Uint8Array<ArrayBuffer>);
      written += bytes.length;
    };
    try {
      await write(new TextEncoder().encode(`${fromLine({ raw: head })}\n`));
      const escaper = new MboxrdBodyEscaper();
      const reader = file.stream().getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await write(escaper.push(value));
      }
      await write(escaper.finish());
    } catch (error) {
      // The half-written entry is cut off before the next one is appended (or by the next run).
      this.#end = start;
      await writable.seek(start).catch(() => {});
      await writable.truncate(start).catch(() => {});
      throw error;
    }
    this.#end = start + written;
    return { start, end: this.#end };
  }

  /** Makes what was appended reach the file. */
  async commit(): Promise<void> {
    if (!this.#writable) return;
    const writable = this.#writable;
    this.#writable = null;
    await writable.close();
    this.#committedEnd = this.#end;
  }

  /** Leaves the file as it was at the last commit. */
  async discard(): Promise<void> {
    const writable = this.#writable;
    this.#writable = null;
    this.#end = this.#committedEnd;
    await writable?.abort().catch(() => {});
  }

  async #open(): Promise<FileSystemWritableFileStream> {
    if (this.#writable) return this.#writable;
    const writable = await this.handle.createWritable({ keepExistingData: true });
    if (this.#mustTruncate) {
      await writable.truncate(this.#committedEnd);
      this.#mustTruncate = false;
    }
    await writable.seek(this.#committedEnd);
    this.#writable = writable;
    return writable;
  }
}

/** The message's header block (up to its empty line), read from the file in growing slices. */
async function headerBlock(file: Blob): Promise<Uint8Array> {
  for (let size = 64 * 1024; ; size *= 4) {
    const bytes = new Uint8Array(await file.slice(0, Math.min(size, HEADER_SEARCH_BYTES)).arrayBuffer());
    const end = endOfHeaders(bytes);
    if (end !== null) return bytes.subarray(0, end);
    if (bytes.length >= file.size || size >= HEADER_SEARCH_BYTES) return bytes;
  }
}

function endOfHeaders(bytes: Uint8Array): number | null {
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    const next = bytes[i + 1];
    if (next === 0x0a) return i + 2;
    if (next === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return null;
}
