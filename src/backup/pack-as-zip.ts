import { ZipStreamWriter } from '../mail/zip-stream';
import { filesUnder } from './folder-files';
import { WORK_FOLDER } from './layout';

export interface PackProgress {
  files: number;
  bytes: number;
}

/**
 * Packs every file of the backup under `folder` (not the engine's work folder) into one .zip written to `into` (a file of the origin-private file system), and
 * returns that file: a disk-backed `File` the page can save without ever holding the archive, or one message, in
 * memory. ZIP64 is used where the archive needs it (over 4 GiB or 65,535 entries). A failed or cancelled packing
 * leaves no half-written zip behind: the writable stream is aborted, which keeps the file as it was.
 */
export async function packAsZip(
  folder: FileSystemDirectoryHandle,
  into: FileSystemFileHandle,
  options: { signal?: AbortSignal; onProgress?: (progress: PackProgress) => void } = {},
): Promise<File> {
  const writable = await into.createWritable();
  const progress: PackProgress = { files: 0, bytes: 0 };
  try {
    const zip = new ZipStreamWriter({
      write: async (chunk) => {
        options.signal?.throwIfAborted();
        await writable.write(chunk as Uint8Array<ArrayBuffer>);
      },
    });
    for await (const { path, handle } of filesUnder(folder)) {
      options.signal?.throwIfAborted();
      // The engine's journal and staged downloads: what a resumed run needs, not part of the backup itself.
      if (path.startsWith(`${WORK_FOLDER}/`)) continue;
      const file = await handle.getFile();
      await zip.addFile({ path, modified: new Date(file.lastModified) }, file.stream());
      progress.files++;
      progress.bytes += file.size;
      options.onProgress?.({ ...progress });
    }
    await zip.finish();
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
  return into.getFile();
}
