import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { savedFileOf, unzip } from './support/downloads';
import { clickClosingPopup, MAIL_URL, freshInboxPage, signedInBrowser, TOOLBAR } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The same actions through the two other routes: the right-click menu and the toolbar popup.
// Headless Chromium draws no native context menu, so the test fires the menu's click event in the service
// worker (`contextMenus.onClicked.dispatch`), which runs the background's real handler with real arguments.

const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
let browser: ExtensionBrowser;
let replica: ReplicaClient;
let page: Page;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser());
});
afterAll(() => browser?.close());
beforeEach(async () => {
  await replica.reset();
  page = await freshInboxPage(browser, page);
});

async function clickMenu(menuItemId: string, extra: Record<string, unknown> = {}) {
  await browser.serviceWorker.evaluate(
    async ({ menuItemId, extra, url }) => {
      const [tab] = await chrome.tabs.query({ url });
      const info = { menuItemId, frameId: 0, editable: false, pageUrl: tab!.url, ...extra };
      (chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(info, tab);
    },
    { menuItemId, extra, url: `${MAIL_URL}/*` },
  );
}

describe('right-click on the webmail', () => {
  it('"Save .eml" on a row of the list saves that message, without opening it', async () => {
    const message = corpus.get('read-receipt-requested')!;
    const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click({ button: 'right' });
    const saved = await savedFileOf(page, () => clickMenu('message-eml'));
    expect(saved.name.endsWith(` – ${subject}.eml`)).toBe(true);
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);
    expect(await page.locator(WEBMAIL_SELECTORS.openedMessage).count()).toBe(0); // nothing was opened
  });

  it('"Attachments (.zip)" on the opened message zips its attachments', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click();
    await page.locator(TOOLBAR).waitFor();
    await page.locator(`${WEBMAIL_SELECTORS.openedMessage} .message-header`).first().click({ button: 'right' });
    const saved = await savedFileOf(page, () => clickMenu('message-zip'));
    const expected = message.expect.attachments!.filter((a) => !a.inline).map((a) => a.name);
    expect([...(await unzip(saved.bytes)).keys()].sort()).toEqual(expected.sort());
    const status = page.locator(`${TOOLBAR} [data-testid="action-status"]`);
    await expect.poll(() => status.getAttribute('data-state')).toBe('done');
  });

  it('"Inspect headers" on a row shows the report for that message', async () => {
    const message = corpus.get('received-long-chain-mixed-mta')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: parsed.subject! }).first().click({ button: 'right' });
    await clickMenu('message-headers');
    const report = page.getByTestId('header-report');
    await report.waitFor();
    const received = parsed.headerLines.filter((h) => h.key === 'received').length;
    expect(await report.getByTestId('hop').count()).toBe(received);
  });

  it('"Inspect these headers" on selected text opens the inspector with it', async () => {
    const headers = [
      'Received: from relay.example.org (relay.example.org [192.0.2.7]) by mx.example.net with ESMTPS id A1;',
      ' Tue, 3 Nov 2026 10:00:30 +0100',
      'Received: from sender.example.org by relay.example.org with ESMTP id B2; Tue, 3 Nov 2026 10:00:00 +0100',
      'From: Someone <someone@example.org>',
      'Subject: Test',
    ].join('\n');
    const opened = browser.context.waitForEvent('page');
    await clickMenu('selection-inspect-headers', { selectionText: headers });
    const inspector = await opened;
    await inspector.waitForLoadState();
    expect(inspector.url()).toBe(browser.extensionUrl('inspector.html#selection'));
    const hops = inspector.getByTestId('hop');
    await expect.poll(() => hops.count()).toBe(2);
    expect(await hops.nth(1).getAttribute('data-delay-seconds')).toBe('30');
    await inspector.close();
  });
});

describe('the toolbar popup', () => {
  async function openPopup() {
    const opened = browser.context.waitForEvent('page');
    // A popup window of its own, like the toolbar's: the popup acts on the active tab of the browser window.
    await browser.serviceWorker.evaluate(
      (url) => chrome.windows.create({ url, type: 'popup', width: 360, height: 480 }),
      browser.extensionUrl('popup.html'),
    );
    const popup = await opened;
    await popup.waitForLoadState();
    return popup;
  }

  it('offers the three actions for the opened message and runs them in the page', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click();
    await page.locator(TOOLBAR).waitFor();
    await page.bringToFront();

    const popup = await openPopup();
    const actions = popup.getByTestId('popup-message-actions');
    await actions.waitFor();
    expect(await actions.locator('.subject').textContent()).toBe(subject);
    const saved = await savedFileOf(page, () => clickClosingPopup(popup, actions.locator('button[data-action="eml"]')));
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);

    const popup2 = await openPopup();
    await clickClosingPopup(
      popup2,
      popup2.getByTestId('popup-message-actions').locator('button[data-action="headers"]'),
    );
    await page.locator(`${TOOLBAR} [data-testid="header-report"]`).waitFor();
  });

  it('with no message open, says how to use the actions', async () => {
    await page.bringToFront();
    const popup = await openPopup();
    await expect.poll(() => popup.getByTestId('popup-status').count()).toBe(1);
    expect(await popup.getByTestId('popup-message-actions').count()).toBe(0);
    await popup.close();
  });
});
