import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { savedFileOf, unzip } from './support/downloads';
import { expectedDatePrefix } from './support/file-names';
import { MAIL_URL, openMessage, signedInBrowser, TOOLBAR } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The in-page actions on the shipped build, against the replica's corpus. What the test expects comes from the
// corpus itself (hand-written facts) and from mailparser, a parser independent of the extension's.

const corpus = new Map(buildCorpus().map((message) => [message.id, message]));
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

/** Sets a checkbox of the options page, as the user would, and waits until it took. */
async function setOption(setting: string, checked: boolean): Promise<void> {
  const options = await browser.openExtensionPage('options.html');
  const checkbox = options.locator(`input[data-setting="${setting}"]`);
  await checkbox.setChecked(checked);
  // Also used from beforeAll, where expect.poll is not available.
  await options.waitForFunction(
    ({ setting, checked }) =>
      (document.querySelector(`input[data-setting="${setting}"]`) as HTMLInputElement | null)?.checked === checked,
    { setting, checked },
  );
  await options.close();
}

/** Which of the two routes to the attachments the last action took, from the replica's request log. */
async function routesTaken(): Promise<{ serverArchive: boolean; rawMessage: boolean }> {
  const paths = (await replica.requests()).map((entry) => entry.path);
  return {
    serverArchive: paths.some((path) => path.endsWith('/attachmentsArchive')),
    rawMessage: paths.some((path) => path.endsWith('/download')),
  };
}

describe('Attachments (.zip) on an opened message', () => {
  it('shows how many files and how big, then saves every attachment, byte for byte', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const expected = message.expect.attachments!.filter((a) => !a.inline);

    const toolbar = await openMessage(page, parsed.subject!);
    await expect
      .poll(() => toolbar.locator('[data-action="zip"] [data-testid="action-detail"]').textContent())
      .toMatch(/^1 of 2 · /);

    await replica.clearRequests();
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    // By default from the server's archive, which held the one attachment: the raw message is not needed.
    expect(await routesTaken()).toEqual({ serverArchive: true, rawMessage: false });
    expect(saved.name).toBe(`${expectedDatePrefix(parsed.date!, false)} – ${parsed.subject}.zip`);
    const files = await unzip(saved.bytes);
    expect([...files.keys()].sort()).toEqual(expected.map((a) => a.name).sort());
    for (const attachment of expected) {
      const reference = parsed.attachments.find((a) => a.filename === attachment.name)!;
      expect(files.get(attachment.name)!.byteLength).toBe(attachment.size);
      expect(Buffer.from(files.get(attachment.name)!).equals(reference.content)).toBe(true);
    }
    await expect.poll(() => toolbar.getByTestId('action-status').getAttribute('data-state')).toBe('done');
  });

  it.each([true, false])(
    'turns hostile attachment names into safe, unique file names and loses none (server archive: %s)',
    async (useServerArchive) => {
      const message = corpus.get('hostile-names-control-bidi-long')!;
      const parsed = await simpleParser(Buffer.from(message.raw));
      await setOption('useServerArchive', useServerArchive);
      const toolbar = await openMessage(page, parsed.subject!);
      await replica.clearRequests();
      const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
      await setOption('useServerArchive', true);
      // The replica's archive names these its own way; they are paired with the message's all the same.
      expect(await routesTaken()).toEqual({ serverArchive: useServerArchive, rawMessage: !useServerArchive });
      const names = [...(await unzip(saved.bytes)).keys()];
      expect(names).toHaveLength(message.expect.attachments!.length);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      for (const name of names) {
        // eslint-disable-next-line no-control-regex -- control characters are exactly what must not get through
        expect(name).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
        expect(name).not.toMatch(/^\.|[. ]$/);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      }
    },
  );
});

