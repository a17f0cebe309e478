/** A file somewhere under a backup's folder, with its path from that folder ("a@b.ch/INBOX/x.eml"). */
export interface FolderFile {
  path: string;
  handle: FileSystemFileHandle;
}

/**
 * Every file under `folder`, depth first, each folder's entries in name order (so a zip of the same backup lists its
 * entries in the same order). Handles only: nothing is read here.
 */
export async function* filesUnder(folder: FileSystemDirectoryHandle, prefix = ''): AsyncGenerator<FolderFile> {
  const entries: [string, FileSystemHandle][] = [];
  for await (const entry of folder.entries()) entries.push(entry);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, handle] of entries) {
    const path = prefix + name;
    if (handle.kind === 'file') yield { path, handle: handle as FileSystemFileHandle };
    else yield* filesUnder(handle as FileSystemDirectoryHandle, `${path}/`);
  }
}
