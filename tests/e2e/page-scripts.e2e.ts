import type { Download, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { savedFileOf } from './support/downloads';
import { freshInboxPage, KSUITE_URL, signedInBrowser, TOOLBAR, waitForMailFrame } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// What the webmail's own scripts cannot make the extension do. Everything a page script does here runs in the
// page's main world (`evaluate`), as the webmail's code or a script injected into it would; what the user does goes
// through Playwright's mouse and keyboard, which the browser reports as trusted input.

const corpus = buildCorpus();
const message = corpus.find((m) => m.id === 'inline-image-and-attachment')!;
let browser: ExtensionBrowser;
let replica: ReplicaClient;

beforeAll(async () => {
  ({ browser, replica } = await signedInBrowser());
});
afterAll(() => browser?.close());
beforeEach(async () => {
  await replica.reset();
});

/** Every download the page starts from now on, by name. */
function recordDownloads(page: Page): string[] {
  const names: string[] = [];
  page.on('download', (download: Download) => names.push(download.suggestedFilename()));
  return names;
}

/** Requests for a message's bytes (raw message or attachment archive) since the log was last cleared. */
async function messageDownloads(): Promise<string[]> {
  return (await replica.requests())
    .map((entry) => entry.path)
    .filter((path) => path.endsWith('/download') || path.endsWith('/attachmentsArchive'));
}

/** Long enough for any action a click started to have asked the replica for the message (it takes milliseconds). */
const SETTLE_MS = 1500;

async function openMessage(scope: Page | Frame) {
  await scope.locator(WEBMAIL_SELECTORS.listRow, { hasText: message.expect.subject! }).first().click();
  const toolbar = scope.locator(TOOLBAR).last();
  await toolbar.waitFor();
  await expect
    .poll(() => toolbar.locator('[data-action="zip"] [data-testid="action-detail"]').textContent())
    .toMatch(/^1 of 2 · /);
  return toolbar;
}

describe("the toolbar ignores the page's own scripts", () => {
  let page: Page;
  beforeEach(async () => {
    page = await freshInboxPage(browser, page);
  });

  it('a script clicking the buttons through the open shadow root starts nothing; the user still can', async () => {
    const toolbar = await openMessage(page);
    const downloads = recordDownloads(page);
    await replica.clearRequests();
    await page.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      for (const action of ['zip', 'eml', 'headers']) {
        const button = root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
        button.click();
        button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        button.focus();
        button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        button.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true }));
      }
    }, TOOLBAR);
    await page.waitForTimeout(SETTLE_MS);
    expect(downloads).toEqual([]);
    expect(await messageDownloads()).toEqual([]);
    expect(await toolbar.getByTestId('action-status').count()).toBe(0);
    expect(await toolbar.getByTestId('header-report').count()).toBe(0);

    // The user: a click, Enter and Space on the focused buttons.
    const eml = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(eml.name).toMatch(/\.eml$/);
    const zip = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').press('Enter'));
    expect(zip.name).toMatch(/\.zip$/);
    await toolbar.locator('button[data-action="headers"]').press('Space');
    await toolbar.getByTestId('header-report').waitFor();
    expect(downloads).toEqual([eml.name, zip.name]);
  });

  it("nor the header report's Copy and Save buttons", async () => {
    const toolbar = await openMessage(page);
    await toolbar.locator('button[data-action="headers"]').click();
    await toolbar.getByTestId('header-report').waitFor();
    const downloads = recordDownloads(page);
    const copyLabel = await toolbar.getByTestId('copy-headers').textContent();
    await page.evaluate((host) => {
      const root = document.querySelector(host)!.shadowRoot!;
      root.querySelector<HTMLButtonElement>('[data-testid="copy-headers"]')!.click();
      root.querySelector<HTMLButtonElement>('[data-testid="save-headers"]')!.click();
    }, TOOLBAR);
    await page.waitForTimeout(SETTLE_MS);
    expect(downloads).toEqual([]);
    // Neither "Copied" nor "could not copy": the clipboard was not even tried.
    expect(await toolbar.getByTestId('copy-headers').textContent()).toBe(copyLabel);
    expect(await toolbar.getByTestId('copy-status').textContent()).toBe('');

    const saved = await savedFileOf(page, () => toolbar.getByTestId('save-headers').click());
    expect(saved.name).toMatch(/\.txt$/);
  });

  it('a button the script takes out of the shadow root and clicks does nothing either', async () => {
    await openMessage(page);
    const downloads = recordDownloads(page);
    await replica.clearRequests();
    // A guard on the shadow root alone would not see this click: the button is no longer inside it.
    await page.evaluate((host) => {
      const button = document
        .querySelector(host)!
        .shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="eml"]')!;
      document.body.append(button);
      button.click();
    }, TOOLBAR);
    await page.waitForTimeout(SETTLE_MS);
    expect(downloads).toEqual([]);
    expect(await messageDownloads()).toEqual([]);
  });

  it('nor the selection bar', async () => {
    const subjects = [corpus.find((m) => m.id === 'plain-text-de')!.expect.subject!, message.expect.subject!];
    for (const subject of subjects) {
      await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: subject }).first().locator('mat-checkbox').click();
    }
    const bar = page.getByTestId('selection-bar');
    await expect.poll(() => bar.getAttribute('data-count')).toBe('2');
    const downloads = recordDownloads(page);
    await replica.clearRequests();
    await page.evaluate(() => {
      const root = document.querySelector('ksuite-companion[data-ksuite-companion="selection-bar"]')!.shadowRoot!;
      root.querySelector<HTMLButtonElement>('button[data-action="eml"]')!.click();
      root.querySelector<HTMLButtonElement>('button[data-action="zip"]')!.click();
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(downloads).toEqual([]);
    expect(await messageDownloads()).toEqual([]);
    expect(await bar.getByTestId('action-status').count()).toBe(0);

    const saved = await savedFileOf(page, () => bar.locator('button[data-action="eml"]').click());
    expect(saved.name).toMatch(/ – 2 messages\.zip$/);
  });
});

