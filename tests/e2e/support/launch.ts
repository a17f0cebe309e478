import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chromiumExecutable } from './chromium';

export interface ReplicaAddress {
  /** `MAP mail.infomaniak.com 127.0.0.1:PORT,…`: Chromium resolves the real hostnames to the replica. */
  hostResolverRules: string;
  /** SPKI hash of the replica's certificate: Chromium trusts exactly that certificate, nothing else. */
  spkiHash: string;
}

export interface LaunchOptions {
  replica: ReplicaAddress;
  /** Unpacked build to load; the shipped production build by default. */
  extensionDir?: string;
  headless?: boolean;
  /** Browser UI language, e.g. 'de' (drives the extension's i18n). */
  lang?: string;
  /** Leave open the welcome page the extension opens on install; by default it is closed, as most users would. */
  keepWelcomePage?: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  extensionUrl(path: string): string;
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export const TEST_TIME_ZONE = 'Europe/Zurich';

/**
 * The unpacked build the suite loads: Chrome's, or another Chromium-family build named by `EXTENSION_BUILD`
 * (`EXTENSION_BUILD=edge-mv3`: Edge's build, which Edge runs on the same engine, checked in Debian's Chromium).
 */
export const CHROME_BUILD = resolve('.output', chromiumFamilyBuild(process.env.EXTENSION_BUILD || 'chrome-mv3'));

function chromiumFamilyBuild(name: string): string {
  if (!/^(chrome|edge)-mv3$/.test(name)) throw new Error(`EXTENSION_BUILD=${name}: expected chrome-mv3 or edge-mv3`);
  return name;
}

/**
 * Debian's Chromium with the extension loaded unpacked, in a throw-away profile, the Infomaniak hosts mapped to
 * the replica. Nothing in the build is changed: the manifest and code are the ones we ship.
 */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionDir = resolve(options.extensionDir ?? CHROME_BUILD);
  const profile = await mkdtemp(join(tmpdir(), 'ksuite-companion-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 860 },
    locale: options.lang,
    // File names carry the message's local date and time: pin the zone so expectations are exact.
    timezoneId: TEST_TIME_ZONE,
    acceptDownloads: true,
    // Playwright disables extensions by default; we want exactly ours.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(extensionDir, options.replica, options.lang),
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  if (!options.keepWelcomePage) await closeWelcomePage(context, extensionUrl(WELCOME_PAGE));
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The page the extension opens on install (src/background/first-run.ts). */
export const WELCOME_PAGE = 'welcome.html';

/**
 * Closes the welcome page a fresh install opens, so that a test's "a page opened" is the page its own step opened.
 * A build without a welcome page (an older one, for "before" screenshots) just costs the wait.
 */
export async function closeWelcomePage(context: BrowserContext, url: string, timeout = 5_000): Promise<void> {
  await (await findPage(context, url, timeout))?.close();
}

/** The page showing `url`, once one does (a new tab may show about:blank first), or null after `timeout` ms. */
export async function findPage(context: BrowserContext, url: string, timeout: number): Promise<Page | null> {
  for (const deadline = Date.now() + timeout; Date.now() < deadline;) {
    const page = context.pages().find((candidate) => candidate.url() === url);
    if (page) return page;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** Chromium's flags for the extension tests: only our extension, the Infomaniak hosts mapped to the replica. */
export function chromiumArgs(extensionDir: string, replica: ReplicaAddress, lang?: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${replica.hostResolverRules}`,
    `--ignore-certificate-errors-spki-list=${replica.spkiHash}`,
    ...(lang ? [`--lang=${lang}`] : []),
    // This machine has no network: keep Chromium from trying to reach Google's services.
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
