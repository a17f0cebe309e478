import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { headersFileName } from '../../src/ui/header-report/report-file-name';
import { buildCorpus } from '../replica/corpus/index';
import { signMessage } from '../support/dkim-signer';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

// What a support person would paste: four Received lines (oldest at the bottom) with known delays of +300 s,
// -12 s (the Infomaniak gateway's clock is behind the shop's relay) and +7 s; Infomaniak's own verdicts above the
// entry hop; and a Subject carrying markup and script that must stay text.
const SUBJECT = `<img src=x onerror="document.body.dataset.pwned='img'"> Rechnung 4471 <script>document.body.dataset.pwned='script'</script>`;
const HEADERS = `Return-Path: <billing@example-shop.ch>
Delivered-To: anna.meier@muster.ch
Received: from mta-gw.infomaniak.ch (mta-gw.infomaniak.ch [10.5.0.12])
	by mailstore-03.infomaniak.ch (Dovecot) with LMTP id kQmRB3jvLWfLNwAA
	for <anna.meier@muster.ch>; Tue, 14 Oct 2025 09:12:47 +0200
Authentication-Results: mx.infomaniak.com;
	spf=pass (mx.infomaniak.com: domain of billing@example-shop.ch designates 203.0.113.25 as permitted sender) smtp.mailfrom=billing@example-shop.ch;
	dkim=fail (body hash did not verify) header.d=example-shop.ch header.i=@example-shop.ch header.s=s2025;
	dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=example-shop.ch
X-Infomaniak-Spam: ham
X-Spam-Status: No, score=2.4 required=5.0 tests=DKIM_INVALID,DKIM_SIGNED,HTML_MESSAGE,SPF_PASS autolearn=no
Received: from smtp.example-shop.ch (smtp.example-shop.ch [203.0.113.25])
	by mta-gw.infomaniak.ch (Postfix) with ESMTPS id 4cMZ1r2Wbqz9vHq
	for <anna.meier@muster.ch>; Tue, 14 Oct 2025 09:12:40 +0200 (CEST)
Received: from app01.internal.example-shop.ch (app01.internal.example-shop.ch [192.168.10.5])
	by smtp.example-shop.ch (Postfix) with ESMTP id 7F2A31C0042
	for <anna.meier@muster.ch>; Tue, 14 Oct 2025 07:12:52 +0000 (UTC)
Received: from localhost (localhost [127.0.0.1])
	by app01.internal.example-shop.ch (Postfix) with SMTP id 3B9E0A0123;
	Tue, 14 Oct 2025 09:07:52 +0200 (CEST)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example-shop.ch; s=s2025; t=1760425672;
	h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
	b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==
From: Example Shop <billing@example-shop.ch>
To: Anna Meier <anna.meier@muster.ch>
Subject: ${SUBJECT}
Date: Tue, 14 Oct 2025 09:07:51 +0200
Message-ID: <20251014070751.3B9E0A0123@app01.internal.example-shop.ch>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
`;

// Where Infomaniak's verdicts can sit, as a support person would paste them. The sender's side is the same in all
// three: a relay at the shop (its own Received line), then the shop's DKIM signature and the message headers.
const SHOP_SIDE = `Received: from app01.internal.example-shop.ch (app01.internal.example-shop.ch [192.168.10.5])
	by smtp.example-shop.ch (Postfix) with ESMTP id 7F2A31C0042
	for <anna.meier@muster.ch>; Tue, 14 Oct 2025 07:12:38 +0000 (UTC)`;
const shopMessage = (
  subject: string,
) => `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example-shop.ch; s=s2025; t=1760425958;
	h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
	b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==
From: Example Shop <billing@example-shop.ch>
To: Anna Meier <anna.meier@muster.ch>
Subject: ${subject}
Date: Tue, 14 Oct 2025 09:12:37 +0200
Message-ID: <${subject.replace(/\W+/g, '-')}@example-shop.ch>
`;
const INFOMANIAK_ENTRY = `Received: from smtp.example-shop.ch (smtp.example-shop.ch [203.0.113.25])
	by mta-gw.infomaniak.ch (Postfix) with ESMTPS id 4cMZ1r2Wbqz9vHq
	for <anna.meier@muster.ch>; Tue, 14 Oct 2025 09:12:40 +0200 (CEST)`;
