import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { savedFileOf, unzip } from './support/downloads';
import { KSUITE_URL, freshInboxPage, signedInBrowser, TOOLBAR } from './support/fixtures';
import { CHROME_BUILD, findPage, WELCOME_PAGE, type ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// A fresh install of the shipped build: the welcome page the browser opens by itself, and the keyboard shortcuts
// (the manifest's `commands`). What the page must list comes from the shipped manifest.json on disk, not from the
// extension. Headless Chromium takes no keyboard shortcut from the test (its key events never reach the browser's
// own shortcut handling), so the test fires the command's event in the service worker
// (`commands.onCommand.dispatch`): the background's real handler runs, with the real active tab.

const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
  version: string;
  permissions: string[];
  optional_permissions: string[];
  host_permissions: string[];
  commands: Record<string, { suggested_key: { default: string } }>;
};
const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
/** The suggested key of each message action, by the button's `data-action` (command `run-zip` → `zip`). */
const suggestedKeys = Object.fromEntries(
  Object.entries(manifest.commands).map(([command, { suggested_key }]) => [
    command.replace(/^run-/, ''),
    suggested_key.default,
  ]),
);

let browser: ExtensionBrowser;
let replica: ReplicaClient;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser({ lang: 'en-US', keepWelcomePage: true }));
});
afterAll(() => browser?.close());

describe('on install', () => {
  let welcome: Page;
  beforeAll(async () => {
    const opened = await findPage(browser.context, browser.extensionUrl(WELCOME_PAGE), 10_000);
    if (!opened) throw new Error('installing the extension opened no welcome page');
    welcome = opened;
    await welcome.getByTestId('welcome').waitFor();
  });

  it('opens the welcome page, once', async () => {
    expect(await welcome.title()).toBe('Welcome to kSuite Mail companion');
    const welcomes = browser.context.pages().filter((page) => page.url() === browser.extensionUrl(WELCOME_PAGE));
    expect(welcomes).toHaveLength(1);
  });

  it('lists every permission of the manifest, each with why, the optional one marked', async () => {
    const expected = [...manifest.permissions, ...manifest.optional_permissions, ...manifest.host_permissions];
    const rows = welcome.getByTestId('welcome-permissions').locator('[data-permission]');
    expect(await rows.locator('dt code').allTextContents()).toEqual(expected);
    for (const reason of await rows.locator('dd').allTextContents()) expect(reason.length).toBeGreaterThan(20);
    const optional = welcome.locator('[data-permission="notifications"] dt');
    expect(await optional.textContent()).toContain('optional');
    expect(await welcome.locator('[data-permission="storage"] dt').textContent()).not.toContain('optional');
  });

  it("shows the toolbar's buttons and each action's shortcut as the browser bound it", async () => {
    const drawing = welcome.getByTestId('welcome-drawing');
    expect(await drawing.locator('.drawing-button').allTextContents()).toEqual([
      'Attachments (.zip)',
      'Save .eml',
      'Headers',
    ]);
    const actions = welcome.getByTestId('welcome-actions').locator('li');
    await expect.poll(() => welcome.getByTestId('welcome-shortcut').count()).toBe(3);
    const shown: Record<string, string> = {};
    for (const row of await actions.all()) {
      shown[(await row.getAttribute('data-action'))!] = (await row.getByTestId('welcome-shortcut').textContent())!;
    }
    // Every suggested key was taken: a key the browser already uses would be dropped, and shown as none.
    expect(shown).toEqual(suggestedKeys);
  });

  it('offers the alerts choice as the popup does: off, with the reason, while the browser may not notify yet', async () => {
    const alerts = welcome.getByTestId('welcome-alerts');
    const enabled = alerts.getByTestId('alerts-enabled');
    await expect.poll(() => alerts.getByTestId('alerts-permission').getAttribute('data-state')).toBe('not_asked');
    // Alerts are wanted by default, but the switch shows what will happen: nothing, until the browser allows it.
    expect(await enabled.isChecked()).toBe(false);
    expect(await alerts.getByTestId('alerts-permission-note').textContent()).toBe('Notifications are not allowed yet.');
  });

  it('"Open kSuite Mail" opens the webmail', async () => {
    await welcome.getByTestId('welcome-open-webmail').click();
    await welcome.waitForURL(`${KSUITE_URL}/**`);
    await welcome.close();
  });
});

