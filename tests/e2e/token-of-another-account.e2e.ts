import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaAccount } from '../replica/index';
import { buildCorpus } from '../replica/corpus/index';
import { folderIdFromPath } from '../replica/server/folder-id';
import { savedFileOf } from './support/downloads';
import { clickClosingPopup, freshInboxPage, MAIL_URL, signedInBrowser, TOOLBAR } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The user saved a personal API token of another account (B) in the options, and the webmail is signed in to A.
// Every folder numbers its messages from 1, so A's message 1 in INBOX and B's message 1 in INBOX share their ids:
// whatever acts on a message shown in the page must do it with the page's own session, and a link found with B's
// token must not open in A's webmail.

const EVENTUALLY = { timeout: 20_000 };
const INBOX = folderIdFromPath('INBOX');
const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
/** The demo account's first message in its inbox: uid 1, as the second account's first one. */
const SHARED_IDS = corpus.get('read-receipt-requested')!;

let browser: ExtensionBrowser;
let replica: ReplicaClient;
let demo: ReplicaAccount;
let other: ReplicaAccount;
let page: Page;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser({ lang: 'en-US' }));
  [demo, other] = (await replica.accounts()) as [ReplicaAccount, ReplicaAccount];
  // As the user does it: pasted in the options page.
  const options = await browser.openExtensionPage('options.html');
  await options.getByTestId('settings-token-input').fill(other.token);
  await options.getByTestId('settings-token-save').click();
  await options.getByTestId('settings-token-masked').waitFor();
  await options.close();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  page = await freshInboxPage(browser, page);
});

/** Opens A's message 1 of the inbox in the page. */
async function openSharedIdsMessage(): Promise<void> {
  const subject = (await simpleParser(Buffer.from(SHARED_IDS.raw))).subject!;
  const row = page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first();
  expect(await row.getAttribute('data-thread-uid')).toBe(`1@${INBOX}`);
  await row.click();
  await page.locator(TOOLBAR).waitFor();
}

function isSharedIdsMessage(bytes: Uint8Array): boolean {
  return Buffer.from(bytes).equals(Buffer.from(SHARED_IDS.raw));
}

/** What the webmail page asked of the mail API (its own requests and our content script's), not the background. */
async function apiRequestsFromThePage() {
  return (await replica.requests()).filter(
    (r) => r.host === 'mail.infomaniak.com' && r.path.startsWith('/api/') && r.site === 'same-origin',
  );
}

describe('in the page, with a token of another account saved', () => {
  it('"Save .eml" saves the page’s message byte for byte, fetched with the page’s session only', async () => {
    await openSharedIdsMessage();
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => page.locator(`${TOOLBAR} [data-action="eml"]`).click());
    expect(isSharedIdsMessage(saved.bytes)).toBe(true);

    const requests = await apiRequestsFromThePage();
    expect(requests.map((r) => r.path)).toContainEqual(expect.stringMatching(`/folder/${INBOX}/message/1/download$`));
    expect(requests.filter((r) => r.auth !== 'cookie')).toEqual([]);
    expect(new Set(requests.map((r) => r.account))).toEqual(new Set([demo.email]));
  });

  it('the right-click "Save .eml" saves the page’s message too', async () => {
    await openSharedIdsMessage();
    await page.locator(`${WEBMAIL_SELECTORS.openedMessage} .message-header`).first().click({ button: 'right' });
    const saved = await savedFileOf(page, () =>
      browser.serviceWorker.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        const info = { menuItemId: 'message-eml', frameId: 0, editable: false, pageUrl: tab!.url };
        (chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void }).dispatch(info, tab);
      }, `${MAIL_URL}/*`),
    );
    expect(isSharedIdsMessage(saved.bytes)).toBe(true);
  });

  it('the popup’s "Save .eml" for the opened message saves the page’s message too', async () => {
    await openSharedIdsMessage();
    await page.bringToFront();
    const opened = browser.context.waitForEvent('page');
    await browser.serviceWorker.evaluate(
      (url) => chrome.windows.create({ url, type: 'popup', width: 360, height: 480 }),
      browser.extensionUrl('popup.html'),
    );
    const popup = await opened;
    const actions = popup.getByTestId('popup-message-actions');
    await actions.waitFor();
    const saved = await savedFileOf(page, () => clickClosingPopup(popup, actions.locator('button[data-action="eml"]')));
    expect(isSharedIdsMessage(saved.bytes)).toBe(true);
  });
});

describe('the popup’s mail found with the token of another account', () => {
  async function popupWithTheTokensMail(): Promise<Page> {
    const popup = await browser.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY).toBe('ok');
    await expect.poll(() => popup.getByTestId('alerts-mailboxes').textContent(), EVENTUALLY).toContain(other.email);
    return popup;
  }

  it('a latest unread message of that account is not opened in the webmail signed in to this one: it says so', async () => {
    const before = page.url();
    const popup = await popupWithTheTokensMail();
    const latest = popup.getByTestId('alerts-latest').getByRole('button', { name: /Lohnabrechnung Oktober/ });
    await latest.waitFor(EVENTUALLY);
    await latest.click();
    const notice = popup.getByTestId('alerts-other-account');
    await notice.waitFor(EVENTUALLY);
    expect(await notice.textContent()).toBe(
      `The mailbox ${other.email} is not part of the Infomaniak account signed in to kSuite Mail in this browser. To open it here, sign in with the account it belongs to.`,
    );
    expect(page.url()).toBe(before);
    expect(browser.context.pages().filter((p) => p.url().startsWith(MAIL_URL))).toEqual([page]);
    await popup.close();
  });

  it('neither is one of its mailboxes', async () => {
    const before = page.url();
    const popup = await popupWithTheTokensMail();
    await popup
      .getByTestId('alerts-mailboxes')
      .getByRole('button', { name: new RegExp(other.email) })
      .click();
    await popup.getByTestId('alerts-other-account').waitFor(EVENTUALLY);
    expect(page.url()).toBe(before);
    await popup.close();
  });
});
