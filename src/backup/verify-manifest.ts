import { folderAt, existingFile } from './directory';
import { entryKey, type Manifest, type ManifestEntry } from './manifest';
import { splitPath } from './layout';

/**
 * Before a run builds on an earlier one, each entry of the manifest is checked against the destination: a file it
 * names must be there with the length it says, and an mbox must reach the end of each of its messages. What fails
 * is forgotten, so the message is fetched again; nothing on disk is trusted without a line vouching for it.
 * Returns, per mbox, the end of its last vouched message (where appending resumes; anything after it is cut).
 */
export async function verifyManifest(
  root: FileSystemDirectoryHandle,
  manifest: Manifest,
): Promise<Map<string, number>> {
  const lengths = new FileLengths(root);
  const mboxEntries = new Map<string, ManifestEntry[]>();
  for (const entry of [...manifest.entries()]) {
    if (entry.format === 'mbox') {
      const list = mboxEntries.get(entry.path) ?? [];
      list.push(entry);
      mboxEntries.set(entry.path, list);
    } else if ((await lengths.of(entry.path)) !== entry.size) {
      manifest.forget(entryKey(entry));
    }
  }
  const vouchedEnds = new Map<string, number>();
  for (const [path, entries] of mboxEntries) {
    const length = (await lengths.of(path)) ?? 0;
    let end = 0;
    for (const entry of entries) {
      if (entry.mboxEnd! <= length) end = Math.max(end, entry.mboxEnd!);
      else manifest.forget(entryKey(entry));
    }
    vouchedEnds.set(path, end);
  }
  return vouchedEnds;
}

/** File lengths by path, looking each folder up once. */
class FileLengths {
  readonly #folders = new Map<string, Promise<FileSystemDirectoryHandle | null>>();

  constructor(private readonly root: FileSystemDirectoryHandle) {}

  async of(path: string): Promise<number | null> {
    const segments = splitPath(path);
    const folderPath = segments.slice(0, -1).join('/');
    let folder = this.#folders.get(folderPath);
    if (!folder) {
      folder = folderAt(this.root, segments.slice(0, -1), false);
      this.#folders.set(folderPath, folder);
    }
    const handle = (await folder) && (await existingFile((await folder)!, segments[segments.length - 1]!));
    return handle ? (await handle.getFile()).size : null;
  }
}
