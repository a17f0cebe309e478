/**
 * The folder-picker route (Chrome, Edge): the user picks a folder on disk and each message is written there as it
 * arrives. The File System Access API's picker and permission calls are not in TypeScript's DOM types yet.
 */
interface PermissionDescriptor {
  mode: 'read' | 'readwrite';
}
interface HandleWithPermissions {
  queryPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
}
type DirectoryPicker = (options?: {
  id?: string;
  mode?: 'read' | 'readwrite';
  startIn?: string;
}) => Promise<FileSystemDirectoryHandle>;

function directoryPicker(): DirectoryPicker | null {
  const picker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker : null;
}

/** Chrome and Edge have the picker; Firefox and Safari do not, and back up into the browser's storage instead. */
export function canPickFolder(): boolean {
  return directoryPicker() !== null;
}

/** Opens the browser's folder picker; null when the user closes it without choosing. */
export async function pickFolder(): Promise<FileSystemDirectoryHandle | null> {
  const picker = directoryPicker();
  if (!picker) return null;
  try {
    return await picker({ id: 'ksuite-mail-backup', mode: 'readwrite', startIn: 'documents' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

/**
 * Makes sure the page may write to a folder remembered from an earlier visit. Browsers forget the permission
 * when the page closes and ask again, which they allow only from a click: call this from the click's handler.
 */
export async function mayWriteTo(folder: FileSystemDirectoryHandle): Promise<boolean> {
  const handle = folder as FileSystemDirectoryHandle & HandleWithPermissions;
  const mode = { mode: 'readwrite' } as const;
  if (!handle.queryPermission || !handle.requestPermission) return true;
  if ((await handle.queryPermission(mode)) === 'granted') return true;
  return (await handle.requestPermission(mode)) === 'granted';
}
