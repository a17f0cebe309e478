import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../tests/replica/corpus/index.ts';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { analyseHeaders, formatReportMessage, type LocaleMessages } from '../../mail';
import { supportText, type SupportTextWords } from './support-text';

const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as LocaleMessages;
const words: SupportTextWords = {
  label: (key, substitutions = []) =>
    formatReportMessage(english, key, typeof substitutions === 'string' ? [substitutions] : substitutions),
  sentence: (text) => formatReportMessage(english, text.key, text.substitutions),
};

const corpusMessage = (id: string) => {
  const message = buildCorpus().find((candidate) => candidate.id === id);
  if (!message) throw new Error(`no corpus message ${id}`);
  return message;
};

/** The header block as sent, cut at the first empty line by hand rather than by the analyser. */
function headerBlockOf(raw: Uint8Array): string {
  const text = new TextDecoder().decode(raw);
  return text.slice(0, text.indexOf('\r\n\r\n') + 2);
}

describe('supportText', () => {
  // Ten hops by seven kinds of server (see the corpus file): a qmail hand-over, a slow queue, a clock behind.
  const message = corpusMessage('received-long-chain-mixed-mta');
  const text = supportText(analyseHeaders(message.raw, infomaniakHeaderOptions), words);
  const lines = text.split('\n');

  it('puts the verdict first, then the findings, the checks, the delivery path, and the raw headers last', () => {
    expect(lines[0]).toBe('Header analysis: Materialliste Etappe 2');
    expect(lines[1]).toBe('Verdict: Delivered normally, signed by baufirma-keller.example.');
    const order = ['Findings:', 'Sender authentication:', 'Delivery path:', 'Raw headers:'].map((title) =>
      lines.indexOf(title),
    );
    expect(order.every((index) => index > 1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('ends with the header block exactly as received', () => {
    expect(text.endsWith(`\nRaw headers:\n${headerBlockOf(message.raw)}`)).toBe(true);
  });

  it('writes the findings with their severity and durations as the delivery path does', () => {
    const findings = lines.slice(lines.indexOf('Findings:') + 1, lines.indexOf('Sender authentication:') - 1);
    expect(findings).toEqual([
      '- Note: Step 6 of the delivery took 1 h 14 min. A server held the message for a while, for example in a queue or because of greylisting.',
      '- Note: Step 8 of the delivery is dated 43 s earlier than the step before it. A server clock is wrong, so the delays around it are not reliable.',
    ]);
  });

  it('names all four checks, a missing one as "None"', () => {
    const checks = lines.slice(lines.indexOf('Sender authentication:') + 1, lines.indexOf('Delivery path:') - 1);
    expect(checks.map((line) => line.slice(0, line.indexOf('.')))).toEqual([
      '- SPF: Passed for baufirma-keller',
      '- DKIM: Passed for baufirma-keller',
      '- DMARC: Passed for baufirma-keller',
      '- ARC: None',
    ]);
  });

  it('lists every hop oldest first, the qmail hand-over as one inside a server, not as a host', () => {
    const hops = lines.slice(lines.indexOf('Delivery path:') + 1, lines.indexOf('Raw headers:') - 1);
    expect(hops).toHaveLength(11); // ten hops and the total
    expect(hops[0]).toBe(
      '1. 198.51.100.23 → smtp.baufirma-keller.example · esmtpsa tls TLS_AES_256_GCM_SHA384 · Tue, 06 Oct 2026 08:01:12 +0200',
    );
    expect(hops[3]).toBe(
      '4. Handed on inside the same server (qmail 1234 invoked by uid 89) · 6 Oct 2026 06:01:15 -0000 · +1 s',
    );
    expect(hops[5]).toContain('· +1 h 14 min');
    expect(hops[7]).toContain('· \u221243 s');
    expect(hops[8]).toMatch(/→ mta-gw\.infomaniak\.ch · .* · \+1 min 5 s · Arrived at your provider here$/);
    // 08:01:12 +0200 to 09:16:04 +0200.
    expect(hops[10]).toBe('Total delivery time: 1 h 15 min');
  });

  it('says so when the headers have no Received line and no finding', () => {
    const bare = analyseHeaders(
      'From: Anna <anna@example.org>\r\nTo: lea@example.org\r\nSubject: Hallo\r\nDate: Tue, 2 Jan 2024 10:11:00 +0100\r\nMessage-ID: <a@example.org>\r\n\r\n',
      { now: new Date('2024-01-02T12:00:00Z') },
    );
    const bareLines = supportText(bare, words).split('\n');
    const path = bareLines.indexOf('Delivery path:');
    expect(bareLines[path + 1]).toBe('These headers have no Received lines, so the delivery path is unknown.');
    expect(bareLines[path + 2]).toBe('');
  });
});
