import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { unzip } from '../e2e/support/downloads';
import { KSUITE_URL, MAIL_URL, TOOLBAR } from '../e2e/support/fixtures';
import type { ReplicaClient } from '../e2e/support/replica-client';
import { expectedDatePrefix } from '../e2e/support/file-names';
import {
  attributeOf,
  clickRow,
  countOf,
  inToolbar,
  signedInFirefox,
  signInThroughForm,
  textOf,
} from './support/fixtures';
import { FIREFOX_BUILD, type FirefoxWithExtension } from './support/launch-firefox';

// The shipped Firefox build in Firefox ESR against the replica: it installs, and the in-page actions work there
// as they do in Chromium. What the test expects comes from the corpus (hand-written facts) and from mailparser,
// a parser independent of the extension's.

const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
let firefox: FirefoxWithExtension;
let replica: ReplicaClient;
let page: Page;

beforeAll(async () => {
  ({ firefox, replica, page } = await signedInFirefox());
});
afterAll(() => firefox?.close());
beforeEach(async () => {
  await replica.reset();
});

/** Opens a message of the primary mailbox's inbox by clicking its row, once the toolbar is on it. */
async function openMessage(subject: string): Promise<void> {
  await page.goto(`${MAIL_URL}/0`);
  await clickRow(page, subject);
  await page.waitForSelector(TOOLBAR);
}

const click = (selector: string) => page.locator(inToolbar(selector)).click();

describe('the Firefox build in Firefox ESR', () => {
  it('installs as a temporary add-on under its gecko id', () => {
    const manifest = JSON.parse(readFileSync(`${FIREFOX_BUILD}/manifest.json`, 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    };
    expect(firefox.extensionId).toBe(manifest.browser_specific_settings.gecko.id);
  });

  it('puts its toolbar, in an open shadow root, on an opened message', async () => {
    await openMessage(corpus.get('inline-image-and-attachment')!.expect.subject!);
    expect(await page.$eval(TOOLBAR, (toolbar) => toolbar.shadowRoot?.mode ?? null)).toBe('open');
    expect(await countOf(page, inToolbar('button[data-action="eml"]'))).toBe(1);
    expect(await countOf(page, inToolbar('button[data-action="zip"]'))).toBe(1);
    expect(await countOf(page, inToolbar('button[data-action="headers"]'))).toBe(1);
  });
});

describe('Save .eml in Firefox', () => {
  it('saves the raw message byte for byte under its date and subject', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    await openMessage(parsed.subject!);
    const saved = await firefox.downloads.savedFileOf(() => click('button[data-action="eml"]'));
    expect(saved.name).toBe(`${expectedDatePrefix(parsed.date!, true)} – ${parsed.subject}.eml`);
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);
  });
});

describe('Attachments (.zip) in Firefox', () => {
  it('shows how many files and how big, then saves every attachment, byte for byte', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const expected = message.expect.attachments!.filter((attachment) => !attachment.inline);
    await openMessage(parsed.subject!);
    await expect
      .poll(() => textOf(page, inToolbar('[data-action="zip"] [data-testid="action-detail"]')))
      .toMatch(/^1 of 2 · /);

    const saved = await firefox.downloads.savedFileOf(() => click('button[data-action="zip"]'));
    expect(saved.name).toBe(`${expectedDatePrefix(parsed.date!, false)} – ${parsed.subject}.zip`);
    const files = await unzip(saved.bytes);
    expect([...files.keys()].sort()).toEqual(expected.map((attachment) => attachment.name).sort());
    for (const attachment of expected) {
      const reference = parsed.attachments.find((candidate) => candidate.filename === attachment.name)!;
      expect(files.get(attachment.name)!.byteLength).toBe(attachment.size);
      expect(Buffer.from(files.get(attachment.name)!).equals(reference.content)).toBe(true);
    }
    await expect.poll(() => attributeOf(page, inToolbar('[data-testid="action-status"]'), 'data-state')).toBe('done');
  });

  it('loses no attachment of a message with hostile names: the same contents, under safe names', async () => {
    const message = corpus.get('hostile-names-control-bidi-long')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    await openMessage(parsed.subject!);
    const saved = await firefox.downloads.savedFileOf(() => click('button[data-action="zip"]'));
    const files = await unzip(saved.bytes);
    expect(files.size).toBe(message.expect.attachments!.length);
    const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect([...files.values()].map(digest).sort()).toEqual(parsed.attachments.map((a) => digest(a.content)).sort());
  });
});

describe('Headers in Firefox', () => {
  it('opens the report in the page, one row per Received hop, and closes it again', async () => {
    const message = corpus.get('auth-results-forged-below-entry')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    await openMessage(parsed.subject!);
    await click('button[data-action="headers"]');
    const report = inToolbar('[data-testid="header-report"]');
    await page.waitForSelector(report);
    const received = parsed.headerLines.filter((header) => header.key === 'received').length;
    expect(await countOf(page, `${report} [data-testid="hop"]`)).toBe(received);
    for (const mechanism of ['spf', 'dkim', 'dmarc', 'arc']) {
      expect(await countOf(page, `${report} [data-testid="auth-${mechanism}"]`)).toBe(1);
    }
    expect(await attributeOf(page, `${report} [data-testid="auth-dmarc"]`, 'data-verdict')).not.toBe('pass');
    await click('button[data-action="headers"]');
    await expect.poll(() => countOf(page, report)).toBe(0);
  });
});

