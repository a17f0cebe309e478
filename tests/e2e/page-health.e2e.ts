import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { KSUITE_URL, MAIL_URL, signedInBrowser, TOOLBAR, waitForMailFrame } from './support/fixtures';
import { CHROME_BUILD, type ExtensionBrowser } from './support/launch';
import { openPopupWindow } from './support/popup';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The popup's line on whether the extension recognised the webmail tab, and "Copy diagnostics", in the shipped
// build on the replica.

const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
let browser: ExtensionBrowser;

beforeAll(async () => {
  ({ browser } = await signedInBrowser({ lang: 'en-US' }));
  // Only so that the test can read back what the popup copied (writing needs no permission after a click).
  await browser.context.grantPermissions(['clipboard-read']);
});
afterAll(() => browser?.close());

const openPopup = () => openPopupWindow(browser);

async function healthLine(popup: Page): Promise<string> {
  const line = popup.getByTestId('page-health-line');
  await line.waitFor();
  return (await line.textContent()) ?? '';
}

/** Opens the corpus message in the list of `frame` by clicking its row; returns its uid and what it says. */
async function openMessage(frame: Page | Frame, id: string) {
  const parsed = await simpleParser(Buffer.from(corpus.get(id)!.raw));
  await frame.locator(WEBMAIL_SELECTORS.listRow, { hasText: parsed.subject! }).first().click();
  const message = frame.locator(WEBMAIL_SELECTORS.openedMessage).last();
  await message.waitFor();
  const uid = ((await message.getAttribute('class')) ?? '')
    .split(/\s+/)
    .find((c) => c.startsWith('mail-'))!
    .slice('mail-'.length);
  const addresses = [parsed.from, parsed.to, parsed.cc]
    .flatMap((a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []))
    .flatMap((a) => a.value.map((v) => v.address!))
    .filter(Boolean);
  return { uid, subject: parsed.subject!, addresses };
}

const READY = 'Ready on this page';
const LOOKS_DIFFERENT = 'This page looks different: the buttons may be missing; actions still work from here';

describe('the popup on the classic webmail', () => {
  let page: Page;
  let opened: Awaited<ReturnType<typeof openMessage>>;
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.goto(`${MAIL_URL}/0`);
    opened = await openMessage(page, 'inline-image-and-attachment');
    await page.locator(TOOLBAR).waitFor();
  });
  afterAll(() => page?.close());

  it('says the page is recognised when a message is open', async () => {
    await page.bringToFront();
    const popup = await openPopup();
    expect(await healthLine(popup)).toBe(READY);
    expect(await popup.getByTestId('page-health').getAttribute('data-view')).toBe('message');
    await popup.close();
  });

  it('says the page looks different once the footer and the thread toolbar are gone, and copies diagnostics without anything personal', async () => {
    await page.evaluate(({ openedMessageFooter, threadToolbar }) => {
      for (const e of document.querySelectorAll(`${openedMessageFooter}, ${threadToolbar}`)) e.remove();
    }, WEBMAIL_SELECTORS);
    await page.bringToFront();
    const popup = await openPopup();
    expect(await healthLine(popup)).toBe(LOOKS_DIFFERENT);
    // The popup's actions still work for the opened message.
    await popup.getByTestId('popup-message-actions').waitFor();

    const copy = popup.getByTestId('copy-diagnostics');
    expect(await copy.textContent()).toBe('Copy diagnostics');
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe('Copied');
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    await popup.close();

    const manifest = JSON.parse(await readFile(join(CHROME_BUILD, 'manifest.json'), 'utf8')) as { version: string };
    expect(text).toContain(`kSuite Mail companion ${manifest.version}\n`);
    expect(text).toMatch(/^Browser: Chrome \d+ headless \(Linux\)$/m);
    expect(text).toContain('Page: classic mail host, message open\n');
    expect(text).toContain('Recognised: no, the page looks different\n');
    expect(text).toContain('URL: mail.infomaniak.com/{n};fid={id}/thread/{n}\n');
    expect(text).toContain('  openedMessage div.message-item: 1\n');
    expect(text).toContain('  openedMessageFooter div.mailContent-open-footer: 0\n');
    expect(text).toContain('  threadToolbar div.mail-toolbar__right: 0\n');
    expect(text).toMatch(/^ {2}listRow \[data-thread-uid\]: [1-9]\d*$/m);

    const [shortUid, folderId] = opened.uid.split('@') as [string, string];
    expect(text).not.toContain(opened.subject);
    expect(text).not.toContain(folderId);
    expect(text).not.toContain(encodeURIComponent(folderId));
    // Numbers it may hold besides: match counts, the browser's and the extension's versions.
    const withoutCounts = text
      .replace(/: \d+$/gm, ':')
      .replace(/^Browser: .*$/m, '')
      .replace(manifest.version, '');
    expect(withoutCounts).not.toMatch(new RegExp(`\\b${shortUid}\\b`));
    expect(opened.addresses.length).toBeGreaterThan(0);
    for (const address of opened.addresses) expect(text).not.toContain(address);
    expect(text).not.toContain('@'); // no address of any kind, nor a uid
  });
});

