import type { KsuiteApiClient } from '../ksuite/api-client';
import type { BackupControls, BackupProgress, BackupSelection } from './contract';
import { BackupRun, type EngineTiming } from './run-backup';
import type { ListingStrategy } from './list-messages';

export type * from './contract';
export { listBackupSources } from './list-sources';

export interface StartBackupOptions {
  api: KsuiteApiClient;
  /** A folder the user picked, or one in the origin-private file system (the zip route). */
  destination: FileSystemDirectoryHandle;
  selection: BackupSelection;
  /** Downloads in flight at once; 4 unless said otherwise, halved on 429. */
  parallelism?: number;
  onProgress: (progress: BackupProgress) => void;
  /** Tests and benches only: shorter pauses between retries. */
  timing?: Partial<EngineTiming>;
  /** Tests and benches only: one way of listing for every folder. */
  listingStrategy?: ListingStrategy;
}

/**
 * Backs up into `destination`, resuming and adding to what an earlier run left there. `done` resolves with the
 * report at the end of the run, cancelled or not (after `retryFailed()`, read `done` again: the new pass's). It
 * rejects only when the destination refused a write (with the browser's DOMException, e.g. QuotaExceededError):
 * the state is then 'failed', progress.error says it in a sentence, and what was done stays for the next run.
 */
export function startBackup(options: StartBackupOptions): BackupControls {
  return new BackupRun(options);
}
