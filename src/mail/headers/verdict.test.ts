import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../tests/replica/corpus/index.ts';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { findRiskyFiles } from '../risky-files';
import { analyseHeaders } from './analyse';
import type { HeaderAnalysisOptions, HeaderReport } from './types';
import { withRiskyFiles } from './verdict';

const corpus = buildCorpus();
function corpusReport(id: string): HeaderReport {
  const message = corpus.find((candidate) => candidate.id === id);
  if (!message) throw new Error(`no corpus message ${id}`);
  return analyseHeaders(message.raw, { ...infomaniakHeaderOptions, now: new Date(message.internalDate) });
}

const options: HeaderAnalysisOptions = {
  trustedAuthservIds: ['mx.example.net'],
  receivingHostPatterns: [/\.example\.net$/i],
  now: new Date('2024-01-02T12:00:00Z'),
};
const ENTRY =
  'Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx1.example.net with ESMTPS id A1; Tue, 2 Jan 2024 10:11:12 +0100';
const BASICS = ['Date: Tue, 2 Jan 2024 10:11:00 +0100', 'Message-ID: <w@example.org>', 'Subject: hi'];
const analyse = (lines: string[]) => analyseHeaders(`${lines.join('\r\n')}\r\n\r\n`, options);
const passFor = (domain: string) =>
  `Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=news@${domain}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`;
const signedBy = (domain: string) => `DKIM-Signature: v=1; a=rsa-sha256; d=${domain}; s=s1; h=from; bh=YQ==; b=Yg==`;

describe('the verdict on the corpus', () => {
  it('a look-alike PayPal domain opens with an error naming the brand and the real domain', () => {
    const { verdict } = corpusReport('lookalike-punycode-domain');
    expect(verdict.severity).toBe('error');
    expect(verdict.headline).toEqual({
      key: 'hdr_verdict_lookalike',
      substitutions: ['paypal', 'xn--pypal-4ve.example'],
    });
  });

  it('its three passed checks name the look-alike domain and say it only imitates paypal', () => {
    const { passedFor } = corpusReport('lookalike-punycode-domain').verdict;
    for (const mechanism of ['spf', 'dkim', 'dmarc'] as const) {
      expect(passedFor[mechanism]).toEqual({
        domain: 'xn--pypal-4ve.example',
        caveat: { key: 'hdr_passed_lookalike', substitutions: ['xn--pypal-4ve.example', 'paypal'] },
      });
    }
  });

  it('a display name holding the bank\u2019s address opens with an error, and the passes say whose they are', () => {
    const { verdict } = corpusReport('display-name-holds-other-address');
    expect(verdict.severity).toBe('error');
    expect(verdict.headline).toEqual({
      key: 'hdr_verdict_name_claims',
      substitutions: ['bank.example', 'evil.example'],
    });
    expect(verdict.passedFor.dmarc?.caveat).toEqual({
      key: 'hdr_passed_not_claimed',
      substitutions: ['evil.example', 'bank.example'],
    });
  });

  it('a legitimate Gmail (Google Workspace) message opens calmly, signed by its domain, with no caveat', () => {
    const { verdict } = corpusReport('received-gmail-workspace');
    expect(verdict.severity).toBe('none');
    expect(verdict.headline).toEqual({ key: 'hdr_verdict_signed', substitutions: ['bianchi-design.example'] });
    expect(Object.values(verdict.passedFor).map((passed) => passed.caveat)).toEqual([null, null, null]);
  });

  it('a message whose DMARC failed opens with an error', () => {
    expect(corpusReport('auth-results-forged-below-entry').verdict).toMatchObject({
      severity: 'error',
      headline: { key: 'hdr_verdict_forged', substitutions: ['bank.example'] },
    });
  });

  it("Infomaniak's own spam verdict gives a warning", () => {
    expect(corpusReport('spam-spamassassin-yes').verdict).toMatchObject({
      severity: 'warning',
      headline: { key: 'hdr_verdict_spam' },
    });
  });

  it('the invoice with a right-to-left override opens with an error once its files are known', () => {
    const report = corpusReport('hostile-names-control-bidi-long');
    const withFiles = withRiskyFiles(report, findRiskyFiles([{ name: 'invoice\u202Efdp.exe' }, { name: 'a.txt' }]));
    expect(withFiles.verdict.severity).toBe('error');
    expect(withFiles.verdict.headline).toEqual({ key: 'hdr_verdict_risky_file', substitutions: ['invoicefdp.exe'] });
    // The shown name is kept as the webmail shows it, isolated so its override cannot turn the sentence around.
    expect(withFiles.warnings[0]).toEqual({
      code: 'risky_file_hidden_characters',
      key: 'hdr_warning_risky_file_hidden_characters',
      severity: 'error',
      substitutions: ['\u2068invoice\u202Efdp.exe\u2069', 'invoicefdp.exe'],
    });
  });
});

