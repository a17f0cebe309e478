import type { KsuiteApiClient } from '../ksuite/api-client';
import { KsuiteApiError } from '../ksuite/api-error';
import type { Folder } from '../ksuite/types';
import { emlFileName } from '../mail/naming';
import { FileNameAllocator } from '../mail/safe-file-name';
import { t } from '../i18n';
import type {
  BackupControls,
  BackupFormat,
  BackupProgress,
  BackupReport,
  BackupSelection,
  BackupState,
  FailedMessage,
} from './contract';
import { localDayRange } from './date-range';
import { existingFile, folderAt, removeIfThere, writeSmallFile, fileNames } from './directory';
import { downloadToFile } from './download-message';
import { MESSAGE_MEMORY_BYTES, MessageBuffers } from './message-buffers';
import { diskErrorMessage, failureReason, listingFailureReason } from './failure-reason';
import { FetchPace } from './fetch-pace';
import { indexCsv } from './index-csv';
import {
  INDEX_FILE,
  REPORT_FILE,
  STAGING_FOLDER,
  WORK_FOLDER,
  emlFolder,
  joinPath,
  mboxPath,
  splitPath,
} from './layout';
import { listFolderMessages, type ListedMessage, type ListingStrategy } from './list-messages';
import { Manifest, entryKey, type ManifestEntry } from './manifest';
import { MboxFile } from './mbox-file';
import { ProgressMeter } from './progress-meter';
import { buildReport, vouchedEntry, type FolderInRun } from './report';
import { reportHtml } from './report-html';
import { streamingSha256 } from './sha256';
import { verifyManifest } from './verify-manifest';

/**
 * One backup into one destination: lists the chosen folders, skips what the manifest vouches for, downloads the rest
 * a few at a time, writes each message as .eml or into its folder's mbox, and ends with the report. Pause, resume,
 * cancel and "retry the missing ones" act on this object; the page only sees `BackupControls` and progress.
 */

export interface EngineTiming {
  /** First pause before retrying a 5xx, a network fault or a cut body; doubled each time. */
  retryBaseMs: number;
  /** Pause after a 429 that carries no Retry-After. */
  rateLimitFallbackMs: number;
  /** Least time between two progress reports (state changes are reported at once). */
  progressIntervalMs: number;
}

export interface BackupRunOptions {
  api: KsuiteApiClient;
  destination: FileSystemDirectoryHandle;
  selection: BackupSelection;
  parallelism?: number;
  onProgress: (progress: BackupProgress) => void;
  /** For tests and benches: shorter pauses. */
  timing?: Partial<EngineTiming>;
  /** For tests and benches: one listing strategy for every folder instead of the one total_count suggests. */
  listingStrategy?: ListingStrategy;
}

const DEFAULT_TIMING: EngineTiming = { retryBaseMs: 1000, rateLimitFallbackMs: 5000, progressIntervalMs: 200 };
/** Attempts per message for 5xx, network faults, cut bodies and answers that are not a message. */
const MAX_ATTEMPTS = 4;
/** 429s one message may meet before it is given up (each one also slows every download down). */
const MAX_RATE_LIMITS = 8;

interface Task {
  folder: FolderState;
  message: ListedMessage;
  /** 'append': downloaded by an earlier run into the staging folder, only the mbox append is left. */
  kind: 'download' | 'append';
  staged?: ManifestEntry;
  attempts: number;
  rateLimits: number;
  /** The .eml path given to this message (kept across its retries). */
  emlPath?: string[];
}

interface FolderState extends FolderInRun {
  separator: string;
  /** Tasks of this folder not finished yet; at 0 its mbox is committed. */
  remaining: number;
}

interface OpenMbox {
  path: string;
  file: MboxFile;
  /** Appends and commits, one after the other. */
  chain: Promise<void>;
  /** Appended since the last commit: vouched for once committed. */
  pending: ManifestEntry[];
  stagedNames: string[];
}

class Cancelled extends Error {}

