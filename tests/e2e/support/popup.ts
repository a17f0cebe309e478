import type { BrowserContext, Page, Worker } from 'playwright-core';

/** A browser with the extension: its context, and an extension page or the service worker to call its API from. */
interface ExtensionHost {
  context: BrowserContext;
  extensionId: string;
  serviceWorker?: Worker;
  page?: Page;
}

/**
 * The popup in a window of its own, like the toolbar's: it looks at the active tab of the last focused browser
 * window, so bring the webmail tab to the front first. The window is at least as large as a toolbar popup may grow
 * (800 × 600), so what the popup's content measures is its own size, not the window's.
 */
export async function openPopupWindow(browser: ExtensionHost, size = { width: 800, height: 600 }): Promise<Page> {
  const details = { url: `chrome-extension://${browser.extensionId}/popup.html`, type: 'popup' as const, ...size };
  const create = (d: typeof details) => chrome.windows.create(d);
  const opened = browser.context.waitForEvent('page');
  if (browser.serviceWorker) await browser.serviceWorker.evaluate(create, details);
  else if (browser.page) await browser.page.evaluate(create, details);
  else throw new Error('openPopupWindow needs the service worker or an extension page');
  const popup = await opened;
  await popup.waitForLoadState();
  return popup;
}
