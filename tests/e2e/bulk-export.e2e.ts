import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { savedFileOf, unzip } from './support/downloads';
import { freshInboxPage, signedInBrowser } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// Many messages at once: rows selected in the list, then the selection bar's two exports.

const corpus = buildCorpus();
const inbox = corpus.filter((m) => m.mailbox === corpus[0]!.mailbox && m.folder === 'INBOX');
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

async function select(ids: string[]) {
  const subjects: string[] = [];
  for (const id of ids) {
    const message = inbox.find((m) => m.id === id)!;
    const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
    subjects.push(subject);
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().locator('mat-checkbox').click();
  }
  return subjects;
}

const bar = () => page.getByTestId('selection-bar');

describe('with several messages selected', () => {
  it('shows the selection bar only from two selected rows on', async () => {
    await select(['plain-text-de']);
    expect(await bar().count()).toBe(0);
    await select(['read-receipt-requested']);
    await expect.poll(() => bar().getAttribute('data-count')).toBe('2');
  });

  it('"Messages (.eml)" saves each selected message byte for byte', async () => {
    const ids = ['plain-text-de', 'read-receipt-requested', 'inline-image-and-attachment'];
    const subjects = await select(ids);
    const saved = await savedFileOf(page, () => bar().locator('button[data-action="eml"]').click());
    expect(saved.name).toMatch(/ – 3 messages\.zip$/);
    const files = await unzip(saved.bytes);
    expect(files.size).toBe(3);
    for (const [index, id] of ids.entries()) {
      const name = [...files.keys()].find((n) => n.endsWith(` – ${subjects[index]}.eml`))!;
      expect(name, subjects[index]).toBeDefined();
      const raw = inbox.find((m) => m.id === id)!.raw;
      expect(Buffer.from(files.get(name)!).equals(Buffer.from(raw))).toBe(true);
    }
  });

  it('"Attachments (.zip)" puts each message\'s files in a folder of its own', async () => {
    const ids = ['inline-image-and-attachment', 'hostile-names-control-bidi-long'];
    await select(ids);
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => bar().locator('button[data-action="zip"]').click());
    // Each message from the server's archive, which matched: no raw message was needed.
    const paths = (await replica.requests()).map((entry) => entry.path);
    expect(paths.filter((path) => path.endsWith('/attachmentsArchive'))).toHaveLength(2);
    expect(paths.filter((path) => path.endsWith('/download'))).toHaveLength(0);
    const files = await unzip(saved.bytes);
    const reference = await simpleParser(Buffer.from(inbox.find((m) => m.id === ids[0])!.raw));
    const file = reference.attachments.find((a) => a.contentDisposition !== 'inline')!;
    const savedFile = [...files].find(([name]) => name.endsWith(`/${file.filename}`))!;
    expect(Buffer.from(savedFile[1]).equals(file.content)).toBe(true);
    const expectedCount = ids
      .map((id) => inbox.find((m) => m.id === id)!.expect.attachments!.filter((a) => !a.inline).length)
      .reduce((a, b) => a + b, 0);
    expect(files.size).toBe(expectedCount);
    const folders = new Set([...files.keys()].map((name) => name.split('/')[0]));
    expect(folders.size).toBe(2);
    for (const name of files.keys()) expect(name.split('/')).toHaveLength(2);
  });

  // A JSON 401, a 302 to the sign-in page (the form reported for the live site), or that page itself in place of
  // the message: the rest would fail alike, so nothing is saved and the user is asked to sign in again.
  it.each([
    ['a 401', () => replica.expireSession(false, 'status')],
    ['a redirect to sign-in', () => replica.expireSession(false, 'redirect')],
    ['an HTML page in place of the message', () => replica.answerDownloadsWithHtml(1, '/download')],
  ])('an expired session (answered by %s) saves nothing and offers to sign in again', async (_, expire) => {
    await select(['plain-text-de', 'read-receipt-requested']);
    await expire();
    let downloads = 0;
    page.on('download', () => downloads++);
    await bar().locator('button[data-action="eml"]').click();
    const status = bar().getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toContain('session has expired');
    expect(await status.locator('a').getAttribute('href')).toBe('https://ksuite.infomaniak.com/all/mail/0');
    expect(downloads).toBe(0);
    await replica.signIn(browser.context);
  });

  it('names a message it could not get, in the bar and in the zip, and keeps the others', async () => {
    const subjects = await select(['plain-text-de', 'read-receipt-requested']);
    // Four failures: the first message's download and its three retries. The second message then gets through.
    await replica.failNext(4, 500, '/download');
    const saved = await savedFileOf(page, () => bar().locator('button[data-action="eml"]').click());
    const files = await unzip(saved.bytes);
    expect([...files.keys()].filter((n) => n.endsWith('.eml'))).toHaveLength(1);
    const missingList = new TextDecoder().decode(files.get('NOT INCLUDED.txt')!);
    expect(missingList).toContain(subjects[0]);
    const status = bar().getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('partial');
    expect(await status.textContent()).toContain(subjects[0]);
  });

  it.each([
    ['cut "cleanly", twice', 'stopped before the end', () => replica.truncateNext(2, 200, 'short', '/download')],
  ])('"Messages (.eml)" leaves out a message whose raw download was %s, and says why', async (_, reason, fault) => {
    const ids = ['plain-text-de', 'read-receipt-requested'];
    const subjects = await select(ids);
    // The first message's download(s) get the fault; the second message is served as it is.
    await fault();
    const saved = await savedFileOf(page, () => bar().locator('button[data-action="eml"]').click());
    const files = await unzip(saved.bytes);
    const emls = [...files.keys()].filter((n) => n.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    expect(emls[0]!.endsWith(` – ${subjects[1]}.eml`), emls[0]).toBe(true);
    const second = inbox.find((m) => m.id === ids[1])!.raw;
    expect(Buffer.from(files.get(emls[0]!)!).equals(Buffer.from(second))).toBe(true);
    const missingList = new TextDecoder().decode(files.get('NOT INCLUDED.txt')!);
    expect(missingList).toContain(subjects[0]);
    expect(missingList).toContain(reason);
    const status = bar().getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('partial');
    expect(await status.textContent()).toContain(subjects[0]);
  });
});