export class BackupRun implements BackupControls {
  readonly #api: KsuiteApiClient;
  readonly #root: FileSystemDirectoryHandle;
  readonly #selection: BackupSelection;
  readonly #format: BackupFormat;
  readonly #onProgress: (progress: BackupProgress) => void;
  readonly #timing: EngineTiming;
  readonly #listingStrategy: ListingStrategy | undefined;
  readonly #pace: FetchPace;
  readonly #meter = new ProgressMeter();
  /** Where messages are read to be checked, hashed and written: reused, within a budget (see MessageBuffers). */
  readonly #buffers = new MessageBuffers(MESSAGE_MEMORY_BYTES);

  #state: BackupState = 'listing';
  /** What the run does when not held ('listing' or 'running'). */
  #phase: BackupState = 'listing';
  #cancelled = false;
  #abort = new AbortController();
  #resumeWaiters: (() => void)[] = [];
  #done: Promise<BackupReport>;
  #error: string | undefined;

  #manifest: Manifest | null = null;
  #vouchedEnds = new Map<string, number>();
  #folders: FolderState[] | null = null;
  #failed: FailedMessage[] = [];
  #messagesDone = 0;
  #messagesTotal = 0;
  #bytesDone = 0;
  #bytesTotal = 0;
  #alreadyThere = 0;
  #fetched = 0;
  #bytesFetched = 0;
  #currentFolder: BackupProgress['currentFolder'] = null;
  #lastEmit = 0;
  #mboxes = new Map<string, OpenMbox>();
  #allocators = new Map<string, FileNameAllocator>();
  #folderHandles = new Map<string, Promise<FileSystemDirectoryHandle>>();
  #running = new Set<Promise<void>>();
  /** A write the destination refused: the run stops with it. */
  #fatal: unknown = null;

  constructor(options: BackupRunOptions) {
    this.#api = options.api;
    this.#root = options.destination;
    this.#selection = options.selection;
    this.#format = options.selection.format;
    this.#onProgress = options.onProgress;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#listingStrategy = options.listingStrategy;
    this.#pace = new FetchPace(options.parallelism ?? 4);
    this.#done = this.#pass();
  }

  get done(): Promise<BackupReport> {
    return this.#done;
  }

  get state(): BackupState {
    return this.#state;
  }

