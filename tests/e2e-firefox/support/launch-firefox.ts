import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { TEST_TIME_ZONE } from '../../e2e/support/launch';
import { DownloadFolder } from './download-folder';
import { firefoxExecutable } from './firefox';

export const FIREFOX_BUILD = resolve('.output/firefox-mv3');

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on's id as Firefox installed it (the manifest's gecko id). */
  extensionId: string;
  /** Where Firefox saves downloads, without asking. */
  downloads: DownloadFolder;
  /** Whether installing the add-on opened its welcome page (closed again at once, as most users would). */
  welcomePageOpened: boolean;
  close(): Promise<void>;
}

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi, in a throw-away profile, with the shipped Firefox
 * build installed as a temporary add-on (no signing needed), and the Infomaniak hosts reaching the replica
 * through the loopback proxy. Nothing in the build is changed.
 */
export async function launchFirefoxWithExtension(options: {
  proxyPort: number;
  /**
   * Lets the test reach the browser's own (chrome) contexts over BiDi, which the extension's pages need: Firefox
   * refuses to navigate a tab to a moz-extension:// page over BiDi, so the test opens it as the browser would
   * (see extension-page.ts).
   */
  systemAccess?: boolean;
}): Promise<FirefoxWithExtension> {
  const downloads = new DownloadFolder(await mkdtemp(join(tmpdir(), 'ksuite-companion-firefox-downloads-')));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: firefoxExecutable(),
    headless: true,
    // The replica's certificate is made at start and signed by nobody. Only the replica can answer over HTTPS
    // (the proxy tunnels nowhere else), so accepting it is accepting exactly that certificate.
    acceptInsecureCerts: true,
    ...(options.systemAccess ? { args: ['--remote-allow-system-access'] } : {}),
    // File names carry the message's local date and time: pin the zone so expectations are exact.
    env: { ...process.env, TZ: TEST_TIME_ZONE },
    extraPrefsFirefox: {
      ...proxyPrefs(options.proxyPort),
      ...downloadPrefs(downloads.path),
      // The tests read the extension's English texts (its i18n follows the browser's language).
      'intl.locale.requested': 'en-US',
    },
  });
  try {
    const extensionId = await browser.installExtension(FIREFOX_BUILD);
    const welcomePageOpened = await closeWelcomePage(browser);
    return {
      browser,
      extensionId,
      downloads,
      welcomePageOpened,
      async close() {
        await browser.close();
        await rm(downloads.path, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** All HTTPS through the replica proxy (manual proxy configuration, HTTPS only). */
function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
  };
}

/** Save every download straight into `dir` under its own name, no dialog, no temporary folder. */
function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
  };
}

/**
 * Closes the welcome page the extension opens on install, as most users would, so that it does not race a test's
 * first new tab (a page opening meanwhile made `newPage()` time out now and then). Waits at most a few seconds;
 * says whether there was one. Firefox tells BiDi the address of an extension's page as about:blank, so the page is
 * known by its title (the browser's language is pinned to English).
 */
async function closeWelcomePage(browser: Browser, timeout = 5_000): Promise<boolean> {
  for (const deadline = Date.now() + timeout; Date.now() < deadline;) {
    for (const page of await browser.pages()) {
      if ((await page.title().catch(() => '')) !== WELCOME_TITLE) continue;
      await page.close();
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** The welcome page's title in English (public/_locales/en, `welcome_title`). */
export const WELCOME_TITLE = 'Welcome to kSuite Mail companion';
