import type { KsuiteApiClient } from '../ksuite/api-client';
import type { BackupControls, BackupMailbox, BackupProgress, BackupSelection } from './contract';

export type * from './contract';

/** Every mailbox the session (or token) can read, with its folder tree and the server's message counts. */
export function listBackupSources(api: KsuiteApiClient, signal?: AbortSignal): Promise<BackupMailbox[]> {
  void api;
  void signal;
  throw new Error('listBackupSources: being written');
}

export interface StartBackupOptions {
  api: KsuiteApiClient;
  /** A folder the user picked, or one in the origin-private file system (the zip route). */
  destination: FileSystemDirectoryHandle;
  selection: BackupSelection;
  /** Downloads in flight at once; 4 unless said otherwise, halved on 429. */
  parallelism?: number;
  onProgress: (progress: BackupProgress) => void;
}

/** Backs up into `destination`, resuming and adding to what an earlier run left there. */
export function startBackup(options: StartBackupOptions): BackupControls {
  void options;
  throw new Error('startBackup: being written');
}