  pause(): void {
    if (this.#state === 'listing' || this.#state === 'running') this.#setState('paused');
  }

  resume(): void {
    if (this.#state !== 'paused' && this.#state !== 'needs-sign-in') return;
    this.#meter.reset();
    this.#setState(this.#phase);
    const waiters = this.#resumeWaiters;
    this.#resumeWaiters = [];
    for (const wake of waiters) wake();
    this.#pace.wake();
  }

  cancel(): void {
    if (this.#cancelled || ['done', 'cancelled', 'failed'].includes(this.#state)) return;
    this.#cancelled = true;
    this.#abort.abort(new Cancelled('cancelled'));
    for (const wake of this.#resumeWaiters.splice(0)) wake();
    this.#pace.wake();
  }

  retryFailed(): void {
    if (!['done', 'cancelled', 'failed'].includes(this.#state)) return;
    this.#cancelled = false;
    this.#fatal = null;
    this.#abort = new AbortController();
    this.#error = undefined;
    this.#done = this.#pass();
  }

  // ---- one pass: list (once), plan, fetch, finish ----

  async #pass(): Promise<BackupReport> {
    const startedAt = new Date().toISOString();
    this.#failed = [];
    this.#fetched = 0;
    this.#bytesFetched = 0;
    this.#phase = 'listing';
    this.#setState('listing');
    try {
      if (!this.#manifest) {
        this.#manifest = await Manifest.open(this.#root);
        this.#vouchedEnds = await verifyManifest(this.#root, this.#manifest);
      }
      if (!this.#folders) {
        this.#folders = await this.#listAll();
        if (this.#format === 'mbox') await this.#cutBackMboxes(this.#folders);
      }
      const tasks = this.#plan();
      this.#phase = 'running';
      if (this.#state === 'listing') this.#setState('running');
      await this.#work(tasks);
    } catch (error) {
      if (this.#fatal || !(error instanceof Cancelled || this.#cancelled)) {
        // The destination refused a write (or the unexpected happened): what is done is kept and vouched for,
        // the run ends 'failed' and `done` rejects with the error itself, for the page to name it.
        this.#error = diskErrorMessage(error);
        await this.#finish(startedAt, 'failed');
        throw error;
      }
    }
    const { report, writeError } = await this.#finish(startedAt, this.#cancelled ? 'cancelled' : 'done');
    if (writeError) throw writeError;
    return report;
  }

  async #listAll(): Promise<FolderState[]> {
    const range = localDayRange(this.#selection.from, this.#selection.to);
    const folders: FolderState[] = [];
    for (const chosen of this.#selection.mailboxes) {
      let tree: Folder[];
      try {
        tree = await this.#call(() => this.#api.folders(chosen.uuid, this.#abort.signal));
      } catch (error) {
        if (this.#cancelled) throw new Cancelled('cancelled');
        // Without its folder tree nothing of this mailbox can be listed: said once, and the backup is not complete.
        this.#failed.push({
          mailbox: chosen.email,
          folderPath: '',
          uid: '',
          subject: '',
          date: '',
          reason: listingFailureReason(error),
        });
        continue;
      }
      const wanted = new Set(chosen.folderIds);
      for (const folder of depthFirst(tree)) {
        if (!wanted.has(folder.id)) continue;
        const state: FolderState = {
          mailbox: chosen.email,
          mailboxUuid: chosen.uuid,
          folderId: folder.id,
          folderPath: folder.path,
          separator: folder.separator || '/',
          totalCount: folder.total_count,
          listing: null,
          remaining: 0,
        };
        this.#currentFolder = { mailbox: chosen.email, path: folder.path };
        this.#emit();
        try {
          state.listing = await this.#call(() =>
            listFolderMessages(this.#api, chosen.uuid, { id: folder.id, totalCount: folder.total_count }, range, {
              strategy: this.#listingStrategy,
              signal: this.#abort.signal,
              known: (shortUid) => this.#knownMessage(chosen.uuid, folder.id, shortUid),
            }),
          );
          // Shown while the listing goes on ("1,234 found so far"); #plan counts them again, exactly, at its end.
          this.#messagesTotal += state.listing.messages.length;
          for (const message of state.listing.messages) this.#bytesTotal += message.size ?? 0;
        } catch (error) {
          if (this.#cancelled) throw new Cancelled('cancelled');
          this.#failed.push({
            mailbox: chosen.email,
            folderPath: folder.path,
            uid: '',
            subject: '',
            date: '',
            reason: listingFailureReason(error),
          });
        }
        folders.push(state);
      }
    }
    return folders;
  }

  /** A message the manifest vouches for in this format, as the listing would give it (no details request). */
  #knownMessage(mailboxUuid: string, folderId: string, shortUid: string): ListedMessage | undefined {
    const entry = this.#manifest!.get(entryKey({ format: this.#format, mailboxUuid, folderId, uid: shortUid }));
    if (!entry || entry.format !== this.#format) return undefined;
    return {
      ref: { uid: `${shortUid}@${folderId}`, shortUid, folderId },
      messageId: entry.messageId,
      date: entry.date,
      subject: entry.subject,
      from: entry.from,
      to: entry.to,
      size: entry.size,
    };
  }

  /** Which messages still have to come: everything listed that the manifest does not vouch for. */
  #plan(): Task[] {
    const manifest = this.#manifest!;
    const tasks: Task[] = [];
    this.#messagesDone = this.#messagesTotal = this.#bytesDone = this.#bytesTotal = this.#alreadyThere = 0;
    for (const folder of this.#folders!) {
      folder.remaining = 0;
      // Oldest first, so that an mbox reads in date order.
      for (const message of [...(folder.listing?.messages ?? [])].reverse()) {
        const size = message.size ?? 0;
        this.#messagesTotal++;
        this.#bytesTotal += size;
        if (vouchedEntry(manifest, this.#format, folder.mailboxUuid, message)) {
          this.#alreadyThere++;
          this.#messagesDone++;
          this.#bytesDone += size;
          continue;
        }
        const staged =
          this.#format === 'mbox' ? vouchedEntry(manifest, 'staged', folder.mailboxUuid, message) : undefined;
        folder.remaining++;
        if (staged?.format === 'staged') {
          this.#alreadyThere++;
          tasks.push({ folder, message, kind: 'append', staged, attempts: 0, rateLimits: 0 });
        } else {
          tasks.push({ folder, message, kind: 'download', attempts: 0, rateLimits: 0 });
        }
      }
    }
    this.#emit(true);
    return tasks;
  }

  async #work(queue: Task[]): Promise<void> {
    for (;;) {
      if (this.#cancelled || this.#fatal) break;
      await this.#whileHeld();
      if (this.#cancelled || this.#fatal) break;
      const task = queue.shift();
      if (!task) {
        if (this.#running.size === 0) break;
        await Promise.race(this.#running);
        continue;
      }
      if (task.kind === 'append') {
        this.#messagesDone++;
        this.#bytesDone += task.staged!.size;
        this.#enqueueAppend(task.folder, task.staged!);
        this.#taskFinished(task.folder);
        continue;
      }
      try {
        await this.#pace.acquire(this.#abort.signal);
      } catch {
        queue.unshift(task);
        break;
      }
      if (this.#cancelled || this.#held()) {
        this.#pace.release();
        queue.unshift(task);
        continue;
      }
      // A download holds its place until its bytes are in (or it failed and backed off), not while its manifest
      // line and file are committed: the next download starts meanwhile.
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.#pace.release();
      };
      const running: Promise<void> = this.#download(task, queue, release).finally(() => {
        release();
        this.#running.delete(running);
      });
      this.#running.add(running);
    }
    await Promise.allSettled(this.#running);
    if (this.#fatal) throw this.#fatal;
    await this.#settleMboxes();
  }

  /** Waits while paused or signed out; once what was in flight has landed, makes it reach the disk. */
  async #whileHeld(): Promise<void> {
    if (!this.#held()) return;
    await Promise.allSettled(this.#running);
    await this.#commitAll().catch(() => {});
    while (this.#held() && !this.#cancelled) {
      await new Promise<void>((resolve) => this.#resumeWaiters.push(resolve));
    }
  }

  #held(): boolean {
    return this.#state === 'paused' || this.#state === 'needs-sign-in';
  }

  async #download(task: Task, queue: Task[], release: () => void): Promise<void> {
    const { folder, message } = task;
    this.#currentFolder = { mailbox: folder.mailbox, path: folder.folderPath };
    let received = 0;
    // Set once the file is made (see downloadToFile's openFile), read when it must go again.
    const made: { target: { handle: FileSystemFileHandle; path: string[] } | null } = { target: null };
    try {
      let entry: ManifestEntry | null = null;
      const openFile = async () => {
        made.target = await this.#targetFor(task);
        return made.target.handle;
      };
      const result = await downloadToFile(this.#api, folder.mailboxUuid, message, openFile, this.#buffers, {
        signal: this.#abort.signal,
        onBytes: (bytes) => {
          received += bytes;
          this.#bytesDone += bytes;
          this.#emit();
        },
        onReceived: release,
        beforeClose: async (downloaded) => {
          entry = this.#entryFor(task, downloaded, made.target!.path);
          await this.#manifest!.record(entry);
        },
      }).catch((error: unknown) => {
        // The line went out but the file did not appear: this run no longer counts on it (the next one checks).
        if (entry) this.#manifest!.forget(entryKey(entry));
        throw error;
      });
      this.#pace.succeeded();
      // The listing's size is what the totals counted; the bytes that came are what the file holds.
      this.#bytesDone += (message.size ?? 0) - received;
      this.#fetched++;
      this.#bytesFetched += result.size;
      this.#messagesDone++;
      if (entry!.format === 'staged') this.#enqueueAppend(folder, entry!);
      this.#taskFinished(folder);
      this.#emit();
    } catch (error) {
      this.#bytesDone -= received;
      // Making the file handle made an empty file: a message that did not come leaves nothing behind.
      if (made.target) await this.#removeFile(made.target.path).catch(() => {});
      if (this.#cancelled) return;
      if (!(error instanceof KsuiteApiError)) {
        // The destination refused a write: every other message would meet the same. Stop, keep what is done.
        this.#fatal ??= error;
        this.#abort.abort(error);
        return;
      }
      const delayMs = this.#afterFailure(task, error);
      if (delayMs === null) return;
      if (delayMs > 0 && !(await pause(delayMs, this.#abort.signal))) return;
      queue.unshift(task);
    }
  }

  #entryFor(task: Task, downloaded: { size: number; sha256: string }, path: string[]): ManifestEntry {
    const { folder, message } = task;
    return {
      mailbox: folder.mailbox,
      mailboxUuid: folder.mailboxUuid,
      folderId: folder.folderId,
      folderPath: folder.folderPath,
      uid: message.ref.shortUid,
      messageId: message.messageId,
      date: message.date,
      subject: message.subject,
      from: message.from,
      to: message.to,
      size: downloaded.size,
      sha256: downloaded.sha256,
      format: this.#format === 'eml' ? 'eml' : 'staged',
      path: joinPath(path),
    };
  }

  /**
   * Retry (after how many ms: the returned number), slow down, wait for sign-in, or give the message up with a
   * reason (null: not to be tried again in this pass).
   */
  #afterFailure(task: Task, error: KsuiteApiError): number | null {
    if (error.kind === 'signed_out') {
      if (this.#state !== 'needs-sign-in') this.#setState('needs-sign-in');
      return 0;
    }
    if (error.kind === 'aborted') return 0;
    if (error.kind === 'rate_limited' && ++task.rateLimits <= MAX_RATE_LIMITS) {
      // Every download waits for the Retry-After (FetchPace holds new starts), this one included.
      this.#pace.rateLimited(error.detail.retryAfterMs ?? null, this.#timing.rateLimitFallbackMs);
      return 0;
    }
    const worthAnotherTry =
      error.kind === 'server' ||
      error.kind === 'network' ||
      error.kind === 'incomplete' ||
      error.kind === 'bad_response';
    if (worthAnotherTry && ++task.attempts < MAX_ATTEMPTS) return this.#timing.retryBaseMs * 2 ** (task.attempts - 1);
    this.#failed.push({
      mailbox: task.folder.mailbox,
      folderPath: task.folder.folderPath,
      uid: task.message.ref.shortUid,
      subject: task.message.subject,
      date: task.message.date,
      reason: failureReason(error),
    });
    this.#taskFinished(task.folder);
    this.#emit(true);
    return null;
  }

  // ---- where each message goes ----

  async #targetFor(task: Task): Promise<{ handle: FileSystemFileHandle; path: string[] }> {
    const { folder, message } = task;
    if (this.#format === 'eml') {
      if (!task.emlPath) {
        const dir = emlFolder(folder.mailbox, folderPathWithSlashes(folder));
        const name = this.#allocatorFor(dir).allocate(
          emlFileName(dateOrNull(message.date), message.subject, { fallbackSubject: t('noSubject') }),
        );
        task.emlPath = [...dir, name];
      }
      const dirHandle = await this.#folderHandle(task.emlPath.slice(0, -1));
      return { handle: await dirHandle.getFileHandle(task.emlPath.at(-1)!, { create: true }), path: task.emlPath };
    }
    const path = [WORK_FOLDER, STAGING_FOLDER, stagingName(folder, message)];
    const dirHandle = await this.#folderHandle(path.slice(0, -1));
    return { handle: await dirHandle.getFileHandle(path.at(-1)!, { create: true }), path };
  }

  async #removeFile(path: string[]): Promise<void> {
    await removeIfThere(await this.#folderHandle(path.slice(0, -1)), path.at(-1)!);
  }

  /** Names already vouched for in this folder stay taken, so a resumed run never gives a second message one. */
  #allocatorFor(dir: string[]): FileNameAllocator {
    const key = joinPath(dir);
    let allocator = this.#allocators.get(key);
    if (!allocator) {
      allocator = new FileNameAllocator();
      for (const entry of this.#manifest!.entries()) {
        if (entry.format !== 'eml') continue;
        const segments = splitPath(entry.path);
        if (joinPath(segments.slice(0, -1)) === key) allocator.allocate(segments.at(-1)!);
      }
      this.#allocators.set(key, allocator);
    }
    return allocator;
  }

  #folderHandle(segments: string[]): Promise<FileSystemDirectoryHandle> {
    const key = joinPath(segments);
    let handle = this.#folderHandles.get(key);
    if (!handle) {
      handle = folderAt(this.#root, segments, true).then((h) => h!);
      handle.catch(() => this.#folderHandles.delete(key));
      this.#folderHandles.set(key, handle);
    }
    return handle;
  }

  // ---- mbox appends, one folder's mbox at a time ----

  #mboxFor(folder: FolderState): OpenMbox {
    const segments = mboxPath(folder.mailbox, folderPathWithSlashes(folder));
    const path = joinPath(segments);
    let mbox = this.#mboxes.get(path);
    if (!mbox) {
      const opened: OpenMbox = { path, file: null!, chain: Promise.resolve(), pending: [], stagedNames: [] };
      opened.chain = MboxFile.open(this.#root, segments, this.#vouchedEnds.get(path) ?? 0).then((file) => {
        opened.file = file;
      });
      mbox = opened;
      this.#mboxes.set(path, mbox);
    }
    return mbox;
  }

  /**
   * Before the first pass writes anything: each chosen folder's mbox cut back to the end of its last vouched message.
   * An append cuts it too, but a folder with nothing to append would keep what a tab that died committed without its
   * manifest lines: were those messages moved to another folder meanwhile, the backup held them twice.
   */
  async #cutBackMboxes(folders: readonly FolderState[]): Promise<void> {
    for (const folder of folders) {
      const segments = mboxPath(folder.mailbox, folderPathWithSlashes(folder));
      await MboxFile.cutBack(this.#root, segments, this.#vouchedEnds.get(joinPath(segments)) ?? 0);
    }
  }

  #enqueueAppend(folder: FolderState, staged: ManifestEntry): void {
    const mbox = this.#mboxFor(folder);
    mbox.chain = mbox.chain.then(async () => {
      const segments = splitPath(staged.path);
      const file = await (
        await (await this.#folderHandle(segments.slice(0, -1))).getFileHandle(segments.at(-1)!)
      ).getFile();
      const range = await mbox.file.append(file);
      mbox.pending.push({ ...staged, format: 'mbox', path: mbox.path, mboxStart: range.start, mboxEnd: range.end });
      mbox.stagedNames.push(segments.at(-1)!);
      if (mbox.file.needsCommit) await this.#commit(mbox);
    });
  }

  #taskFinished(folder: FolderState): void {
    if (--folder.remaining === 0 && this.#format === 'mbox') {
      const mbox = this.#mboxFor(folder);
      mbox.chain = mbox.chain.then(() => this.#commit(mbox));
    }
  }

  /** The mbox reaches the disk, then its new messages are vouched for, then their staged copies go. */
  async #commit(mbox: OpenMbox): Promise<void> {
    await mbox.file.commit();
    const entries = mbox.pending;
    const staged = mbox.stagedNames;
    mbox.pending = [];
    mbox.stagedNames = [];
    if (entries.length > 0) await this.#manifest!.record(...entries);
    if (staged.length > 0) {
      const staging = await this.#folderHandle([WORK_FOLDER, STAGING_FOLDER]);
      for (const name of staged) await removeIfThere(staging, name);
    }
  }