describe("Attachments (.zip) when the server's archive cannot be passed on", () => {
  // The message the first test shows to be served from the server's archive when nothing goes wrong.
  const message = () => corpus.get('inline-image-and-attachment')!;

  async function expectEveryAttachment(saved: { bytes: Uint8Array }): Promise<void> {
    const parsed = await simpleParser(Buffer.from(message().raw));
    const expected = message().expect.attachments!.filter((a) => !a.inline);
    const files = await unzip(saved.bytes);
    expect([...files.keys()].sort()).toEqual(expected.map((a) => a.name).sort());
    for (const attachment of expected) {
      const reference = parsed.attachments.find((a) => a.filename === attachment.name)!;
      expect(Buffer.from(files.get(attachment.name)!).equals(reference.content), attachment.name).toBe(true);
    }
  }

  it.each([
    ['an archive missing a file', () => replica.dropFromArchives(1)],
    ['an archive cut short', () => replica.truncateNext(1, 4096, 'cut', '/attachmentsArchive')],
  ])('%s: the attachments are zipped from the raw message instead, all of them', async (_, fault) => {
    const subject = (await simpleParser(Buffer.from(message().raw))).subject!;
    const toolbar = await openMessage(page, subject);
    await fault();
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    expect(await routesTaken()).toEqual({ serverArchive: true, rawMessage: true });
    await expectEveryAttachment(saved);
  });

  it('after "Headers", zips the raw message the page already has, without downloading anything more', async () => {
    const subject = (await simpleParser(Buffer.from(message().raw))).subject!;
    const toolbar = await openMessage(page, subject);
    await toolbar.locator('button[data-action="headers"]').click();
    await toolbar.getByTestId('header-report').waitFor();
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    expect(await routesTaken()).toEqual({ serverArchive: false, rawMessage: false });
    await expectEveryAttachment(saved);
  });

  it('with the setting off, the browser zips the raw message without asking the server for its archive', async () => {
    const subject = (await simpleParser(Buffer.from(message().raw))).subject!;
    await setOption('useServerArchive', false);
    try {
      const toolbar = await openMessage(page, subject);
      await replica.clearRequests();
      const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
      expect(await routesTaken()).toEqual({ serverArchive: false, rawMessage: true });
      await expectEveryAttachment(saved);
    } finally {
      await setOption('useServerArchive', true);
    }
  });
});

/**
 * The browser's own long-task reporting, in the page's world, from now on: the content script runs on the same
 * main thread, so its tasks are the page's. Returns the longest task seen so far (0 while none was over 50 ms,
 * the shortest the browser reports).
 */
async function watchLongTasks(): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longTasksSeen: number[] }).longTasksSeen = seen;
    new PerformanceObserver((list) => seen.push(...list.getEntries().map((entry) => entry.duration))).observe({
      type: 'longtask',
    });
  });
  return () => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasksSeen: number[] }).longTasksSeen));
}

describe('the webmail stays responsive while an action works', () => {
  // Zipped in the browser, the 25 MB message was one task of 120–160 ms (parsing and decoding its 34 MB of base64
  // at once), during which the webmail could not scroll or take a key. Now no task passes 50 ms on a quiet machine;
  // the bound leaves room for a busy one.
  it('zipping a 25 MB attachment in the browser blocks the page for no task of 100 ms or more', async () => {
    const message = corpus.get('large-single-25mb')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const [file] = parsed.attachments;
    await setOption('useServerArchive', false);
    try {
      const toolbar = await openMessage(page, parsed.subject!);
      await toolbar.locator('[data-action="zip"] [data-testid="action-detail"]').filter({ hasText: /^1 / }).waitFor();
      const longestTask = await watchLongTasks();
      await replica.clearRequests();
      const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
      expect(await routesTaken()).toEqual({ serverArchive: false, rawMessage: true });
      const files = await unzip(saved.bytes);
      expect([...files.keys()]).toEqual([file!.filename]);
      expect(Buffer.from(files.get(file!.filename!)!).equals(file!.content)).toBe(true);
      await page.waitForTimeout(300); // the tasks that end the action (the download's own) count too
      expect(await longestTask()).toBeLessThan(100);
    } finally {
      await setOption('useServerArchive', true);
    }
  });
});

