import { browser, type Browser } from 'wxt/browser';
import { canShowDownloads, downloadsPageUrl, isShowDownloadRequest } from '../page/show-download';

/** Opens the browser's downloads page beside the webmail tab when a content script's "Show" asks for it. */
export function startShowingDownloads(): void {
  if (!canShowDownloads()) return;
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isShowDownloadRequest(message) || sender.id !== browser.runtime.id) return undefined;
    const tab = sender.tab;
    return browser.tabs
      .create({
        url: downloadsPageUrl(message.fileName),
        ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
        ...(tab?.id !== undefined ? { openerTabId: tab.id } : {}),
      })
      .then(() => true);
  });
}
