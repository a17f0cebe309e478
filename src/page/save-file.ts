/**
 * Hands bytes to the browser's download manager under a given file name, from a content script or an extension
 * page, without the `downloads` permission: a temporary object URL and a click on an `<a download>`.
 */
export function saveFile(
  data: Blob | Uint8Array | string,
  fileName: string,
  mimeType = 'application/octet-stream',
): void {
  // A Blob (a finished zip) is saved as it is: wrapping it again would copy every byte once more.
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  (document.body ?? document.documentElement).append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by the time this fires; revoking at once can cancel it in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