describe('Attachments (.zip) gives the same files by every route', () => {
  it('on a winmail.dat message: the files inside it, from a plain click and from the same click after "Headers"', async () => {
    const message = corpus.get('winmail-dat-tnef')!;
    const subject = message.expect.subject!;
    // What the corpus put inside the winmail.dat, by hand: the files the user sent, not the container.
    const inside = message.expect.containers!.find((c) => c.container === 'winmail.dat')!.files;

    let toolbar = await openMessage(page, subject, message.mailbox);
    await replica.clearRequests();
    const plain = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    const plainRoute = await routesTaken();

    toolbar = await openMessage(page, subject, message.mailbox); // a fresh page: nothing of the first click is kept
    await toolbar.locator('button[data-action="headers"]').click();
    await toolbar.getByTestId('header-report').waitFor();
    const afterHeaders = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());

    const plainFiles = await unzip(plain.bytes);
    const afterHeadersFiles = await unzip(afterHeaders.bytes);
    expect([...plainFiles.keys()].sort()).toEqual(inside.map((file) => file.name).sort());
    expect([...afterHeadersFiles.keys()].sort()).toEqual([...plainFiles.keys()].sort());
    for (const file of inside) {
      expect(plainFiles.get(file.name)!.byteLength, file.name).toBe(file.size);
      expect(Buffer.from(afterHeadersFiles.get(file.name)!).equals(Buffer.from(plainFiles.get(file.name)!))).toBe(true);
    }
    expect(afterHeaders.name).toBe(plain.name);
    // The server's archive holds the winmail.dat itself: it is not asked for.
    expect(plainRoute).toEqual({ serverArchive: false, rawMessage: true });
  });
});