describe('in the kSuite shell, only our content script in the mail frame can have the shell save a file', () => {
  it('a save request forged or replayed by a script of the mail frame saves nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${KSUITE_URL}/all/mail/0`);
    const frame = await waitForMailFrame(page);
    const toolbar = await openMessage(frame);
    // A script of the shell page sees every message the mail frame posts to it.
    await page.evaluate(() => {
      const seen: Record<string, unknown>[] = [];
      (window as unknown as { seenMessages: unknown }).seenMessages = seen;
      addEventListener('message', (event) => seen.push(event.data as Record<string, unknown>));
    });
    const downloads = recordDownloads(page);

    // The user saves. The file's object URL is the shell's: the shell's content script saved it, so it is listening.
    const [eml] = await Promise.all([
      page.waitForEvent('download'),
      toolbar.locator('button[data-action="eml"]').click(),
    ]);
    expect(eml.url()).toMatch(/^blob:https:\/\/ksuite\.infomaniak\.com\//);
    const genuine = await page.evaluate(() => {
      const seen = (window as unknown as { seenMessages: Record<string, unknown>[] }).seenMessages;
      const request = seen.find((data) => data?.protocol === 'ksuite-companion-save' && data.kind === 'save')!;
      // Everything but the bytes, which cannot leave the page as they are.
      return Object.fromEntries(Object.entries(request).filter(([, value]) => !(value instanceof Blob)));
    });

    await frame.evaluate(
      ({ genuine, shell }) => {
        const blob = new Blob(['MZ, not an invoice'], { type: 'application/octet-stream' });
        // The request as the issue reported it, then the user's own request sent once more with other bytes.
        const forged = { protocol: 'ksuite-companion-save', kind: 'save', id: 'forged', fileName: 'Invoice.pdf.exe' };
        window.top!.postMessage({ ...forged, blob }, shell);
        window.top!.postMessage({ ...genuine, fileName: 'Invoice.pdf.exe', blob }, shell);
      },
      { genuine, shell: KSUITE_URL },
    );
    await page.waitForTimeout(SETTLE_MS);
    // The user saves once more: that file, and only that, arrives.
    const zip = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    expect(downloads).toEqual([eml.suggestedFilename(), zip.name]);
    await page.close();
  });
});
