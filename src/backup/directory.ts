/**
 * Small steps on a FileSystemDirectoryHandle (a folder the user picked, or one in the origin-private file system),
 * with the standard API only so that the same code runs in Chromium, Firefox and Safari.
 */

/** The folder at `segments` below `root`, made when `create` says so; null when it does not exist. */
export async function folderAt(
  root: FileSystemDirectoryHandle,
  segments: readonly string[],
  create: boolean,
): Promise<FileSystemDirectoryHandle | null> {
  let folder = root;
  for (const segment of segments) {
    try {
      folder = await folder.getDirectoryHandle(segment, { create });
    } catch (error) {
      if (!create && isNotFound(error)) return null;
      throw error;
    }
  }
  return folder;
}

/** A file's handle, or null when it is not there. */
export async function existingFile(folder: FileSystemDirectoryHandle, name: string) {
  try {
    return await folder.getFileHandle(name);
  } catch (error) {
    if (isNotFound(error) || isTypeMismatch(error)) return null;
    throw error;
  }
}

/** The length of the file at `path` (segments, the last one the file name), or null when it is not there. */
export async function fileLength(root: FileSystemDirectoryHandle, path: readonly string[]): Promise<number | null> {
  const folder = await folderAt(root, path.slice(0, -1), false);
  const handle = folder && (await existingFile(folder, path[path.length - 1]!));
  return handle ? (await handle.getFile()).size : null;
}

/** Writes a whole (small) file at once; it appears only when complete (the swap file replaces it on close). */
export async function writeSmallFile(folder: FileSystemDirectoryHandle, name: string, data: string | Uint8Array) {
  const handle = await folder.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(typeof data === 'string' ? data : new Uint8Array(data));
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => {});
    throw error;
  }
}

export async function removeIfThere(folder: FileSystemDirectoryHandle, name: string, recursive = false) {
  try {
    await folder.removeEntry(name, { recursive });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** The names of the files (not folders) directly in `folder`. */
export async function fileNames(folder: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const [name, handle] of folder.entries()) if (handle.kind === 'file') names.push(name);
  return names;
}

export function isNotFound(error: unknown): boolean {
  return (error as { name?: string })?.name === 'NotFoundError';
}

function isTypeMismatch(error: unknown): boolean {
  return (error as { name?: string })?.name === 'TypeMismatchError';
}
