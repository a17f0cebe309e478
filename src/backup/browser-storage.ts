/**
 * The zip route's destination, for browsers without a folder picker (Firefox, Safari): the backup is written into
 * the extension's origin-private file system (OPFS), one folder per backup under "backups/", kept until the user
 * removes it so that a reloaded page resumes into it. Its .zip is packed beside it, never inside.
 */
const BACKUPS = 'backups';

/** The backups' folder of the origin-private file system; null where the browser has none. */
async function backupsFolder(): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator.storage?.getDirectory !== 'function') return null;
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(BACKUPS, { create: true });
}

/**
 * Whether this browser can write a backup into its own storage: it needs the storage and `createWritable()` on its
 * files, which Safari has only since version 26 (the storage itself since 15.2).
 */
export function browserStorageWritable(): boolean {
  return (
    typeof navigator.storage?.getDirectory === 'function' &&
    typeof FileSystemFileHandle === 'function' &&
    typeof FileSystemFileHandle.prototype.createWritable === 'function'
  );
}

/** A new backup's folder name: when it was started, in local time ("kSuite Mail 2026-12-06 1425"). */
export function backupFolderName(startedAt: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${startedAt.getFullYear()}-${two(startedAt.getMonth() + 1)}-${two(startedAt.getDate())}`;
  return `kSuite Mail ${day} ${two(startedAt.getHours())}${two(startedAt.getMinutes())}`;
}

/** The folder named `name` in the browser's storage, made if it is not there. */
export async function browserStorageFolder(name: string): Promise<FileSystemDirectoryHandle> {
  const backups = await backupsFolder();
  if (!backups) throw new Error('This browser has no origin-private file system');
  return backups.getDirectoryHandle(name, { create: true });
}

/** Where the .zip of the backup `name` is packed: "backups/{name}.zip", beside the backup's folder. */
export async function zipFileFor(name: string): Promise<FileSystemFileHandle> {
  const backups = await backupsFolder();
  if (!backups) throw new Error('This browser has no origin-private file system');
  return backups.getFileHandle(`${name}.zip`, { create: true });
}

/** Frees the space a backup takes in the browser: its folder and its .zip. */
export async function removeFromBrowserStorage(name: string): Promise<void> {
  const backups = await backupsFolder();
  if (!backups) return;
  await backups.removeEntry(name, { recursive: true }).catch(ignoreMissing);
  await backups.removeEntry(`${name}.zip`).catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
}

export interface StorageRoom {
  /** The browser promised not to evict the extension's storage when space runs low. */
  persisted: boolean;
  usage: number;
  quota: number;
}

/**
 * Asks the browser to keep the backup's storage (a backup evicted halfway would be lost) and says how much room
 * is left; null where the browser tells nothing.
 */
export async function storageRoom(): Promise<StorageRoom | null> {
  if (typeof navigator.storage?.estimate !== 'function') return null;
  const persisted = await navigator.storage.persist?.().catch(() => false);
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { persisted: persisted ?? false, usage, quota };
}
