import type { Frame, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchWithExtension, type ExtensionBrowser, type LaunchOptions } from './launch';
import { ReplicaClient } from './replica-client';
import { CORPUS_MAILBOXES } from '../../replica/corpus/index';
import { WEBMAIL_SELECTORS } from '../../../src/ksuite/selectors';

/** The replica started by the global setup, and a browser with the shipped build, signed in to the demo mailbox. */
export async function signedInBrowser(options: Omit<LaunchOptions, 'replica'> = {}): Promise<{
  browser: ExtensionBrowser;
  replica: ReplicaClient;
}> {
  const address = inject('replica');
  const replica = new ReplicaClient(address.controlUrl);
  await replica.reset();
  const browser = await launchWithExtension({ ...options, replica: address });
  await replica.signIn(browser.context);
  return { browser, replica };
}

export const MAIL_URL = 'https://mail.infomaniak.com';
export const KSUITE_URL = 'https://ksuite.infomaniak.com';

/** The toolbar our content script puts on an opened message (an open shadow root, so locators reach inside). */
export const TOOLBAR = 'ksuite-companion[data-ksuite-companion="toolbar"]';

/** A new tab on the primary mailbox's message list, once the rows are there; closes the previous one given. */
export async function freshInboxPage(browser: ExtensionBrowser, previous?: Page): Promise<Page> {
  await previous?.close();
  const page = await browser.context.newPage();
  await page.goto(`${MAIL_URL}/0`);
  await page.locator(WEBMAIL_SELECTORS.listRow).first().waitFor();
  return page;
}

/**
 * Opens a message of a mailbox's inbox (the primary one's unless told) by clicking its row, in a fresh load of the
 * list; returns the toolbar our content script puts on it.
 */
export async function openMessage(page: Page, subject: string, mailbox?: string): Promise<Locator> {
  await page.goto(`${MAIL_URL}/${mailbox === undefined ? 0 : webmailIndexOf(mailbox)}`);
  await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click();
  const toolbar = page.locator(TOOLBAR).last();
  await toolbar.waitFor();
  return toolbar;
}

/** The webmail numbers mailboxes primary first, then by address (all ASCII here). */
function webmailIndexOf(email: string): number {
  const order = [...CORPUS_MAILBOXES].sort(
    (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || (a.email < b.email ? -1 : 1),
  );
  return order.findIndex((mailbox) => mailbox.email === email);
}

/** The kSuite shell's mail iframe, once the mail app in it shows its list. */
export async function waitForMailFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('iframe');
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(MAIL_URL));
    if (frame) {
      await frame.waitForSelector(WEBMAIL_SELECTORS.listRow);
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the kSuite shell did not load the mail app in an iframe');
}

/**
 * Clicks a popup button whose action closes the popup (it runs in the page, then `window.close()`), and waits for
 * the popup to be gone. Playwright's click can lose the race with that close and throw "Target page, context or
 * browser has been closed" although the click went through: that error counts only if the popup did not close.
 */
export async function clickClosingPopup(popup: Page, button: Locator): Promise<void> {
  const closed = popup.isClosed() ? Promise.resolve() : popup.waitForEvent('close', { timeout: 15_000 });
  await button.click().catch((error: unknown) => {
    if (!popup.isClosed()) throw error;
  });
  await closed;
}
