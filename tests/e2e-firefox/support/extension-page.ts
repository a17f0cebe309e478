import type { Page } from 'puppeteer-core';
import type { FirefoxWithExtension } from './launch-firefox';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/**
 * Opens one of the extension's pages in a new tab, as the toolbar menu or the popup does. Firefox refuses to
 * navigate to moz-extension:// over BiDi, so the tab is opened from the browser window's own (chrome) context,
 * which the test may reach when Firefox was started with `systemAccess` (`--remote-allow-system-access`). The
 * extension is not changed; only the test's way in differs.
 */
export async function openExtensionPage(firefox: FirefoxWithExtension, path: string, title: string): Promise<Page> {
  const connection = (firefox.browser as unknown as { connection: BidiConnection }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window among the chrome contexts: was Firefox started with systemAccess?');
  const expression = `(() => {
    const url = WebExtensionPolicy.getByID(${JSON.stringify(firefox.extensionId)}).getURL(${JSON.stringify(path)});
    const principal = Services.scriptSecurityManager.getSystemPrincipal();
    gBrowser.selectedTab = gBrowser.addTab(url, { triggeringPrincipal: principal });
  })()`;
  await connection.send('script.evaluate', { expression, target: { context: window.context }, awaitPromise: false });
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const page of await firefox.browser.pages()) {
      if ((await page.title().catch(() => '')) === title) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the extension page ${path} ("${title}") did not open`);
}