const INFOMANIAK_PASS = `Authentication-Results: mta-gw.infomaniak.ch;
	spf=pass smtp.mailfrom=billing@example-shop.ch;
	dkim=pass header.d=example-shop.ch header.s=s2025;
	dmarc=pass (p=QUARANTINE) header.from=example-shop.ch`;
/** Written above the entry line, as receivers do that add their own Received line first. */
const RESULTS_ABOVE_ENTRY = `Return-Path: <billing@example-shop.ch>
${INFOMANIAK_PASS}
${INFOMANIAK_ENTRY}
${SHOP_SIDE}
${shopMessage('Rechnung 4472')}`;
/** Postfix hides its own Received line from milters: their results land directly below it. */
const RESULTS_BELOW_ENTRY = `Return-Path: <billing@example-shop.ch>
${INFOMANIAK_ENTRY}
${INFOMANIAK_PASS}
${SHOP_SIDE}
${shopMessage('Rechnung 4473')}`;
/** Infomaniak's real (failing) results below its entry line, and a "passing" copy the sender wrote below its own. */
const RESULTS_FORGED_BY_SENDER = `Return-Path: <billing@example-shop.ch>
${INFOMANIAK_ENTRY}
Authentication-Results: mta-gw.infomaniak.ch;
	spf=fail smtp.mailfrom=billing@example-shop.ch;
	dkim=fail (body hash did not verify) header.d=example-shop.ch header.s=s2025;
	dmarc=fail (p=QUARANTINE) header.from=example-shop.ch
${SHOP_SIDE}
Authentication-Results: mta-gw.infomaniak.ch;
	spf=pass smtp.mailfrom=billing@example-shop.ch;
	dkim=pass header.d=example-shop.ch header.s=s2025;
	dmarc=pass (p=QUARANTINE) header.from=example-shop.ch;
	arc=pass
${shopMessage('Rechnung 4474')}`;

const corpusMessage = (id: string) => {
  const message = buildCorpus().find((candidate) => candidate.id === id);
  if (!message) throw new Error(`no corpus message ${id}`);
  return message;
};

const report = (page: Page) => page.getByTestId('header-report');
const verdictOf = (page: Page, mechanism: string) => page.getByTestId(`auth-${mechanism}`).getAttribute('data-verdict');

async function pasteHeaders(page: Page, text: string): Promise<void> {
  await page.getByTestId('headers-input').fill(text);
  await report(page).waitFor();
}

/** Drops a file on the page the way a file manager would: a drop event carrying it, on the page body. */
async function dropFile(page: Page, bytes: Uint8Array, name: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ data, fileName }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], fileName, { type: 'message/rfc822' }));
      return transfer;
    },
    { data: [...bytes], fileName: name },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

