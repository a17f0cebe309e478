import { blobInSlices } from '../mail/blob-in-slices';
import { timeSlicer } from '../mail/next-task';
import { clickDownload } from './click-download';
import { isFrameOfShell, saveThroughShell } from './save-through-shell';

/**
 * Saves bytes under a given file name, from a content script or an extension page (see click-download.ts).
 *
 * Inside the kSuite shell, the mail app is a frame of another host, and Firefox checks a download started in a frame
 * against the shell's CSP `frame-src`, which refuses it without a word. So a frame there has the content script of
 * the shell (the top frame) save the file (save-through-shell.ts); only if that fails is it saved from the frame.
 */
export async function saveFile(
  data: Blob | Uint8Array | string,
  fileName: string,
  mimeType = 'application/octet-stream',
): Promise<void> {
  // A Blob (a finished zip) is saved as it is: wrapping it again would copy every byte once more. Bytes (a raw
  // message of 34 MB, say) are copied into one a slice at a time, so the page is never held up for long.
  const blob =
    data instanceof Blob
      ? data
      : typeof data === 'string'
        ? new Blob([data], { type: mimeType })
        : await blobInSlices(data, timeSlicer(), mimeType);
  if (isFrameOfShell() && (await saveThroughShell(blob, fileName))) return;
  clickDownload(blob, fileName);
}
