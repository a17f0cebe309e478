/**
 * Hands bytes to the browser's download manager under a given file name, from a content script or an extension
 * page, without the `downloads` permission: a temporary object URL and a click on an `<a download>`.
 */
export function clickDownload(blob: Blob, fileName: string): void {
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