describe('after an update', () => {
  it('"what\'s new" lists the news since the previous version, and can be turned off there', async () => {
    const page = await browser.openExtensionPage(`${WELCOME_PAGE}?updatedFrom=0.0.1`);
    await page.getByTestId('whats-new').waitFor();
    expect(await page.title()).toBe('What’s new in kSuite Mail companion');
    expect(await page.locator('h1 + p').textContent()).toBe(`Updated from version 0.0.1 to ${manifest.version}.`);
    expect(await page.getByTestId('whats-new-notes').locator('li').count()).toBeGreaterThan(0);
    const show = page.locator('input[data-setting="showWhatsNew"]');
    await expect.poll(() => show.isChecked()).toBe(true);
    await show.uncheck();
    await expect.poll(() => storedSetting('showWhatsNew')).toBe(false);
    await page.close();
  });
});

describe('keyboard shortcuts', () => {
  let page: Page;

  async function openMessage(id: string): Promise<{ raw: Uint8Array; subject: string }> {
    const message = corpus.get(id)!;
    const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
    page = await freshInboxPage(browser, page);
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click();
    await page.locator(TOOLBAR).waitFor();
    await page.bringToFront();
    return { raw: message.raw, subject };
  }

  /** The browser's "shortcut pressed": the command's event, with the active tab as the browser hands it over. */
  async function pressShortcut(command: string): Promise<void> {
    await browser.serviceWorker.evaluate(async (command) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      (chrome.commands.onCommand as unknown as { dispatch(...args: unknown[]): void }).dispatch(command, tab);
    }, command);
  }

  it('the .eml shortcut saves the opened message, byte for byte', async () => {
    const { raw, subject } = await openMessage('read-receipt-requested');
    const saved = await savedFileOf(page, () => pressShortcut('run-eml'));
    expect(saved.name.endsWith(` – ${subject}.eml`)).toBe(true);
    expect(Buffer.from(saved.bytes).equals(Buffer.from(raw))).toBe(true);
  });

  it('the .zip shortcut saves the attachments, and shows its progress on the message', async () => {
    await replica.reset();
    await openMessage('inline-image-and-attachment');
    const saved = await savedFileOf(page, () => pressShortcut('run-zip'));
    const expected = corpus
      .get('inline-image-and-attachment')!
      .expect.attachments!.filter((a) => !a.inline)
      .map((a) => a.name);
    expect([...(await unzip(saved.bytes)).keys()].sort()).toEqual(expected.sort());
    const status = page.locator(`${TOOLBAR} [data-testid="action-status"]`);
    await expect.poll(() => status.getAttribute('data-state')).toBe('done');
  });

  it('the headers shortcut shows the header report under the toolbar', async () => {
    await openMessage('received-long-chain-mixed-mta');
    await pressShortcut('run-headers');
    await page.locator(`${TOOLBAR} [data-testid="header-report"]`).waitFor();
  });

  it("names each button's shortcut in its tooltip, as the browser has it bound", async () => {
    await openMessage('inline-image-and-attachment');
    const bound = await browser.serviceWorker.evaluate(async () =>
      Object.fromEntries((await chrome.commands.getAll()).map((command) => [command.name, command.shortcut])),
    );
    for (const action of ['zip', 'eml', 'headers']) {
      const button = page.locator(`${TOOLBAR} button[data-action="${action}"]`);
      const shortcut = bound[`run-${action}`];
      expect(shortcut).toBeTruthy();
      await expect.poll(async () => (await button.getAttribute('title'))?.endsWith(` (${shortcut})`)).toBe(true);
    }
  });

  it('a shortcut on a page that is not the webmail does nothing', async () => {
    const other = await browser.openExtensionPage('options.html');
    await other.bringToFront();
    let downloads = 0;
    other.on('download', () => downloads++);
    page.on('download', () => downloads++);
    await pressShortcut('run-eml');
    await other.waitForTimeout(1000);
    expect(downloads).toBe(0);
    await other.close();
  });
});

async function storedSetting(key: string): Promise<unknown> {
  return browser.serviceWorker.evaluate(
    async (key) =>
      ((await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined)?.[key],
    key,
  );
}
