import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { folderIdFromPath } from '../replica/server/folder-id';
// @ts-expect-error -- the replica's webmail is plain JavaScript; its size format is what the toolbar must match.
import { fileSize as webmailFileSize } from '../replica/webmail/format.js';
import { savedFileOf } from './support/downloads';
import { MAIL_URL, openMessage, signedInBrowser, TOOLBAR } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// Issue 16, points 4 and 5: the toolbar counts and sizes as the webmail does right above it, says what the .zip
// leaves out, and while saving says where the file went, how far a download is and that it is being retried.
// What the tests expect comes from the webmail's own line, the corpus's facts and the browser's download.

const corpus = buildCorpus();
const webmailSize = webmailFileSize as (bytes: number) => string;
const DETAIL = '[data-action="zip"] [data-testid="action-detail"]';

async function subjectOf(id: string): Promise<string> {
  return (await simpleParser(Buffer.from(corpus.find((m) => m.id === id)!.raw))).subject!;
}

describe('in English', () => {
  let browser: ExtensionBrowser;
  let replica: ReplicaClient;
  let page: Page;

  beforeAll(async () => {
    ({ browser, replica } = await signedInBrowser());
    page = await browser.context.newPage();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    await replica.reset();
  });

  it("says what the webmail's line says on every corpus message with attachments, and what the .zip leaves out", async () => {
    // The webmail's index of each mailbox, as its own switcher shows it.
    const indexOf = new Map<string, number>();
    for (let index = 0; index < 3; index++) {
      await page.goto(`${MAIL_URL}/${index}`);
      indexOf.set((await page.locator('button.mailbox-switcher .current-mailbox').textContent())!.trim(), index);
    }
    let compared = 0;
    for (const message of corpus.filter((m) => m.expect.attachments?.length)) {
      const subject = (await simpleParser(Buffer.from(message.raw))).subject!;
      const folder = encodeURIComponent(folderIdFromPath(message.folder));
      await page.goto(`${MAIL_URL}/${indexOf.get(message.mailbox)};fid=${folder}`);
      await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().click();
      const item = page.locator('div.message-item', { has: page.locator('.message-subject', { hasText: subject }) });
      const detail = item.last().locator(TOOLBAR).locator(DETAIL);
      await expect.poll(() => detail.textContent(), { timeout: 20_000 }).not.toBe('…');
      const webmail = (await item.last().locator('.attachments-summary').textContent())!;
      const inline = message.expect.attachments!.filter((a) => a.inline).length;
      if (inline === 0) {
        expect(await detail.textContent(), message.id).toBe(webmail);
      } else {
        // Inline images stay out of the .zip by default: the count says how many of the webmail's it holds.
        const files = message.expect.attachments!.filter((a) => !a.inline);
        const total = message.expect.attachments!.length;
        const size = webmailSize(files.reduce((sum, file) => sum + file.size, 0));
        expect(webmail, message.id).toMatch(new RegExp(`^${total} attachments · `));
        expect(await detail.textContent(), message.id).toBe(
          files.length === 0 ? 'No attachments' : `${files.length} of ${total} · ${size}`,
        );
        const note = item.last().locator(TOOLBAR).getByTestId('action-detail-note');
        expect(await note.textContent(), message.id).toBe(
          inline === 1 ? '1 inline image not included' : `${inline} inline images not included`,
        );
        expect(await detail.getAttribute('title'), message.id).toBe(await note.textContent());
      }
      compared++;
    }
    expect(compared).toBe(16);
  }, 180_000); // 16 messages opened one after another: about 15 s, several times that on a busy machine

  it('names the saved file, says it went to the downloads, and "Show" opens them at that file', async () => {
    const toolbar = await openMessage(page, await subjectOf('inline-image-and-attachment'));
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    const status = toolbar.getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('done');
    expect(await status.locator('span').first().textContent()).toBe(`Saved “${saved.name}” to your downloads`);

    const [downloadsTab] = await Promise.all([
      browser.context.waitForEvent('page'),
      toolbar.getByTestId('show-download').click(),
    ]);
    await expect.poll(() => downloadsTab.url()).toMatch(/^chrome:\/\/downloads\//);
    expect(new URL(downloadsTab.url()).searchParams.get('q')).toBe(saved.name);
    await downloadsTab.close();
  });

  it.each([
    ['Save .eml', 'eml', '/download'],
    ['Attachments (.zip) from the server archive', 'zip', '/attachmentsArchive'],
  ])('%s: says "retrying (1 of 3)", "(2 of 3)" while the server is busy, then saves', async (_, action, path) => {
    const toolbar = await openMessage(page, await subjectOf('inline-image-and-attachment'));
    await expect.poll(() => toolbar.locator(DETAIL).textContent()).not.toBe('…');
    // Two "too many requests" answers, each asking for a second's wait: long enough to be read, as a user would.
    await replica.failNext(2, 429, path, 1);
    const seen = new Set<string>();
    const status = toolbar.getByTestId('action-status');
    const watching = (async () => {
      for (let i = 0; i < 200 && !seen.has('done'); i++) {
        const state = await status.getAttribute('data-state', { timeout: 100 }).catch(() => null);
        if (state === 'done') seen.add('done');
        const text = await status.textContent({ timeout: 100 }).catch(() => null);
        if (text) seen.add(text.replace(/Cancel$/, ''));
        await page.waitForTimeout(50);
      }
    })();
    const saved = await savedFileOf(page, () => toolbar.locator(`button[data-action="${action}"]`).click());
    await watching;
    expect([...seen]).toContain('Downloading… retrying (1 of 3)');
    expect([...seen]).toContain('Downloading… retrying (2 of 3)');
    expect(saved.bytes.byteLength).toBeGreaterThan(0);
    const failed = (await replica.requests()).filter((entry) => entry.path.endsWith(path) && entry.status === 429);
    expect(failed).toHaveLength(2);
  });
});

describe('in German', () => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    ({ browser } = await signedInBrowser({ lang: 'de' }));
    page = await browser.context.newPage();
  });
  afterAll(() => browser?.close());

  it('does not repeat the webmail\'s "Alles herunterladen" and counts in its words', async () => {
    const message = corpus.find((m) => m.id === 'inline-image-and-attachment')!;
    const files = message.expect.attachments!.filter((a) => !a.inline);
    const toolbar = await openMessage(page, await subjectOf(message.id));
    const zip = toolbar.locator('button[data-action="zip"]');
    expect(await zip.locator('.label').textContent()).toBe('Anhänge (.zip)');
    // The webmail writes "100.0 KB" with a point; in German the decimal mark is a comma.
    const size = webmailSize(files.reduce((sum, file) => sum + file.size, 0)).replace('.', ',');
    await expect.poll(() => toolbar.locator(DETAIL).textContent()).toBe(`1 von 2 · ${size}`);
    expect(await toolbar.getByTestId('action-detail-note').textContent()).toBe('1 Bild im Text nicht enthalten');
  });
});
