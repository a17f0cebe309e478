import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectFits, measurePopupInPage } from '../e2e/support/popup-size';
import { ReplicaClient } from '../e2e/support/replica-client';
import { openExtensionPage } from './support/extension-page';
import { attributeOf, countOf, textOf } from './support/fixtures';
import {
  FIREFOX_BUILD,
  launchFirefoxWithExtension,
  WELCOME_TITLE,
  type FirefoxWithExtension,
} from './support/launch-firefox';

// The extension's own pages in Firefox, as a new user meets them: a fresh install that has not signed in yet. What
// the pages must show comes from the shipped manifest on disk and from words written here, not from the extension.

const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as {
  version: string;
  permissions: string[];
  optional_permissions?: string[];
  host_permissions: string[];
};
const EVENTUALLY = { timeout: 20_000 };

let firefox: FirefoxWithExtension;

beforeAll(async () => {
  await new ReplicaClient(inject('firefoxReplica').controlUrl).reset();
  firefox = await launchFirefoxWithExtension({ proxyPort: inject('firefoxReplica').proxyPort, systemAccess: true });
});
afterAll(() => firefox?.close());

describe('the popup in Firefox, signed out', () => {
  let popup: Page;
  beforeAll(async () => {
    popup = await openExtensionPage(firefox, 'popup.html', 'kSuite Mail companion');
  });
  afterAll(() => popup?.close());

  it('offers one thing to do: sign in', async () => {
    await expect
      .poll(() => attributeOf(popup, '[data-testid="alerts-popup"]', 'data-status'), EVENTUALLY)
      .toBe('signed_out');
    const primary = await popup.$$eval('.button.primary', (buttons) => buttons.map((button) => button.textContent));
    expect(primary).toEqual(['Sign in to kSuite Mail']);
  });

  it('fits a toolbar popup (360 × 600) with no button label on two lines', async () => {
    await popup.waitForSelector('[data-testid="alerts-sign-in"]');
    expectFits(await popup.evaluate(measurePopupInPage));
  });

  it('shows the version and a help link to the welcome page at the bottom', async () => {
    expect(await textOf(popup, '[data-testid="about-version"]')).toBe(`Version ${manifest.version}`);
    expect(await attributeOf(popup, '[data-testid="about-help"]', 'href')).toMatch(
      /^moz-extension:\/\/[^/]+\/welcome\.html$/,
    );
    const [footerBottom, mainBottom] = await popup.evaluate(() => [
      document.querySelector('footer')!.getBoundingClientRect().bottom,
      document.querySelector('main')!.getBoundingClientRect().bottom,
    ]);
    expect(footerBottom).toBeGreaterThan(mainBottom! - 24);
  });
});

describe('the options page in Firefox', () => {
  const title = 'kSuite Mail companion settings';
  const interval = '[data-testid="settings-interval"]';
  const fileNamesWithDate = 'input[data-setting="fileNamesWithDate"]';
  const notice = '[data-testid="settings-saved"]';

  it('says "Saved" after each change, and the changes are still there when the page is opened again', async () => {
    const options = await openExtensionPage(firefox, 'options.html', title);
    await options.waitForSelector(interval);
    await options.waitForSelector(fileNamesWithDate);
    expect(await textOf(options, notice)).toBe('');
    expect(await options.$eval(fileNamesWithDate, (box) => (box as HTMLInputElement).checked)).toBe(true);

    await options.select(interval, '300');
    await expect.poll(() => textOf(options, notice)).toBe('Saved');
    // Shown, not only in the DOM (it fades in).
    await expect.poll(() => options.$eval(notice, (element) => getComputedStyle(element).opacity)).toBe('1');
    await expect.poll(() => textOf(options, notice), { timeout: 5000 }).toBe('');
    await options.click(fileNamesWithDate);
    await expect.poll(() => textOf(options, notice)).toBe('Saved');
    await options.close();

    const again = await openExtensionPage(firefox, 'options.html', title);
    await again.waitForSelector(fileNamesWithDate);
    await expect.poll(() => again.$eval(interval, (select) => (select as HTMLSelectElement).value)).toBe('300');
    expect(await again.$eval(fileNamesWithDate, (box) => (box as HTMLInputElement).checked)).toBe(false);
    await again.close();
  });
});

describe('the welcome page in Firefox', () => {
  it('opens by itself on install', () => {
    expect(firefox.welcomePageOpened).toBe(true);
  });

  it('lists every permission of the manifest, each with why, the optional one marked', async () => {
    const welcome = await openExtensionPage(firefox, 'welcome.html', WELCOME_TITLE);
    await welcome.waitForSelector('[data-testid="welcome-permissions"]');
    const rows = await welcome.$$eval('[data-testid="welcome-permissions"] [data-permission]', (items) =>
      items.map((item) => ({
        name: item.querySelector('dt code')?.textContent,
        optional: item.querySelector('dt')!.textContent!.includes('optional'),
        reason: item.querySelector('dd')?.textContent ?? '',
      })),
    );
    const optional = manifest.optional_permissions ?? [];
    expect(rows.map((row) => row.name)).toEqual([...manifest.permissions, ...optional, ...manifest.host_permissions]);
    for (const row of rows) {
      expect(row.reason.length, row.name!).toBeGreaterThan(20);
      expect(row.optional, row.name!).toBe(optional.includes(row.name!));
    }
    expect(await countOf(welcome, '[data-testid="welcome-open-webmail"]')).toBe(1);
    await welcome.close();
  });
});