describe('what a bulk export saves, and what the bar says', () => {
  const withoutAttachments = ['plain-text-de', 'malformed-header-without-colon', 'read-receipt-requested'];
  const status = () => bar().getByTestId('action-status');

  /** Counts the files the browser saves from now on. */
  function countDownloads() {
    let downloads = 0;
    page.on('download', () => downloads++);
    return () => downloads;
  }

  it('"Attachments (.zip)" of messages without attachments saves nothing and says so', async () => {
    await select(withoutAttachments);
    const downloads = countDownloads();
    await bar().locator('button[data-action="zip"]').click();
    await expect.poll(() => status().getAttribute('data-state')).toBe('error');
    expect(await status().textContent()).toContain('None of the selected messages has attachments');
    // Give a download that should not come the time to show up.
    await page.waitForTimeout(1000);
    expect(downloads()).toBe(0);
  });

  it('names the archive by the messages whose files are in it, and says why the others are not', async () => {
    await select([...withoutAttachments.slice(0, 2), 'inline-image-and-attachment']);
    const saved = await savedFileOf(page, () => bar().locator('button[data-action="zip"]').click());
    expect(saved.name).toMatch(/ – attachments of 1 message\.zip$/);
    const expected = inbox.find((m) => m.id === 'inline-image-and-attachment')!.expect.attachments!;
    expect((await unzip(saved.bytes)).size).toBe(expected.filter((a) => !a.inline).length);
    await expect.poll(() => status().getAttribute('data-state')).toBe('done');
    expect(await status().textContent()).toContain('2 of the selected messages have no attachments');
  });

  it('9 selected, 1 failing: "Saved 8 of 9" in amber, and Retry fetches only that one and saves all 9', async () => {
    const ids = inbox.map((m) => m.id);
    expect(ids).toHaveLength(9);
    const subjects = await select(ids);
    const failingSubject = subjects[ids.indexOf('hostile-names-control-bidi-long')]!;
    const failingUid = await page
      .locator(WEBMAIL_SELECTORS.listRow, { hasText: failingSubject })
      .first()
      .getAttribute('data-thread-uid');
    const failingPath = `/message/${failingUid!.split('@')[0]}/`;
    // The download and its three retries.
    await replica.failNext(4, 500, `${failingPath}download`);

    const partial = await savedFileOf(page, () => bar().locator('button[data-action="eml"]').click());
    expect(partial.name).toMatch(/ – 8 messages\.zip$/);
    const partialFiles = await unzip(partial.bytes);
    expect([...partialFiles.keys()].filter((n) => n.endsWith('.eml'))).toHaveLength(8);
    expect(new TextDecoder().decode(partialFiles.get('NOT INCLUDED.txt')!)).toContain(failingSubject);

    await expect.poll(() => status().getAttribute('data-state')).toBe('partial');
    const text = (await status().textContent())!;
    expect(text).toContain('Saved 8 of 9 — 1 could not be fetched');
    expect(text).toContain(failingSubject);
    // Never a success and "Nothing was saved" at once.
    expect(text).not.toContain('Nothing was saved');
    // Amber: neither the error's red nor the success's green.
    const colour = await status().evaluate((node) => getComputedStyle(node).color);
    expect(colour).toBe('rgb(154, 90, 0)');

    await replica.clearRequests();
    const complete = await savedFileOf(page, () => status().getByTestId('retry-missing').click());
    const messageRequests = (await replica.requests())
      .map((entry) => entry.path)
      .filter((path) => /\/message\/\d+/.test(path));
    expect(messageRequests.length).toBeGreaterThan(0);
    for (const path of messageRequests) expect(path).toContain(failingPath);

    expect(complete.name).toMatch(/ – 9 messages\.zip$/);
    const files = await unzip(complete.bytes);
    expect([...files.keys()].some((n) => n.startsWith('NOT INCLUDED'))).toBe(false);
    expect(files.size).toBe(9);
    for (const [index, id] of ids.entries()) {
      const name = [...files.keys()].find((n) => n.endsWith(` – ${subjects[index]}.eml`))!;
      expect(name, subjects[index]).toBeDefined();
      expect(Buffer.from(files.get(name)!).equals(Buffer.from(inbox.find((m) => m.id === id)!.raw))).toBe(true);
    }
    await expect.poll(() => status().getAttribute('data-state')).toBe('done');
  });

  it('keeps its place and width in the list, off the folders and off the last row, whatever it says', async () => {
    const subjects = await select(['plain-text-de', 'read-receipt-requested']);
    const pane = (await page.locator(WEBMAIL_SELECTORS.messageListPane).boundingBox())!;
    const boxes = [(await bar().boundingBox())!];
    await replica.setLatency(1500);
    // A long outcome: one message left out, with its subject and reason.
    await replica.failNext(4, 500, '/download');
    await bar().locator('button[data-action="eml"]').click();
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 10_000 }).toBe('working');
    boxes.push((await bar().boundingBox())!);
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 30_000 }).toBe('partial');
    expect(await status().textContent()).toContain(subjects[0]);
    boxes.push((await bar().boundingBox())!);
    await replica.setLatency(0);
    for (const box of boxes) {
      expect(box.x).toBeCloseTo(boxes[0]!.x, 0);
      expect(box.width).toBeCloseTo(boxes[0]!.width, 0);
      expect(box.y + box.height).toBeCloseTo(boxes[0]!.y + boxes[0]!.height, 0);
      // Within the message list, not over the folders beside it.
      expect(box.x).toBeGreaterThanOrEqual(pane.x);
      expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
    }
    // The last row, scrolled to, is all above the bar.
    const lastRow = page.locator(WEBMAIL_SELECTORS.listRow).last();
    await lastRow.scrollIntoViewIfNeeded();
    const row = (await lastRow.boundingBox())!;
    const finalBar = (await bar().boundingBox())!;
    expect(row.y + row.height).toBeLessThanOrEqual(finalBar.y + 0.5);
  });
});