describe('the header inspector page', () => {
  let browser: ExtensionBrowser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchWithExtension({ replica: inject('replica'), lang: 'en-US' });
    page = await browser.openExtensionPage('inspector.html');
    page.on('request', (request) => requests.push(request.url()));
  });
  afterAll(() => browser?.close());

  it('starts with an explanation of what to paste, pointing to our own "Headers" button first', async () => {
    await expect.poll(() => page.getByTestId('inspector-empty').textContent()).toContain('click our “Headers” button');
    expect(await report(page).count()).toBe(0);
  });

  it('paints its background over the whole window below a short page, light and dark', async () => {
    // The window's bottom row, below the body's end, shows the root's background (the canvas): it must be the page's.
    const belowBody = () =>
      page.evaluate(() => ({
        bodyEndsAbove: document.body.getBoundingClientRect().bottom < innerHeight - 100,
        canvas: getComputedStyle(document.documentElement).backgroundColor,
        panel: getComputedStyle(document.querySelector('.inspector-input')!).backgroundColor,
      }));
    // The surface colour around the white (or dark) input panel, as in the other pages of kSuite.
    expect(await belowBody()).toEqual({
      bodyEndsAbove: true,
      canvas: 'rgb(244, 248, 252)',
      panel: 'rgb(255, 255, 255)',
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await belowBody()).toEqual({ bodyEndsAbove: true, canvas: 'rgb(29, 36, 48)', panel: 'rgb(17, 24, 39)' });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('says plainly when the text has no headers at all', async () => {
    await page.getByTestId('headers-input').fill('Dear Anna,\nthanks for the call yesterday.\n');
    await expect.poll(() => page.getByTestId('inspector-problem').textContent()).toContain('contains no mail headers');
    expect(await report(page).count()).toBe(0);
  });

  it('analyses pasted headers: every hop in delivery order, oldest first', async () => {
    await pasteHeaders(page, HEADERS);
    const hops = page.getByTestId('hop');
    await expect.poll(() => hops.count()).toBe(4);
    const routes = await hops.locator('.hr-hop-route').allTextContents();
    expect(routes[0]).toMatch(/localhost.*app01\.internal\.example-shop\.ch/);
    expect(routes[1]).toMatch(/app01\.internal\.example-shop\.ch.*smtp\.example-shop\.ch/);
    expect(routes[2]).toMatch(/smtp\.example-shop\.ch.*mta-gw\.infomaniak\.ch/);
    expect(routes[3]).toMatch(/mta-gw\.infomaniak\.ch.*mailstore-03\.infomaniak\.ch/);
  });

  it("shows each hop's delay, the clock skew flagged rather than hidden, and the total", async () => {
    const hops = page.getByTestId('hop');
    const delays = await hops.evaluateAll((items) => items.map((item) => item.getAttribute('data-delay-seconds')));
    expect(delays).toEqual(['', '300', '-12', '7']);
    expect(await hops.nth(2).textContent()).toContain('clock skew');
    // The bars: the slowest step fills its track, the others are in proportion, the negative one is drawn too.
    const widths = await hops
      .locator('.hr-bar')
      .evaluateAll((bars) =>
        bars.map((bar) => Math.round((bar.getBoundingClientRect().width / bar.parentElement!.clientWidth) * 100)),
      );
    expect(widths).toEqual([100, 4, 2]);
    expect(await page.getByTestId('total-delay').getAttribute('data-seconds')).toBe('295');
    expect(await page.getByTestId('total-delay').textContent()).toContain('4 min 55 s');
  });

  it('shows the four verdicts, always, from the trusted Authentication-Results', async () => {
    expect(await verdictOf(page, 'spf')).toBe('pass');
    expect(await verdictOf(page, 'dkim')).toBe('fail');
    expect(await verdictOf(page, 'dmarc')).toBe('fail');
    expect(await verdictOf(page, 'arc')).toBe('none');
    expect(await page.getByTestId('auth-dmarc').textContent()).toContain('Failed');
  });

  it('lists the DMARC failure first, as an error, and the rest by severity', async () => {
    const warnings = page.getByTestId('warning');
    const first = warnings.first();
    expect(await first.getAttribute('data-severity')).toBe('error');
    expect(await first.getAttribute('data-code')).toBe('dmarc_fail');
    expect(await first.textContent()).toContain('example-shop.ch');
    const severities = await warnings.evaluateAll((items) => items.map((item) => item.getAttribute('data-severity')));
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    expect(severities.map((severity) => rank[severity!])).toEqual(
      [...severities.map((severity) => rank[severity!])].sort((a, b) => a! - b!),
    );
    expect(severities).toContain('info'); // the clock skew
  });

  it('shows the Subject as literal text: no element from it, no script run', async () => {
    expect(await page.getByTestId('summary-subject').textContent()).toBe(SUBJECT);
    expect(await report(page).locator('img, script, iframe, svg:not(.hr-icon):not(.hr-chevron)').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
  });

  it('decodes the spam filters found above the entry hop', async () => {
    const findings = page.getByTestId('spam-finding');
    await expect.poll(() => findings.count()).toBe(2);
    const text = (await findings.allTextContents()).join('\n');
    expect(text).toContain('DKIM_INVALID');
    expect(text).toContain('Infomaniak');
  });

  it('shows the summary and findings above the raw headers, which stay folded until asked for', async () => {
    const order = await report(page).evaluate((element) =>
      [...element.querySelectorAll('.hr-toggle')].map((toggle) => toggle.textContent),
    );
    expect(order).toEqual([
      'Findings',
      'Sender authentication',
      'Summary',
      'Delivery path',
      'Spam filters',
      'Raw headers',
    ]);
    const raw = page.getByTestId('raw-headers');
    expect(await raw.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Raw headers' }).click();
    expect(await raw.isVisible()).toBe(true);
    expect(await raw.textContent()).toBe(HEADERS);
  });

  it('folds a section away from its heading and opens it again', async () => {
    const heading = page.getByRole('button', { name: 'Delivery path' });
    const hops = page.getByTestId('hop');
    expect(await heading.getAttribute('aria-expanded')).toBe('true');
    expect(await hops.first().isVisible()).toBe(true);
    await heading.click();
    expect(await heading.getAttribute('aria-expanded')).toBe('false');
    expect(await hops.first().isVisible()).toBe(false);
    // The other sections stay as they were.
    expect(await page.getByTestId('warning').first().isVisible()).toBe(true);
    // From the keyboard too.
    await heading.focus();
    await page.keyboard.press('Enter');
    expect(await heading.getAttribute('aria-expanded')).toBe('true');
    expect(await hops.first().isVisible()).toBe(true);
  });

  it('"Copy for support" copies the verdict, the findings, the hops and then the raw headers, and says so', async () => {
    // Headless Chromium cannot grant an extension page the clipboard-read permission, so the text handed to the
    // clipboard is recorded on its way there; the real writeText still runs.
    await page.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => {
        (window as unknown as { copiedText: string }).copiedText = text;
        return write(text);
      };
    });
    await page.getByRole('button', { name: 'Copy for support' }).click();
    await expect.poll(() => page.getByTestId('copy-headers').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => (window as unknown as { copiedText: string }).copiedText);
    const verdict = (await page.getByTestId('verdict').textContent())!.replace(/^Verdict: /, '');
    const firstFinding = await page.getByTestId('warning').first().textContent();
    const lines = copied.split('\n');
    expect(lines[1]).toBe(`Verdict: ${verdict}`);
    // "Problem The sender domain …" on the page, "- Problem: The sender domain …" in the text.
    const findingAt = lines.indexOf(`- ${firstFinding!.replace(/^(\S+) /, '$1: ')}`);
    const hopAt = lines.findIndex((line) => /^1\. localhost .*→ app01\.internal\.example-shop\.ch/.test(line));
    const lastHopAt = lines.findIndex((line) =>
      /^4\. mta-gw\.infomaniak\.ch .*→ mailstore-03\.infomaniak\.ch/.test(line),
    );
    const rawAt = lines.indexOf('Raw headers:');
    expect([findingAt, hopAt, lastHopAt, rawAt].every((at) => at > 1)).toBe(true);
    expect(findingAt).toBeLessThan(hopAt);
    expect(hopAt).toBeLessThan(lastHopAt);
    expect(lastHopAt).toBeLessThan(rawAt);
    expect(lines[lastHopAt + 1]).toBe('Total delivery time: 4 min 55 s');
    expect(copied.endsWith(`\nRaw headers:\n${HEADERS}`)).toBe(true);
  });

  it('shows the same text selected, to copy by hand, when the browser refuses the clipboard', async () => {
    const copied = await page.evaluate(() => (window as unknown as { copiedText: string }).copiedText);
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await page.getByTestId('copy-headers').click(); // named "Copied" for a moment after the previous test
    await expect.poll(() => page.getByTestId('copy-status').textContent()).toContain('refused access to the clipboard');
    const fallback = page.getByTestId('copy-fallback');
    expect(await fallback.inputValue()).toBe(copied);
    expect(
      await fallback.evaluate((box: HTMLTextAreaElement) => [box.selectionStart, box.selectionEnd, box.value.length]),
    ).toEqual([0, copied.length, copied.length]);
  });

  it('"Save as .txt" downloads the raw headers under a safe name made from the subject', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as .txt' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(headersFileName(SUBJECT, 'headers'));
    expect(file.suggestedFilename()).toMatch(/^headers – .*Rechnung 4471.*\.txt$/);
    expect(await readFile((await file.path())!, 'utf8')).toBe(HEADERS);
  });

  it('analyses a dropped .eml: the forged "pass" results written before arrival do not count', async () => {
    const message = corpusMessage('auth-results-forged-below-entry');
    await dropFile(page, message.raw, 'konto-gesperrt.eml');
    await expect.poll(() => page.getByTestId('input-source').textContent()).toContain('konto-gesperrt.eml');
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(message.expect.subject);
    expect(await verdictOf(page, 'spf')).toBe('fail');
    expect(await verdictOf(page, 'dkim')).toBe('none');
    expect(await verdictOf(page, 'dmarc')).toBe('fail');
    const codes = await page.getByTestId('warning').evaluateAll((items) => items.map((item) => item.dataset.code));
    expect(codes[0]).toBe('dmarc_fail');
    expect(codes).toContain('forged_auth_results');
    // The file's header block lands in the box, so it can be read and edited.
    expect(await page.getByTestId('headers-input').inputValue()).toContain(
      'Authentication-Results: mta-gw.infomaniak.ch;',
    );
  });

  it('checks the body of a dropped .eml against its DKIM signature, offline, and says what it checked', async () => {
    const signed = signMessage(
      'From: Example Shop <billing@example-shop.ch>\r\nTo: anna.meier@muster.ch\r\nSubject: Rechnung 4480\r\n' +
        'Date: Tue, 14 Oct 2025 09:12:37 +0200\r\nMessage-ID: <4480@example-shop.ch>\r\n\r\n' +
        'Guten Tag\r\n\r\nIhre Rechnung 4480 über CHF 120.00 ist bis 31. Oktober zahlbar.\r\n',
      { domain: 'example-shop.ch', body: 'relaxed' },
    );
    const bodyLine = page.getByTestId('dkim-body-line');

    await dropFile(page, signed, 'rechnung-4480.eml');
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe('Rechnung 4480');
    await expect.poll(() => bodyLine.textContent()).toBe('Body unchanged since signed by example-shop.ch.');
    expect(await bodyLine.getAttribute('data-status')).toBe('unchanged');
    expect(await page.getByTestId('auth-dkim').getByTestId('dkim-body').textContent()).toContain(
      'Checked offline: the body’s hash, not the signature.',
    );
    // Offline: no key lookup, no request anywhere but the extension itself.
    expect(requests.filter((url) => !url.startsWith(browser.extensionUrl('')) && !url.startsWith('blob:'))).toEqual([]);

    // What a mailing list does on the way: a footer under the signed text.
    const footer = new TextEncoder().encode('-- \r\nteam@lists.example.net – abmelden: https://lists.example.net/\r\n');
    const withFooter = new Uint8Array([...signed, ...footer]);
    await dropFile(page, withFooter, 'rechnung-4480-liste.eml');
    await expect.poll(() => page.getByTestId('input-source').textContent()).toContain('rechnung-4480-liste.eml');
    await expect
      .poll(() => bodyLine.textContent())
      .toBe('Body changed after signing by example-shop.ch (for example a mailing-list footer).');
    expect(await bodyLine.getAttribute('data-status')).toBe('changed');

    // The same headers pasted: no body, so nothing is said about one.
    const headerText = new TextDecoder().decode(signed).split('\r\n\r\n')[0]!.replace('4480', '4481');
    await page.getByTestId('headers-input').fill(headerText);
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe('Rechnung 4481');
    expect(await page.getByTestId('dkim-body').count()).toBe(0);
  });

  it('opens a look-alike PayPal mail with an error verdict, above the checks that passed for the look-alike', async () => {
    const message = corpusMessage('lookalike-punycode-domain');
    await dropFile(page, message.raw, 'account-limited.eml');
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(message.expect.subject);
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-severity')).toBe('error');
    expect(await verdict.textContent()).toContain('Looks like paypal but comes from xn--pypal-4ve.example');
    // The verdict is the first thing in the report, before the green-looking checks.
    const order = await report(page).evaluate((element) =>
      [...element.querySelectorAll('[data-testid="verdict"], [data-testid^="auth-"]')].map((item) =>
        item.getAttribute('data-testid'),
      ),
    );
    expect(order[0]).toBe('verdict');
    for (const mechanism of ['spf', 'dkim', 'dmarc']) {
      const card = page.getByTestId(`auth-${mechanism}`);
      expect(await card.textContent()).toContain('Passed for xn--pypal-4ve.example');
      expect(await card.getByTestId('auth-caveat').textContent()).toContain('look-alike of paypal');
      expect(await card.getAttribute('class')).not.toContain('hr-tone-good');
    }
  });

  it('opens a legitimate Gmail message with a calm verdict naming the signing domain', async () => {
    const message = corpusMessage('received-gmail-workspace');
    await dropFile(page, message.raw, 'preventivo.eml');
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(message.expect.subject);
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-severity')).toBe('none');
    expect(await verdict.textContent()).toContain('Delivered normally, signed by bianchi-design.example.');
    expect(await page.getByTestId('auth-dkim').textContent()).toContain('Passed for bianchi-design.example');
    expect(await page.getByTestId('auth-caveat').count()).toBe(0);
  });

  it('finds the program hidden behind a right-to-left override in a dropped .eml, under both its names', async () => {
    const message = corpusMessage('hostile-names-control-bidi-long');
    await dropFile(page, message.raw, 'invoice.eml');
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-severity')).toBe('error');
    expect(await page.getByTestId('verdict').textContent()).toContain('invoicefdp.exe');
    const finding = page.locator('[data-testid="warning"][data-code="risky_file_hidden_characters"]');
    expect(await finding.getAttribute('data-severity')).toBe('error');
    const text = (await finding.textContent())!;
    expect(text).toContain('invoice\u202Efdp.exe');
    expect(text).toContain('saved as “invoicefdp.exe”');
  });

  it('opens a 25 MB .eml through the file picker and reads only its headers', async () => {
    const message = corpusMessage('large-single-25mb');
    const folder = await mkdtemp(join(tmpdir(), 'inspector-e2e-'));
    const path = join(folder, 'large.eml');
    await writeFile(path, message.raw);
    try {
      await page.getByTestId('eml-input').setInputFiles(path);
      await expect.poll(() => page.getByTestId('input-source').textContent()).toContain('large.eml');
      await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(message.expect.subject);
      const raw = await page.getByTestId('raw-headers').textContent();
      expect(raw!.length).toBeLessThan(20_000);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("shows qmail's hand-over inside a server as such, never as a host name", async () => {
    const message = corpusMessage('received-long-chain-mixed-mta');
    await dropFile(page, message.raw, 'materialliste.eml');
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(message.expect.subject);
    // "Received: (qmail 1234 invoked by uid 89); …" is the fourth hop, oldest first (see the corpus file).
    const qmail = page.getByTestId('hop').nth(3);
    expect(await qmail.getByTestId('hop-local').textContent()).toBe(
      'Handed on inside the same serverqmail 1234 invoked by uid 89',
    );
    expect(await qmail.locator('.hr-host').count()).toBe(0);
    const hosts = await page.locator('[data-testid="hop"] .hr-host').allTextContents();
    expect(hosts.filter((host) => host.includes('qmail'))).toEqual([]);
  });

  it('does not draw a one-second step between fast servers as a full bar', async () => {
    const fast = `Received: from mx2.example.net by mx3.example.net; Tue, 14 Oct 2025 09:12:41 +0200
Received: from mx1.example.net by mx2.example.net; Tue, 14 Oct 2025 09:12:40 +0200
Received: from smtp.example.org by mx1.example.net; Tue, 14 Oct 2025 09:12:39 +0200
From: Anna <anna@example.org>
Subject: Schnell
Date: Tue, 14 Oct 2025 09:12:38 +0200
`;
    await pasteAndWait(fast, 'Schnell');
    const widths = await page
      .getByTestId('hop')
      .locator('.hr-bar')
      .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width / bar.parentElement!.clientWidth));
    expect(widths).toHaveLength(2);
    // One second of the track's minute: a sliver.
    for (const width of widths) expect(width).toBeLessThan(0.05);
  });

  /** Pastes a block and waits until the report shows it (a report of the previous input is already on the page). */
  async function pasteAndWait(text: string, subject: string): Promise<void> {
    await page.getByTestId('headers-input').fill(text);
    await expect.poll(() => page.getByTestId('summary-subject').textContent()).toBe(subject);
  }
  const chip = (mechanism: string) => page.getByTestId(`auth-${mechanism}`);
  const chipVerdicts = () =>
    Promise.all(['spf', 'dkim', 'dmarc', 'arc'].map((mechanism) => chip(mechanism).getAttribute('data-verdict')));

  it("trusts Infomaniak's results written above its entry hop", async () => {
    await pasteAndWait(RESULTS_ABOVE_ENTRY, 'Rechnung 4472');
    expect(await chipVerdicts()).toEqual(['pass', 'pass', 'pass', 'none']);
    expect(await chip('spf').textContent()).toContain('Passed');
    expect(await chip('spf').textContent()).toContain('checked by mta-gw.infomaniak.ch');
    expect(await chip('dmarc').textContent()).toContain('Passed');
  });

  it("trusts Infomaniak's results directly below its entry hop, where Postfix writes them", async () => {
    await pasteAndWait(RESULTS_BELOW_ENTRY, 'Rechnung 4473');
    expect(await chipVerdicts()).toEqual(['pass', 'pass', 'pass', 'none']);
    for (const mechanism of ['spf', 'dkim', 'dmarc']) {
      expect(await chip(mechanism).textContent()).toContain('Passed');
      expect(await chip(mechanism).textContent()).toContain('checked by mta-gw.infomaniak.ch');
    }
    expect(await page.getByTestId('warning').count()).toBe(0);
  });

  it('ignores a passing copy the sender wrote below its own Received line, and says so', async () => {
    await pasteAndWait(RESULTS_FORGED_BY_SENDER, 'Rechnung 4474');
    expect(await chipVerdicts()).toEqual(['fail', 'fail', 'fail', 'none']);
    expect(await chip('dmarc').textContent()).toContain('Failed');
    expect(await chip('arc').textContent()).toContain('None');
    expect(await page.locator('.hr-note').allTextContents()).toEqual([
      'Ignored: it claims to come from mta-gw.infomaniak.ch, but it was already in the message before the message reached your provider.',
    ]);
    const codes = await page.getByTestId('warning').evaluateAll((items) => items.map((item) => item.dataset.code));
    expect(codes).toContain('forged_auth_results');
  });

  it('explains in words that a message went out through Infomaniak', async () => {
    await pasteAndWait(`${RESULTS_BELOW_ENTRY}X-Infomaniak-Routing: alpha\n`, 'Rechnung 4473');
    const finding = page.getByTestId('spam-finding');
    await expect.poll(() => finding.count()).toBe(1);
    const text = await finding.textContent();
    expect(text).toContain('Infomaniak spam filter');
    expect(text).toContain('Routing');
    expect(text).toContain('alpha');
    expect(text).toContain('The message went out through Infomaniak’s mail servers.');
  });

  it('warns of a sender domain spelled with a Lisu letter that looks like the P of PayPal', async () => {
    // "ꓑ" is LISU LETTER PA; a header carries the domain in its xn-- form, as every IDN travels.
    const lookalike = 'ꓑaypal.example';
    const sent = domainToASCII(lookalike);
    await pasteAndWait(
      `Return-Path: <service@${sent}>
${INFOMANIAK_ENTRY}
From: PayPal <service@${sent}>
To: Anna Meier <anna.meier@muster.ch>
Subject: Konto eingeschränkt
Date: Tue, 14 Oct 2025 09:12:37 +0200
Message-ID: <limited-4475@${sent}>
`,
      'Konto eingeschränkt',
    );
    const warning = page.locator('[data-testid="warning"][data-code="lookalike_brand"]');
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.getAttribute('data-severity')).toBe('error');
    const text = await warning.textContent();
    expect(text).toContain(lookalike);
    expect(text).toContain('looks like paypal');
  });

  it('sends nothing anywhere: every request of the page stays inside the extension', () => {
    const outside = requests.filter((url) => !url.startsWith(browser.extensionUrl('')) && !url.startsWith('blob:'));
    expect(outside).toEqual([]);
  });

  it('opened as inspector.html#selection, analyses the text the background left and forgets it', async () => {
    await browser.serviceWorker.evaluate((text) => chrome.storage.session.set({ inspectorPendingText: text }), HEADERS);
    const fromSelection = await browser.openExtensionPage('inspector.html#selection');
    await report(fromSelection).waitFor();
    expect(await fromSelection.getByTestId('headers-input').inputValue()).toBe(HEADERS);
    expect(await fromSelection.getByTestId('input-source').textContent()).toBe('From the text you selected');
    expect(await fromSelection.getByTestId('hop').count()).toBe(4);
    const left = await browser.serviceWorker.evaluate(() => chrome.storage.session.get('inspectorPendingText'));
    expect(left).toEqual({});
    await fromSelection.close();
  });
});