describe("Attachments (.zip) decode base64 as postal-mime does, with the browser's own decoder or without", () => {
  // These bodies are zipped by the browser: the server's archive is switched off.
  beforeAll(() => setOption('useServerArchive', false));
  afterAll(() => setOption('useServerArchive', true));

  // Large bodies, so that the browser's Uint8Array.fromBase64 is tried: a clean one (which it decodes) and bodies
  // it refuses (a stray character, padding in the middle, a lone last character), which the extension's own decoder
  // takes over. The reference is postal-mime itself, in Node, where there is no such browser decoder.
  function base64Lines(bytes: Uint8Array): string[] {
    return Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g)!;
  }

  it('saves the same bytes postal-mime decodes, for clean and for damaged bodies', async () => {
    let seed = 17;
    const random = (length: number) =>
      Uint8Array.from({ length }, () => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return seed >>> 24;
      });
    const clean = random(600_000); // over 512 KB of base64: decoded in slices
    const stray = base64Lines(random(120_000));
    stray[40] = `${stray[40]!.slice(0, 30)}!*${stray[40]!.slice(30)}`;
    const padded = [...base64Lines(random(90_001)), ...base64Lines(random(60_000))];
    const lone = [...base64Lines(random(150_000)), 'Q'];
    const part = (name: string, lines: string[]) =>
      [
        '--b1',
        `Content-Type: application/octet-stream; name="${name}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        ...lines,
      ].join('\r\n');
    const subject = 'Base64 decoders';
    const raw = [
      'From: Anna Meier <anna@example.org>',
      'To: demo@ik.me',
      `Subject: ${subject}`,
      'Date: Tue, 03 Nov 2026 10:00:00 +0100',
      'Message-ID: <base64-decoders@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Four files.',
      part('clean.bin', base64Lines(clean)),
      part('stray.bin', stray),
      part('padded.bin', padded),
      part('lone.bin', lone),
      '--b1--',
      '',
    ].join('\r\n');
    await replica.deliver({ raw: Buffer.from(raw).toString('base64') });
    const reference = await new PostalMime({ attachmentEncoding: 'arraybuffer' }).parse(raw);

    const toolbar = await openMessage(page, subject);
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    const files = await unzip(saved.bytes);
    expect([...files.keys()].sort()).toEqual(['clean.bin', 'lone.bin', 'padded.bin', 'stray.bin']);
    expect(Buffer.from(files.get('clean.bin')!).equals(Buffer.from(clean))).toBe(true);
    for (const attachment of reference.attachments) {
      const content = new Uint8Array(attachment.content as ArrayBuffer);
      expect(Buffer.from(files.get(attachment.filename!)!).equals(Buffer.from(content)), attachment.filename!).toBe(
        true,
      );
    }
  });
});

describe('Save .eml on an opened message', () => {
  it('saves the raw message byte for byte under its date and subject', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const toolbar = await openMessage(page, parsed.subject!);
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(saved.name).toBe(`${expectedDatePrefix(parsed.date!, true)} – ${parsed.subject}.eml`);
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);
  });
});

describe('what the user is told when something goes wrong', () => {
  const subject = () => 'Protokoll Sitzung 3';

  // The API may say so with a JSON 401 or with a 302 to the sign-in page (the form reported for the live site).
  it.each(['status', 'redirect'] as const)(
    'an expired session (answered by %s): a sign-in link, nothing saved',
    async (answer) => {
      let downloads = 0;
      page.on('download', () => downloads++);
      for (const action of ['eml', 'zip']) {
        const toolbar = await openMessage(page, subject());
        await replica.expireSession(false, answer);
        await toolbar.locator(`button[data-action="${action}"]`).click();
        const status = toolbar.getByTestId('action-status');
        await expect.poll(() => status.getAttribute('data-state')).toBe('error');
        expect(await status.textContent(), action).toContain('session has expired');
        expect(await status.locator('a').getAttribute('href')).toBe('https://ksuite.infomaniak.com/all/mail/0');
        await replica.signIn(browser.context); // as the user would
      }
      expect(downloads).toBe(0);
    },
  );

  it('a server error that outlasts the retries names the error', async () => {
    const toolbar = await openMessage(page, subject());
    await replica.failNext(8, 500, '/download');
    await toolbar.locator('button[data-action="eml"]').click();
    const status = toolbar.getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
    expect(await status.textContent()).toContain('(500)');
  });

  it('a download cut short saves nothing and says so', async () => {
    const toolbar = await openMessage(page, subject());
    // Both routes cut short: the server's archive, then the raw message the extension falls back to.
    await replica.truncateNext(2, 20, 'cut', ['/attachmentsArchive', '/download']);
    let downloads = 0;
    page.on('download', () => downloads++);
    await toolbar.locator('button[data-action="zip"]').click();
    const status = toolbar.getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toContain('stopped before the end');
    expect(downloads).toBe(0);
  });

  it('a message that has gone from the server', async () => {
    const toolbar = await openMessage(page, subject());
    await replica.failNext(1, 404, '/download');
    await toolbar.locator('button[data-action="eml"]').click();
    const status = toolbar.getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    expect(await status.textContent()).toContain('no longer exists');
  });

  it('cancel stops a slow download, saves nothing and leaves no error', async () => {
    const toolbar = await openMessage(page, subject());
    await replica.setLatency(3000);
    await toolbar.locator('button[data-action="zip"]').click();
    const status = toolbar.getByTestId('action-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('working');
    await status.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => toolbar.getByTestId('action-status').count()).toBe(0);
    await replica.setLatency(0);
  });
});

describe('a raw message cut "cleanly" or replaced by a page is never saved', () => {
  // The download ends with a Content-Length that matches what was sent, so only the message JSON's size shows the
  // cut; or it is an HTML page with status 200, as after a session expiry. The faults hit only the raw message's
  // route: the webmail page fetches this message's inline image itself, and could otherwise take one.
  const message = () => corpus.get('inline-image-and-attachment')!;
  const subject = async () => (await simpleParser(Buffer.from(message().raw))).subject!;
  /** Well into the attachment: the headers and the start of every part arrive, the end of the file does not. */
  const cutAt = () => message().raw.length - 600;

  async function rawDownloads(): Promise<number> {
    return (await replica.requests()).filter((entry) => entry.path.endsWith('/download')).length;
  }

  /** Clicks an action and waits for its error, counting the files the browser saved meanwhile. */
  async function failingAction(toolbar: Awaited<ReturnType<typeof openMessage>>, action: 'eml' | 'zip') {
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    try {
      await toolbar.locator(`button[data-action="${action}"]`).click();
      const status = toolbar.getByTestId('action-status');
      await expect.poll(() => status.getAttribute('data-state')).toBe('error');
      return { text: await status.textContent(), downloads };
    } finally {
      page.off('download', count);
    }
  }

  it('Save .eml: a body short twice saves nothing and says the download stopped early', async () => {
    const toolbar = await openMessage(page, await subject());
    await replica.truncateNext(2, cutAt(), 'short', '/download');
    await replica.clearRequests();
    const { text, downloads } = await failingAction(toolbar, 'eml');
    expect(text).toContain('stopped before the end');
    expect(downloads).toBe(0);
    expect(await rawDownloads()).toBe(2); // asked once more before giving up
  });

  it('Save .eml: a body short once is asked for again and saved whole', async () => {
    const toolbar = await openMessage(page, await subject());
    await replica.truncateNext(1, cutAt(), 'short', '/download');
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message().raw))).toBe(true);
    expect(await rawDownloads()).toBe(2);
  });

  // The API never serves HTML: a page in place of the message is the sign-in page of an expired session.
  it('Save .eml: an HTML page in place of the message saves nothing and offers to sign in again', async () => {
    const toolbar = await openMessage(page, await subject());
    await replica.answerDownloadsWithHtml(1, '/download');
    await replica.clearRequests();
    const { text, downloads } = await failingAction(toolbar, 'eml');
    expect(text).toContain('session has expired');
    expect(downloads).toBe(0);
    expect(await rawDownloads()).toBe(1);
  });

  it('Attachments (.zip) zipped in the browser: a raw message short twice gives no zip', async () => {
    await setOption('useServerArchive', false);
    try {
      const toolbar = await openMessage(page, await subject());
      await replica.truncateNext(2, cutAt(), 'short', '/download');
      await replica.clearRequests();
      const { text, downloads } = await failingAction(toolbar, 'zip');
      expect(await routesTaken()).toEqual({ serverArchive: false, rawMessage: true });
      expect(text).toContain('stopped before the end');
      expect(downloads).toBe(0);
    } finally {
      await setOption('useServerArchive', true);
    }
  });

  it("Attachments (.zip): an HTML page for the server's archive and then for the raw message gives no zip", async () => {
    const toolbar = await openMessage(page, await subject());
    await replica.answerDownloadsWithHtml(2, ['/attachmentsArchive', '/download']);
    await replica.clearRequests();
    const { text, downloads } = await failingAction(toolbar, 'zip');
    // The archive was not a zip, so the browser's zip was tried, and its raw message was a page too.
    expect(await routesTaken()).toEqual({ serverArchive: true, rawMessage: true });
    expect(text).toContain('session has expired');
    expect(downloads).toBe(0);
  });
});

describe('an attachment the server offers no download of', () => {
  it('is zipped from the raw message, without asking for the server archive', async () => {
    // A forwarded message: the replica lists attached messages without a resource of their own.
    const forwarded = corpus.get('forwarded-rfc822')!;
    const subject = (await simpleParser(Buffer.from(forwarded.raw))).subject!;
    await replica.deliver({ raw: Buffer.from(forwarded.raw).toString('base64') });
    const toolbar = await openMessage(page, subject);
    await replica.clearRequests();
    const saved = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    expect(await routesTaken()).toEqual({ serverArchive: false, rawMessage: true });
    const files = await unzip(saved.bytes);
    expect([...files.keys()]).toEqual(['Delivery delay, order 4782.eml']);
    expect(files.get('Delivery delay, order 4782.eml')!.byteLength).toBe(forwarded.expect.attachments![0]!.size);
  });
});

describe('Headers on an opened message', () => {
  it('opens the report in the page and does not trust a forged pass below the entry hop', async () => {
    const message = corpus.get('auth-results-forged-below-entry')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const toolbar = await openMessage(page, parsed.subject!);
    await toolbar.locator('button[data-action="headers"]').click();
    const report = toolbar.getByTestId('header-report');
    await report.waitFor();
    const received = parsed.headerLines.filter((h) => h.key === 'received').length;
    expect(await report.getByTestId('hop').count()).toBe(received);
    for (const mechanism of ['spf', 'dkim', 'dmarc', 'arc']) {
      expect(await report.getByTestId(`auth-${mechanism}`).count()).toBe(1);
    }
    expect(await report.getByTestId('auth-dmarc').getAttribute('data-verdict')).not.toBe('pass');
    await toolbar.locator('button[data-action="headers"]').click();
    await expect.poll(() => toolbar.getByTestId('header-report').count()).toBe(0);
  });

  it('closes with Escape, also after a click on its text, and with its close button; focus goes back to "Headers"', async () => {
    const message = corpus.get('received-long-chain-mixed-mta')!;
    const toolbar = await openMessage(page, message.expect.subject!);
    const headersButton = toolbar.locator('button[data-action="headers"]');
    const report = toolbar.getByTestId('header-report');
    const focusIsOn = (locator: typeof headersButton) =>
      locator.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element);

    await headersButton.click();
    await report.waitFor();
    // The label stays (the toolbar does not jump); the button reads as pressed.
    expect(await headersButton.textContent()).toBe('Headers');
    expect(await headersButton.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => report.count()).toBe(0);
    expect(await headersButton.getAttribute('aria-expanded')).toBe('false');
    expect(await focusIsOn(headersButton)).toBe(true);

    await headersButton.click();
    await toolbar.getByTestId('summary-subject').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => report.count()).toBe(0);

    await headersButton.click();
    await toolbar.getByTestId('close-report').click();
    await expect.poll(() => report.count()).toBe(0);
    expect(await focusIsOn(headersButton)).toBe(true);
    // The webmail itself stays where it was: the message is still open.
    expect(await page.locator(TOOLBAR).count()).toBeGreaterThan(0);
  });

  it('says the body is unchanged since signed, for a message whose signature holds a real body hash', async () => {
    // The replica writes each DKIM body hash from the body it serves (tests/replica/corpus/dkim.ts).
    const message = corpus.get('plain-text-de')!;
    const toolbar = await openMessage(page, message.expect.subject!);
    await toolbar.locator('button[data-action="headers"]').click();
    const bodyLine = toolbar.getByTestId('auth-dkim').getByTestId('dkim-body-line');
    await expect.poll(() => bodyLine.textContent()).toBe('Body unchanged since signed by baufirma-keller.example.');
    expect(await bodyLine.getAttribute('data-status')).toBe('unchanged');
    expect(await toolbar.getByTestId('dkim-body').textContent()).toContain('not the signature');
  });
});

describe('risky attachments on an opened message', () => {
  it('counts the disguised programs on the toolbar, names each both ways, and the report opens with an error', async () => {
    const message = corpus.get('hostile-names-control-bidi-long')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const toolbar = await openMessage(page, parsed.subject!);
    const risky = toolbar.getByTestId('risky-files');
    // The .exe behind a right-to-left override and "Rechnung.pdf.exe"; the other hostile names are only odd.
    await expect.poll(() => risky.textContent()).toBe('2 risky files');
    expect(await risky.getAttribute('data-count')).toBe('2');
    await risky.click();
    // Each shown name sits in an invisible bidi isolate, so an override inside it cannot turn the sentence around.
    const details = (await toolbar.getByTestId('risky-file-list').locator('li').allTextContents()).map((text) =>
      text.replace(/[\u2068\u2069]/g, ''),
    );
    expect(details).toHaveLength(2);
    expect(details[0]).toContain('invoice\u202Efdp.exe');
    expect(details[0]).toContain('“invoicefdp.exe”');
    expect(details[1]).toContain('“Rechnung.pdf.exe” looks like a document but is a program');

    await toolbar.locator('button[data-action="headers"]').click();
    const verdict = toolbar.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-severity')).toBe('error');
    expect(await verdict.textContent()).toContain('invoicefdp.exe');
    const codes = await toolbar
      .getByTestId('warning')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
    expect(codes).toContain('risky_file_hidden_characters');
    expect(codes).toContain('risky_file_double_extension');
  });

  it('shows no risky-file count on an everyday message, whose report opens without an error', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const toolbar = await openMessage(page, parsed.subject!);
    await expect
      .poll(() => toolbar.locator('[data-action="zip"] [data-testid="action-detail"]').textContent())
      .toMatch(/^1 of 2 · /);
    expect(await toolbar.getByTestId('risky-files').count()).toBe(0);
    await toolbar.locator('button[data-action="headers"]').click();
    await toolbar.getByTestId('verdict').waitFor();
    expect(['none', 'info']).toContain(await toolbar.getByTestId('verdict').getAttribute('data-severity'));
  });
});

describe('when the webmail markup is not what we expect', () => {
  it('a floating button keeps the actions reachable for the message in the URL', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    // Simulate a redesign of the webmail: opened messages no longer carry the class we look for.
    await page.close();
    page = await browser.context.newPage();
    await page.addInitScript(() =>
      new MutationObserver(() =>
        document.querySelectorAll('div.message-item').forEach((e) => e.classList.remove('message-item')),
      ).observe(document, { subtree: true, childList: true }),
    );
    await page.goto(`${MAIL_URL}/0`);
    await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: parsed.subject! }).first().click();
    await page.waitForURL(/\/thread\//);
    const launcher = page.locator('ksuite-companion[data-ksuite-companion="launcher"]');
    await launcher.locator('button').click();
    const floating = page.locator('ksuite-companion[data-ksuite-companion="floating-toolbar"]');
    const saved = await savedFileOf(page, () => floating.locator('button[data-action="eml"]').click());
    expect(Buffer.from(saved.bytes).equals(Buffer.from(message.raw))).toBe(true);
    expect(await page.locator(TOOLBAR).count()).toBe(0);
    await page.close();
    page = await browser.context.newPage(); // without the redesign, for the tests that follow
  });
});

describe('the file-name preference', () => {
  it('saves without the date prefix when the user switched it off in the options', async () => {
    const message = corpus.get('inline-image-and-attachment')!;
    const parsed = await simpleParser(Buffer.from(message.raw));
    const options = await browser.openExtensionPage('options.html');
    const checkbox = options.locator('input[data-setting="fileNamesWithDate"]');
    await checkbox.uncheck();
    await expect.poll(() => checkbox.isChecked()).toBe(false);
    await options.close();
    const toolbar = await openMessage(page, parsed.subject!);
    const eml = await savedFileOf(page, () => toolbar.locator('button[data-action="eml"]').click());
    expect(eml.name).toBe(`${parsed.subject}.eml`);
    const zip = await savedFileOf(page, () => toolbar.locator('button[data-action="zip"]').click());
    expect(zip.name).toBe(`${parsed.subject}.zip`);
    const restore = await browser.openExtensionPage('options.html');
    await restore.locator('input[data-setting="fileNamesWithDate"]').check();
    await restore.close();
  });
});