describe('a message whose footer the webmail no longer draws', () => {
  it('gets its toolbar under the thread toolbar, and the popup calls the page recognised', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript((footers) => {
      const dropFooters = new MutationObserver(() =>
        document.querySelectorAll(footers).forEach((footer) => footer.remove()),
      );
      dropFooters.observe(document, { subtree: true, childList: true });
      (window as { keepFooters?: () => void }).keepFooters = () => dropFooters.disconnect();
    }, WEBMAIL_SELECTORS.openedMessageFooter);
    await page.goto(`${MAIL_URL}/0`);
    const { uid } = await openMessage(page, 'inline-image-and-attachment');
    const toolbar = page.locator(`${TOOLBAR}[data-message-uid="${uid}"]`);
    await toolbar.waitFor();
    expect(await page.locator(WEBMAIL_SELECTORS.openedMessageFooter).count()).toBe(0);
    const underThreadToolbar = await toolbar.evaluate(
      (host, threadToolbar) => host.previousElementSibling?.querySelector(`:scope > ${threadToolbar}`) !== null,
      WEBMAIL_SELECTORS.threadToolbar,
    );
    expect(underThreadToolbar).toBe(true);

    await page.bringToFront();
    const popup = await openPopup();
    expect(await healthLine(popup)).toBe(READY);
    await popup.close();

    // The footer is drawn after all (a slow webmail): the toolbar moves just above it.
    await page.evaluate((openedMessage) => {
      (window as { keepFooters?: () => void }).keepFooters!();
      const footer = document.createElement('div');
      footer.className = 'mailContent-open-footer';
      document.querySelector(`${openedMessage}:last-of-type`)!.append(footer);
    }, WEBMAIL_SELECTORS.openedMessage);
    await expect
      .poll(() =>
        toolbar.evaluate(
          (host, footer) => host.nextElementSibling?.matches(footer) ?? false,
          WEBMAIL_SELECTORS.openedMessageFooter,
        ),
      )
      .toBe(true);
    await page.close();
  });
});

describe('the popup on the kSuite shell', () => {
  it('takes the shell and the mail app in its frame together', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${KSUITE_URL}/all/mail/0`);
    const frame = await waitForMailFrame(page);
    await openMessage(frame, 'inline-image-and-attachment');
    await frame.locator(TOOLBAR).waitFor();
    await page.bringToFront();
    const popup = await openPopup();
    expect(await healthLine(popup)).toBe(READY);
    await popup.getByTestId('copy-diagnostics').click();
    await expect.poll(() => popup.getByTestId('copy-diagnostics').textContent()).toBe('Copied');
    const text = await popup.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Page: kSuite shell, message open\n');
    expect(text).toContain(
      'URL: ksuite.infomaniak.com/all/mail/{n}\nFrame URL: mail.infomaniak.com/{n};fid={id}/thread/{n}?ksuite-mode={…}\n',
    );
    expect(text).toContain('  openedMessageFooter div.mailContent-open-footer: 1\n');
    expect(text).toContain('  mailAppFrame iframe[src^="https://mail.infomaniak.com/"]: 1\n');
    await popup.close();
    await page.close();
  });
});
