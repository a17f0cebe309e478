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

  it('"Save as .zip of .eml" saves each selected message byte for byte', async () => {
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

  it('"Attachments → .zip" puts each message\'s files in a folder of its own', async () => {
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
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toContain(subjects[0]);
  });

  it.each([
    ['cut "cleanly", twice', 'stopped before the end', () => replica.truncateNext(2, 200, 'short', '/download')],
  ])(
    '"Save as .zip of .eml" leaves out a message whose raw download was %s, and says why',
    async (_, reason, fault) => {
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
      await expect.poll(() => status.getAttribute('data-state')).toBe('error');
      expect(await status.textContent()).toContain(subjects[0]);
    },
  );
});