describe('the verdict', () => {
  it('is calm for mail signed by the From domain', () => {
    const { verdict } = analyse([
      passFor('example.org'),
      ENTRY,
      signedBy('example.org'),
      'From: Alice <alice@example.org>',
      ...BASICS,
    ]);
    expect(verdict).toMatchObject({ severity: 'none', headline: { substitutions: ['example.org'] } });
  });

  it('says it could not check when no trusted results are there, rather than sounding reassuring', () => {
    const untrusted = passFor('example.org').replace('mx.example.net', 'mx.elsewhere.example');
    const { verdict } = analyse([
      untrusted,
      ENTRY,
      signedBy('example.org'),
      'From: Alice <alice@example.org>',
      ...BASICS,
    ]);
    expect(verdict).toMatchObject({ severity: 'info', headline: { key: 'hdr_verdict_unchecked' } });
    expect(verdict.passedFor).toEqual({});
  });

  it('warns when the display name names a brand the domain does not belong to', () => {
    const { verdict } = analyse([
      passFor('promo-mailer.example'),
      ENTRY,
      signedBy('promo-mailer.example'),
      'From: PayPal Service <info@promo-mailer.example>',
      ...BASICS,
    ]);
    expect(verdict.severity).toBe('warning');
    expect(verdict.headline).toEqual({
      key: 'hdr_verdict_name_claims',
      substitutions: ['paypal', 'promo-mailer.example'],
    });
    expect(verdict.passedFor.dkim?.caveat?.key).toBe('hdr_passed_not_claimed');
  });

  it('stays calm when the brand in the name is the domain\u2019s own', () => {
    const { verdict } = analyse([
      passFor('mail.paypal.example'),
      ENTRY,
      signedBy('mail.paypal.example'),
      'From: PayPal <service@mail.paypal.example>',
      ...BASICS,
    ]);
    expect(verdict.severity).toBe('none');
    expect(verdict.passedFor.dkim?.caveat).toBeNull();
  });

  it('ignores a spam verdict the sender wrote below the entry hop', () => {
    const { verdict } = analyse([
      passFor('example.org'),
      ENTRY,
      'X-Spam-Status: Yes, score=9.0 required=5.0',
      signedBy('example.org'),
      'From: Alice <alice@example.org>',
      ...BASICS,
    ]);
    expect(verdict.severity).toBe('none');
  });

  it('a missing signature alone is noted calmly, not as a warning', () => {
    const spfOnly = 'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=alice@example.org';
    const { verdict, warnings } = analyse([spfOnly, ENTRY, 'From: Alice <alice@example.org>', ...BASICS]);
    expect(warnings.map((warning) => warning.code)).toEqual(['unsigned']);
    expect(verdict).toMatchObject({
      severity: 'info',
      headline: { key: 'hdr_verdict_not_confirmed', substitutions: ['example.org'] },
    });
  });

  it('a macro document is a warning, not an error', () => {
    const report = analyse([
      passFor('example.org'),
      ENTRY,
      signedBy('example.org'),
      'From: Alice <alice@example.org>',
      ...BASICS,
    ]);
    const { verdict } = withRiskyFiles(report, findRiskyFiles([{ name: 'Lohnliste.xlsm' }]));
    expect(verdict).toMatchObject({
      severity: 'warning',
      headline: { key: 'hdr_verdict_risky_file_maybe', substitutions: ['Lohnliste.xlsm'] },
    });
  });
});
