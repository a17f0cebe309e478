import { fileNames, folderAt, removeIfThere, writeSmallFile } from './directory';
import { JOURNAL_FOLDER, MANIFEST_FILE, WORK_FOLDER } from './layout';

/**
 * The backup's memory: one JSON line per message that is safely in the destination, written as messages land, so a
 * run stopped at any moment (tab closed, crash, lost network, expired session, cancel) is resumed from it and a
 * later run fetches only what is new.
 *
 * A file written with `createWritable` appears only when closed, and appending to it means copying it whole first.
 * So lines are not appended to one file: each commit writes a new small journal segment
 * (`.backup-work/journal/000042.jsonl`) holding the lines that landed meanwhile, and at the end of a run the
 * segments are folded into `manifest.jsonl` (replaced whole, by the swap-on-close) and removed. A later line for
 * the same message replaces an earlier one, so a fold interrupted half-way only repeats lines.
 */

export type ManifestFormat = 'eml' | 'mbox' | 'staged';

export interface ManifestEntry {
  /** Mailbox email, as the folder of the backup is named. */
  mailbox: string;
  mailboxUuid: string;
  folderId: string;
  folderPath: string;
  /** The message's short uid in its folder. */
  uid: string;
  messageId: string;
  /** As the server gives it (ISO 8601). */
  date: string;
  subject: string;
  from: string;
  to: string;
  /** Bytes of the raw message as the server sent them. */
  size: number;
  /** Of the raw message as the server sent it (before any mbox quoting). */
  sha256: string;
  /** 'eml': a file of its own; 'mbox': bytes [mboxStart, mboxEnd) of an mbox; 'staged': downloaded for an mbox
   * and not yet in it (the file under .backup-work/staging). */
  format: ManifestFormat;
  /** Relative to the backup folder, '/'-separated. */
  path: string;
  mboxStart?: number;
  mboxEnd?: number;
}

/**
 * One message in one format: the same destination may hold a folder as .eml files and as an mbox, and a message
 * staged for an mbox is the same message as its entry in the mbox.
 */
export function entryKey(entry: Pick<ManifestEntry, 'format' | 'mailboxUuid' | 'folderId' | 'uid'>): string {
  return `${entry.format === 'eml' ? 'eml' : 'mbox'}\n${entry.mailboxUuid}\n${entry.folderId}\n${entry.uid}`;
}

const SEGMENT_DIGITS = 8;
/** Segments after which the journal is folded into manifest.jsonl during a run (each fold rewrites it whole). */
const FOLD_AFTER_SEGMENTS = 1000;

export class Manifest {
  readonly #root: FileSystemDirectoryHandle;
  readonly #journal: FileSystemDirectoryHandle;
  readonly #entries = new Map<string, ManifestEntry>();
  #nextSegment: number;
  #segments: string[];
  #pending: ManifestEntry[] = [];
  #writing: Promise<void> | null = null;
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    root: FileSystemDirectoryHandle,
    journal: FileSystemDirectoryHandle,
    segments: string[],
    nextSegment: number,
  ) {
    this.#root = root;
    this.#journal = journal;
    this.#segments = segments;
    this.#nextSegment = nextSegment;
  }

  /** Reads `manifest.jsonl` and every journal segment left by earlier runs, oldest first. */
  static async open(root: FileSystemDirectoryHandle): Promise<Manifest> {
    const journal = (await folderAt(root, [WORK_FOLDER, JOURNAL_FOLDER], true))!;
    const segments = (await fileNames(journal)).filter((name) => /^\d+\.jsonl$/.test(name)).sort();
    const last = segments.length > 0 ? Number.parseInt(segments[segments.length - 1]!, 10) : 0;
    const manifest = new Manifest(root, journal, segments, last + 1);
    manifest.#readLines(await readTextIfThere(root, MANIFEST_FILE));
    for (const name of segments) manifest.#readLines(await readTextIfThere(journal, name));
    return manifest;
  }

  /** A manifest that vouches for nothing (for a report when the destination could not be read). */
  static empty(root: FileSystemDirectoryHandle): Manifest {
    return new Manifest(root, root, [], 1);
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): IterableIterator<ManifestEntry> {
    return this.#entries.values();
  }

  get(key: string): ManifestEntry | undefined {
    return this.#entries.get(key);
  }

  /** Forgets an entry the destination no longer vouches for (its file is gone or shorter); it will be fetched again. */
  forget(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * Resolves once the entries are written to the destination (in a journal segment). Entries recorded while a
   * segment is being written go together into the next one.
   */
  record(...entries: ManifestEntry[]): Promise<void> {
    for (const entry of entries) this.#entries.set(entryKey(entry), entry);
    this.#pending.push(...entries);
    const written = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#writing) this.#writing = this.#flush();
    return written;
  }

  /** Folds the journal into manifest.jsonl (written whole, replacing the old one only when complete). */
  async compact(): Promise<void> {
    await this.#idle();
    await this.#fold();
  }

  async #fold(): Promise<void> {
    const folded = [...this.#segments];
    const lines = [...this.#entries.values()].map((entry) => `${JSON.stringify(entry)}\n`).join('');
    await writeSmallFile(this.#root, MANIFEST_FILE, lines);
    for (const name of folded) await removeIfThere(this.#journal, name);
    this.#segments = this.#segments.filter((name) => !folded.includes(name));
  }

  async #idle(): Promise<void> {
    while (this.#writing) await this.#writing.catch(() => {});
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      const name = `${String(this.#nextSegment++).padStart(SEGMENT_DIGITS, '0')}.jsonl`;
      try {
        await writeSmallFile(this.#journal, name, batch.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        this.#segments.push(name);
        // A resumed run reads every segment: folded now and then, they stay few however long the backup.
        if (this.#segments.length >= FOLD_AFTER_SEGMENTS) await this.#fold();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#writing = null;
  }

  #readLines(text: string | null): void {
    if (!text) return;
    for (const line of text.split('\n')) {
      const entry = parseEntry(line);
      if (entry) this.#entries.set(entryKey(entry), entry);
    }
  }
}

/** A line as written by `record`; anything else (a line cut short, a stray edit) is not trusted. */
function parseEntry(line: string): ManifestEntry | null {
  if (line.trim() === '') return null;
  let value: Partial<ManifestEntry>;
  try {
    value = JSON.parse(line) as Partial<ManifestEntry>;
  } catch {
    return null;
  }
  const strings = ['mailbox', 'mailboxUuid', 'folderId', 'folderPath', 'uid', 'path', 'sha256'] as const;
  if (!value || strings.some((field) => typeof value[field] !== 'string' || value[field] === '')) return null;
  if (!Number.isInteger(value.size) || value.size! < 0) return null;
  if (value.format !== 'eml' && value.format !== 'mbox' && value.format !== 'staged') return null;
  if (value.format === 'mbox') {
    if (!Number.isInteger(value.mboxStart) || !Number.isInteger(value.mboxEnd)) return null;
    if (value.mboxStart! < 0 || value.mboxEnd! <= value.mboxStart!) return null;
  }
  return {
    messageId: '',
    date: '',
    subject: '',
    from: '',
    to: '',
    ...value,
  } as ManifestEntry;
}

async function readTextIfThere(folder: FileSystemDirectoryHandle, name: string): Promise<string | null> {
  try {
    return await (await (await folder.getFileHandle(name)).getFile()).text();
  } catch (error) {
    if ((error as { name?: string })?.name === 'NotFoundError') return null;
    throw error;
  }
}
