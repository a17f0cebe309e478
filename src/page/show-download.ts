import { browser } from 'wxt/browser';

/**
 * "Show" beside "Saved … to your downloads": the browser's list of downloads, searched for the file just saved.
 * Files are saved with a link click (click-download.ts), so the extension has no download id for `downloads.show`,
 * and that API needs the `downloads` permission ("Manage your downloads"), too broad to ask for one link. Chromium
 * browsers let an extension open their downloads page in a tab instead, without any permission; Firefox refuses to
 * open `about:downloads` from an extension and Safari has no such page, so there the sentence stands alone.
 */

/** From a webmail page's content script to the background: open the downloads page at this file. */
export const SHOW_DOWNLOAD = 'ksuite-companion/show-download';

export interface ShowDownloadRequest {
  type: typeof SHOW_DOWNLOAD;
  fileName: string;
}

/** Whether this browser lets the extension open its downloads page. */
export function canShowDownloads(): boolean {
  return !import.meta.env.FIREFOX && !import.meta.env.SAFARI;
}

/** Asks the background to open the downloads page searched for `fileName`. */
export function showDownload(fileName: string): void {
  const request: ShowDownloadRequest = { type: SHOW_DOWNLOAD, fileName };
  void browser.runtime.sendMessage(request).catch(() => {});
}

export function isShowDownloadRequest(message: unknown): message is ShowDownloadRequest {
  const candidate = message as Partial<ShowDownloadRequest> | null;
  return candidate?.type === SHOW_DOWNLOAD && typeof candidate.fileName === 'string';
}

/** Chromium's downloads page, with its search box filled in (Edge answers `chrome://` addresses too). */
export function downloadsPageUrl(fileName: string): string {
  return `chrome://downloads/?q=${encodeURIComponent(fileName.slice(0, 255))}`;
}