describe('in the kSuite shell, where the mail app is a frame of another host', () => {
  /** Opens the kSuite shell and a message in its mail frame; returns that frame once the toolbar is on it. */
  async function openInShell(subject: string) {
    await page.goto(`${KSUITE_URL}/all/mail/0`);
    const mail = await page.waitForFrame((frame) => frame.url().startsWith(`${MAIL_URL}/`));
    await clickRow(mail, subject);
    await mail.waitForSelector(TOOLBAR);
    return mail;
  }

  it('puts the toolbar on the opened message inside the frame', async () => {
    const mail = await openInShell(corpus.get('inline-image-and-attachment')!.expect.subject!);
    expect(await countOf(mail, inToolbar('button[data-action="eml"]'))).toBe(1);
  });

  // Firefox checks a download started in a frame against the embedding page's CSP `frame-src` (the shell allows
  // only the mail host) and drops it without a word; so the frame hands the file to the shell's content script.
  it('saves the .eml and the attachments from inside the frame, through the shell', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const mail = await openInShell(message.expect.subject!);
    const saved = await firefox.downloads.savedFileOf(async () => {
      await mail.locator(inToolbar('button[data-action="eml"]')).click();
      await expect.poll(() => attributeOf(mail, inToolbar('[data-testid="action-status"]'), 'data-state')).toBe('done');
    }, 5_000);
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);

    const parsed = await simpleParser(Buffer.from(message.raw));
    const zip = await firefox.downloads.savedFileOf(() => mail.locator(inToolbar('button[data-action="zip"]')).click());
    const files = await unzip(zip.bytes);
    for (const attachment of message.expect.attachments!.filter((a) => !a.inline)) {
      const reference = parsed.attachments.find((candidate) => candidate.filename === attachment.name)!;
      expect(Buffer.from(files.get(attachment.name)!).equals(reference.content)).toBe(true);
    }
  });
});

describe("what the page's own scripts cannot make the extension do in Firefox", () => {
  /** Long enough for anything a script's request started to have saved its file (it takes milliseconds). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it("a script's click on a toolbar button saves nothing; the user's does", async () => {
    await openMessage(corpus.get('inline-image-and-attachment')!.expect.subject!);
    const before = await firefox.downloads.names();
    await page.evaluate((host) => {
      document.querySelector(host)!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="eml"]')!.click();
    }, TOOLBAR);
    await settle();
    expect(await firefox.downloads.names()).toEqual(before);
    expect(await countOf(page, inToolbar('[data-testid="action-status"]'))).toBe(0);
    const saved = await firefox.downloads.savedFileOf(() => click('button[data-action="eml"]'));
    expect(saved.name).toMatch(/\.eml$/);
  });

  it('a save request forged by a script of the mail frame in the kSuite shell saves nothing', async () => {
    await page.goto(`${KSUITE_URL}/all/mail/0`);
    const mail = await page.waitForFrame((frame) => frame.url().startsWith(`${MAIL_URL}/`));
    await clickRow(mail, corpus.get('inline-image-and-attachment')!.expect.subject!);
    await mail.waitForSelector(TOOLBAR);
    // The user saves first, so the shell's content script is known to be listening.
    await firefox.downloads.savedFileOf(() => mail.locator(inToolbar('button[data-action="eml"]')).click());
    const before = await firefox.downloads.names();
    await mail.evaluate((shell) => {
      const blob = new Blob(['MZ, not an invoice'], { type: 'application/octet-stream' });
      const forged = { protocol: 'ksuite-companion-save', kind: 'save', id: 'forged', fileName: 'Invoice.pdf.exe' };
      window.top!.postMessage({ ...forged, blob }, shell);
    }, KSUITE_URL);
    await settle();
    expect(await firefox.downloads.names()).toEqual(before);
  });
});

describe('an expired session in Firefox', () => {
  // The API may say so with a JSON 401 or with a 302 to the sign-in page (the form reported for the live site).
  it.each(['status', 'redirect'] as const)(
    'offers a sign-in link and saves nothing (answered by %s)',
    async (answer) => {
      await openMessage('Protokoll Sitzung 3');
      const before = await firefox.downloads.names();
      await replica.expireSession(false, answer);
      await click('button[data-action="eml"]');
      const status = inToolbar('[data-testid="action-status"]');
      await expect.poll(() => attributeOf(page, status, 'data-state')).toBe('error');
      expect(await textOf(page, status)).toContain('session has expired');
      expect(await attributeOf(page, `${status} a`, 'href')).toBe('https://ksuite.infomaniak.com/all/mail/0');
      expect(await firefox.downloads.names()).toEqual(before);
      await signInThroughForm(page); // as the user would; leaves the browser signed in
    },
  );
});
