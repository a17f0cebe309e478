import type { BackupSelection } from './contract';

/**
 * The last backup the page started, kept in IndexedDB (directory handles can be stored there, not in
 * storage.local) so that a reopened page offers to resume it, or to add what is new, in the same place.
 */
export interface RememberedBackup {
  /** 'picked': a folder the user chose on disk; 'browser': a folder of the browser's own storage (the zip route). */
  where: 'picked' | 'browser';
  folder: FileSystemDirectoryHandle;
  selection: BackupSelection;
  startedAt: string;
  /** The engine reported the end (complete or not); false while a run may have been cut off. */
  finished: boolean;
}

const DATABASE = 'backup';
const STORE = 'remembered';
const KEY = 'last';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

async function inStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const database = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = act(database.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    database.close();
  }
}

export function rememberBackup(backup: RememberedBackup): Promise<void> {
  return inStore('readwrite', (store) => store.put(backup, KEY));
}

/** The last backup, or null when there is none or this browser keeps no IndexedDB for the extension. */
export async function rememberedBackup(): Promise<RememberedBackup | null> {
  try {
    return (await inStore<RememberedBackup | undefined>('readonly', (store) => store.get(KEY))) ?? null;
  } catch {
    return null;
  }
}

export function forgetBackup(): Promise<void> {
  return inStore('readwrite', (store) => store.delete(KEY));
}