  async #commitAll(): Promise<void> {
    for (const mbox of this.#mboxes.values()) {
      mbox.chain = mbox.chain.then(() => this.#commit(mbox));
    }
    await this.#settleMboxes();
  }

  /** Waits for every append and commit; the first write that failed is thrown. */
  async #settleMboxes(): Promise<void> {
    for (const mbox of this.#mboxes.values()) await mbox.chain;
  }

  // ---- the end of a pass ----

  async #finish(
    startedAt: string,
    final: 'done' | 'cancelled' | 'failed',
  ): Promise<{ report: BackupReport; writeError: unknown }> {
    this.#setState('finishing');
    let writeError: unknown = null;
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step();
      } catch (error) {
        writeError ??= error;
      }
    };
    await attempt(() => this.#commitAll());
    const manifest = this.#manifest;
    if (manifest) {
      await attempt(() => manifest.compact());
      await attempt(() => this.#clearStaging(manifest));
      await attempt(() => this.#removeEmptyLeftovers(manifest));
    }
    // Without a manifest (the destination could not even be read) nothing is vouched for.
    const report = buildReport({
      folders: manifest ? (this.#folders ?? []) : [],
      manifest: manifest ?? Manifest.empty(this.#root),
      format: this.#format,
      failed: this.#failed,
      startedAt,
      finishedAt: new Date().toISOString(),
      fetched: this.#fetched,
      bytesFetched: this.#bytesFetched,
    });
    if (!manifest) report.complete = false;
    if (manifest) {
      await attempt(() => writeSmallFile(this.#root, REPORT_FILE, reportHtml(report)));
      await attempt(() => writeSmallFile(this.#root, INDEX_FILE, indexCsv(manifest.entries())));
    }
    if (writeError && final !== 'failed') {
      this.#error = diskErrorMessage(writeError);
      final = 'failed';
    }
    this.#currentFolder = null;
    this.#setState(final);
    return { report, writeError };
  }

  /**
   * Empty .eml files no manifest line vouches for, in the folders this run wrote to: what a tab that died between
   * making a message's file and writing it left behind. No message is empty (it has headers at least), so an empty
   * file is never one.
   */
  async #removeEmptyLeftovers(manifest: Manifest): Promise<void> {
    const vouched = new Set([...manifest.entries()].map((entry) => entry.path));
    for (const key of this.#allocators.keys()) {
      const segments = splitPath(key);
      const folder = await this.#folderHandle(segments);
      for (const name of await fileNames(folder)) {
        if (!name.endsWith('.eml') || vouched.has(joinPath([...segments, name]))) continue;
        const file = await existingFile(folder, name);
        if (file && (await file.getFile()).size === 0) await removeIfThere(folder, name);
      }
    }
  }

  /** Staged copies no manifest line needs any more (their message is in its mbox, or never was vouched). */
  async #clearStaging(manifest: Manifest): Promise<void> {
    const staging = await folderAt(this.#root, [WORK_FOLDER, STAGING_FOLDER], false);
    if (!staging) return;
    const needed = new Set<string>();
    for (const entry of manifest.entries()) if (entry.format === 'staged') needed.add(splitPath(entry.path).at(-1)!);
    for (const name of await fileNames(staging)) if (!needed.has(name)) await removeIfThere(staging, name);
  }

  // ---- progress ----

  /** Calls the API, waiting through a pause or an expired session (then the same call again). */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.#whileHeld();
      if (this.#cancelled) throw new Cancelled('cancelled');
      try {
        return await request();
      } catch (error) {
        if (this.#cancelled) throw new Cancelled('cancelled');
        if (error instanceof KsuiteApiError && error.kind === 'signed_out') {
          this.#setState('needs-sign-in');
          continue;
        }
        throw error;
      }
    }
  }

  #setState(state: BackupState): void {
    this.#state = state;
    this.#emit(true);
  }

  #emit(now = false): void {
    const at = performance.now();
    if (!now && at - this.#lastEmit < this.#timing.progressIntervalMs) return;
    this.#lastEmit = at;
    this.#meter.sample(this.#bytesDone);
    const progress: BackupProgress = {
      state: this.#state,
      messagesDone: this.#messagesDone,
      messagesTotal: this.#messagesTotal,
      bytesDone: this.#bytesDone,
      bytesTotal: this.#bytesTotal,
      bytesPerSecond: this.#meter.bytesPerSecond(),
      secondsLeft: this.#meter.secondsLeft(this.#bytesTotal - this.#bytesDone),
      currentFolder: this.#currentFolder,
      failed: [...this.#failed],
      alreadyThere: this.#alreadyThere,
      ...(this.#error ? { error: this.#error } : {}),
    };
    this.#onProgress(progress);
  }
}

function* depthFirst(folders: readonly Folder[]): Generator<Folder> {
  for (const folder of folders) {
    yield folder;
    yield* depthFirst(folder.children);
  }
}

/** The folder's path with '/' between its names, whatever separator the server uses. */
function folderPathWithSlashes(folder: FolderState): string {
  return folder.separator === '/' ? folder.folderPath : folder.folderPath.split(folder.separator).join('/');
}

function dateOrNull(date: string): Date | null {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A staged download's file name: short, safe on every file system, one per message. */
function stagingName(folder: FolderState, message: ListedMessage): string {
  const hash = streamingSha256();
  hash.update(new TextEncoder().encode(entryKey({ format: 'staged', ...folder, uid: message.ref.shortUid })));
  return `${hash.hex().slice(0, 32)}.eml`;
}

/** Waits `ms`; false when the run was stopped meanwhile. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