describe('the header inspector page in German', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ replica: inject('replica'), lang: 'de' });
  });
  afterAll(() => browser?.close());

  it('speaks German, down to the saved file name', async () => {
    const page = await browser.openExtensionPage('inspector.html');
    await expect.poll(() => page.getByTestId('inspector-empty').textContent()).toContain('„Header prüfen“');
    await pasteHeaders(page, HEADERS);
    expect(await page.getByRole('heading', { name: 'Zustellweg' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Für den Support kopieren' }).count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als .txt speichern' }).click();
    expect((await download).suggestedFilename()).toMatch(/^Header – .*\.txt$/);
    await page.close();
  });

  it('says "Header" throughout, "Kein Ergebnis" for a missing check', async () => {
    const page = await browser.openExtensionPage('inspector.html');
    await expect.poll(() => page.getByTestId('inspector-empty').textContent()).toContain('Header');
    expect(await page.locator('body').textContent()).not.toMatch(/Kopfzeile/);
    await pasteHeaders(page, HEADERS);
    expect(await page.getByTestId('auth-arc').textContent()).toContain('Kein Ergebnis');
    expect(await page.getByRole('button', { name: 'Header im Original' }).count()).toBe(1);
    expect(await page.locator('body').textContent()).not.toMatch(/Kopfzeile/);
    await page.close();
  });

  it('gives the verdict in German', async () => {
    const page = await browser.openExtensionPage('inspector.html');
    await pasteHeaders(page, new TextDecoder().decode(corpusMessage('lookalike-punycode-domain').raw));
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-severity')).toBe('error');
    expect(await verdict.textContent()).toContain('Sieht aus wie paypal, stammt aber von xn--pypal-4ve.example');
    expect(await page.getByTestId('auth-dmarc').textContent()).toContain('Bestanden für xn--pypal-4ve.example');
    await page.close();
  });
});

// The service worker is evaluated in the browser, where `chrome` exists; this only satisfies the type checker.
declare const chrome: {
  storage: { session: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
};
