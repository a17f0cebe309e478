import type { BackupControls, BackupMailbox, BackupProgress, BackupReport, StartBackupOptions } from '../../../backup';
import type { BackupEngine } from '../backup-run';

/** Two mailboxes as a page would list them: a nested folder tree, one folder the server did not count. */
export const MAILBOXES: BackupMailbox[] = [
  {
    uuid: 'mb-1',
    email: 'demo@ik.me',
    folders: [
      { id: 'inbox', path: 'INBOX', name: 'INBOX', role: 'INBOX', depth: 0, totalCount: 12 },
      { id: 'projects', path: 'Projects', name: 'Projects', role: null, depth: 0, totalCount: 5 },
      { id: 'p2026', path: 'Projects/2026', name: '2026', role: null, depth: 1, totalCount: 3 },
      { id: 'sent', path: 'Sent', name: 'Sent', role: 'SENT', depth: 0, totalCount: 7 },
    ],
  },
  {
    uuid: 'mb-2',
    email: 'team@ik.me',
    folders: [
      { id: 'inbox', path: 'INBOX', name: 'INBOX', role: 'INBOX', depth: 0, totalCount: 40 },
      { id: 'odd', path: 'Odd', name: 'Odd', role: null, depth: 0, totalCount: null },
    ],
  },
];

/** One started backup of the fake engine, driven by the test: progress, and the end, when the test says. */
export interface FakeRun {
  options: StartBackupOptions;
  calls: string[];
  progress(partial: Partial<BackupProgress>): void;
  finish(report: Partial<BackupReport>): void;
  fail(error: unknown): void;
}

/**
 * An engine that keeps the contract of src/backup/index.ts: `startBackup` returns controls at once, reports
 * progress through `onProgress`, and settles `done` with the report (or the error) at the end of each pass; after
 * `retryFailed()`, `done` is the next pass's.
 */
export function fakeEngine(mailboxes: BackupMailbox[] = MAILBOXES) {
  const runs: FakeRun[] = [];
  const engine: BackupEngine = {
    listBackupSources: async () => structuredClone(mailboxes),
    startBackup(options) {
      const calls: string[] = [];
      let settle!: { resolve: (r: BackupReport) => void; reject: (e: unknown) => void };
      const pass = () => new Promise<BackupReport>((resolve, reject) => (settle = { resolve, reject }));
      let done = pass();
      const run: FakeRun = {
        options,
        calls,
        progress: (partial) => options.onProgress({ ...EMPTY_PROGRESS, ...partial }),
        finish: (report) => settle.resolve({ ...EMPTY_REPORT, ...report }),
        fail: (error) => settle.reject(error),
      };
      runs.push(run);
      const controls: BackupControls = {
        pause: () => void calls.push('pause'),
        resume: () => void calls.push('resume'),
        cancel: () => void calls.push('cancel'),
        // As the engine does: a new pass over the failed messages, whose report `done` settles with.
        retryFailed: () => {
          calls.push('retryFailed');
          done = pass();
        },
        get done() {
          return done;
        },
      };
      return controls;
    },
  };
  return { engine, runs };
}

export const EMPTY_PROGRESS: BackupProgress = {
  state: 'running',
  messagesDone: 0,
  messagesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  bytesPerSecond: 0,
  secondsLeft: null,
  currentFolder: null,
  failed: [],
  alreadyThere: 0,
};

export const EMPTY_REPORT: BackupReport = {
  complete: true,
  folders: [],
  failed: [],
  gone: [],
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: '2026-12-06T10:05:00.000Z',
  fetched: 0,
  bytesFetched: 0,
};
