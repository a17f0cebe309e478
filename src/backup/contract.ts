import type { FolderRole } from '../ksuite/types';
/**
 * What the backup page and the backup engine agree on. The engine (src/backup) lists what can be backed up and
 * runs a backup into a directory handle (one the user picked, or a folder of the origin-private file system); the
 * page (entrypoints/backup) only shows this and calls these functions. Written first so both halves can be built
 * at the same time; change it in one commit with both sides.
 */

export type BackupFormat = 'eml' | 'mbox';

/** One folder as the backup page lists it: its place in the tree and how many messages the server says it holds. */
export interface BackupFolder {
  id: string;
  /** The folder's path as the server names it ("INBOX", "Projects/2026"). */
  path: string;
  name: string;
  /** The folder's special role (inbox, sent …), which names it in the user's language; null for the user's own. */
  role: FolderRole | null;
  /** Nesting depth, 0 for top-level folders. */
  depth: number;
  /** From the folder's `total_count`; null when the server did not say. */
  totalCount: number | null;
}

export interface BackupMailbox {
  uuid: string;
  email: string;
  /** Depth-first, parents before children, in the server's order. */
  folders: BackupFolder[];
}

export interface BackupSelection {
  format: BackupFormat;
  /** Per chosen mailbox, the chosen folder ids. */
  mailboxes: { uuid: string; email: string; folderIds: string[] }[];
  /** Inclusive day range (YYYY-MM-DD, the user's local days); null for no bound. */
  from: string | null;
  to: string | null;
}

export type BackupState =
  'listing' | 'running' | 'paused' | 'needs-sign-in' | 'finishing' | 'done' | 'cancelled' | 'failed';

export interface FailedMessage {
  mailbox: string;
  folderPath: string;
  uid: string;
  subject: string;
  date: string;
  /** A translated, one-sentence reason. */
  reason: string;
}

export interface BackupProgress {
  state: BackupState;
  messagesDone: number;
  messagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Over the last few seconds; 0 before the first message. */
  bytesPerSecond: number;
  /** null while unknown. */
  secondsLeft: number | null;
  currentFolder: { mailbox: string; path: string } | null;
  failed: FailedMessage[];
  /** Already in the destination from an earlier run, not fetched again. */
  alreadyThere: number;
  /** When the state is 'failed': why, in one translated sentence (e.g. the destination refused a write). */
  error?: string;
}

export interface FolderOutcome {
  mailbox: string;
  folderPath: string;
  onServer: number;
  inBackup: number;
  failed: number;
  /** In the backup from an earlier run, no longer on the server (listed, never deleted). */
  gone: number;
}

export interface BackupReport {
  /** Every message the server listed is in the backup with the length the server announced. */
  complete: boolean;
  folders: FolderOutcome[];
  failed: FailedMessage[];
  gone: { mailbox: string; folderPath: string; uid: string; subject: string; path: string }[];
  startedAt: string;
  finishedAt: string;
  /** Messages fetched in this run (0 for a re-run with nothing new). */
  fetched: number;
  bytesFetched: number;
}

export interface BackupControls {
  pause(): void;
  resume(): void;
  /** Stops after the messages in flight; what is written stays and a later run resumes from it. */
  cancel(): void;
  /** Fetches again only the messages that failed, into the same destination. */
  retryFailed(): void;
  /** The report of the latest pass; rejects (state 'failed') only when the destination refused a write. */
  readonly done: Promise<BackupReport>;
}
