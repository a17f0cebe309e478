import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumExecutable } from './chromium';
import { chromiumArgs, closeWelcomePage, WELCOME_PAGE, type ReplicaAddress } from './launch';

// Chromium with the shipped build and the optional `notifications` permission already granted, for the alerts'
// browser tests and bench. Headless Chromium cannot answer the permission prompt, so the profile is prepared the
// way Chromium itself records a permission the user granted: in its Preferences, under the id it derives from the
// unpacked extension's path. Nothing in the build changes.

export interface GrantedBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The id the profile was prepared for; equal to `extensionId` unless Chromium changed how it derives ids. */
  preparedId: string;
  /** An extension page kept open to drive and inspect the extension (it lives on when the worker is stopped). */
  page: Page;
  profile: string;
  /** Closes the browser; the profile stays, for a restart with `launchWithNotificationsGranted({ profile })`. */
  close(): Promise<void>;
  /** Closes the browser and deletes the profile. */
  dispose(): Promise<void>;
}

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelt a–p. */
export function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

async function prepareProfile(profile: string, extensionDir: string): Promise<void> {
  const permissions = {
    api: ['alarms', 'contextMenus', 'notifications', 'storage'],
    explicit_host: ['https://ksuite.infomaniak.com/*', 'https://mail.infomaniak.com/*'],
    manifest_permissions: [],
    scriptable_host: [],
  };
  const settings = {
    active_permissions: permissions,
    granted_permissions: permissions,
    location: 8,
    path: extensionDir,
  };
  await mkdir(join(profile, 'Default'), { recursive: true });
  const preferences = { extensions: { settings: { [unpackedExtensionId(extensionDir)]: settings } } };
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
}

export async function launchWithNotificationsGranted(options: {
  replica: ReplicaAddress;
  extensionDir: string;
  /** A profile from an earlier launch (a browser restart); a new prepared one when absent. */
  profile?: string;
  /** Browser UI language, e.g. 'de' (drives the extension's i18n). */
  lang?: string;
}): Promise<GrantedBrowser> {
  const extensionDir = await realpath(options.extensionDir);
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'ksuite-companion-alerts-')));
  if (!options.profile) await prepareProfile(profile, extensionDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: true,
    locale: options.lang,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(extensionDir, options.replica, options.lang),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // A fresh profile is an install: the welcome page opens, and goes, as in launchWithExtension.
  if (!options.profile) await closeWelcomePage(context, `chrome-extension://${extensionId}/${WELCOME_PAGE}`);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/inspector.html`);
  return {
    context,
    extensionId,
    preparedId: unpackedExtensionId(extensionDir),
    page,
    profile,
    close: () => context.close(),
    async dispose() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
