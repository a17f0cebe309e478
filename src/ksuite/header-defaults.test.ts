import { describe, expect, it } from 'vitest';
import { analyseHeaders } from '../mail/headers';
import { infomaniakHeaderOptions } from './header-defaults';

/** The shape we expect from Infomaniak (guessed): filter hop, spam header, results, then the entry hop. */
function arrival(spam: string, results: string, extra: string[] = []): string {
  return [
    'Received: from localhost (localhost [127.0.0.1])',
    '\tby mta-03.infomaniak.ch (Postfix) with ESMTP id 4T5Abc1XyZ',
    '\tfor <lea@example.ch>; Tue,  2 Jan 2024 10:11:14 +0100 (CET)',
    `X-Infomaniak-Spam: ${spam}`,
    `Authentication-Results: mx.infomaniak.com;\r\n\t${results}`,
    'Received: from mail.example.org (mail.example.org [192.0.2.10])',
    '\tby mta-03.infomaniak.ch (Postfix) with ESMTPS id 4T5Abc0Def',
    '\tfor <lea@example.ch>; Tue,  2 Jan 2024 10:11:13 +0100 (CET)',
    ...extra,
    'DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=from:subject; bh=YQ==; b=Yg==',
    'From: Alice <alice@example.org>',
    'To: lea@example.ch',
    'Subject: Offer',
    'Date: Tue, 2 Jan 2024 10:11:10 +0100',
    'Message-ID: <offer@example.org>',
    '',
    'Body',
  ].join('\r\n');
}

const PASS =
  'spf=pass smtp.mailfrom=alice@example.org;\r\n\tdkim=pass header.d=example.org;\r\n\tdmarc=pass header.from=example.org';
const options = { ...infomaniakHeaderOptions, now: new Date('2024-01-03T00:00:00Z') };

describe('Infomaniak header defaults', () => {
  it('trusts Infomaniak results above its entry hop', () => {
    const report = analyseHeaders(arrival('ham', PASS), options);
    expect(report.authentication.resultsHeaders[0]).toMatchObject({ authservId: 'mx.infomaniak.com', trusted: true });
    expect(report.hops.hops.find((hop) => hop.entry)?.fromHost).toBe('mail.example.org');
    expect(report.authentication.verdicts.dmarc.result).toBe('pass');
    expect(report.warnings).toEqual([]);
  });

  it('ignores a copy of Infomaniak results the sender put below the entry hop', () => {
    const forged = ['Authentication-Results: mx.infomaniak.com; dmarc=pass header.from=example.org'];
    const report = analyseHeaders(
      arrival('ham', 'spf=fail smtp.mailfrom=alice@example.org; dmarc=fail header.from=example.org', forged),
      options,
    );
    expect(report.authentication.resultsHeaders.map((header) => header.trusted)).toEqual([true, false]);
    expect(report.authentication.verdicts.dmarc.result).toBe('fail');
  });

  it.each([
    ['spam', 'spam', null],
    ['ham', 'clean', null],
    ['Spam, score=12.5', 'spam', 12.5],
    ['ham score=-1.2', 'clean', -1.2],
    ['suspect', 'suspicious', null],
    ['possible-spam-bulk', 'spam', null],
    ['something new', 'unknown', null],
  ])('decodes X-Infomaniak-Spam: %s', (value, verdict, score) => {
    const finding = analyseHeaders(arrival(value, PASS), options).spam.findings.find(
      (item) => item.decoder === 'infomaniak',
    );
    expect(finding).toMatchObject({
      verdict,
      score,
      name: { key: 'hdr_spam_source_provider', substitutions: ['Infomaniak'] },
      addedByReceivingSide: true,
    });
  });

  it('warns about domains imitating Infomaniak products', () => {
    const raw = arrival('ham', PASS).replace(
      'From: Alice <alice@example.org>',
      'From: Support <support@ksuite-1nfomaniak.com>',
    );
    const report = analyseHeaders(raw, options);
    expect(report.warnings.find((warning) => warning.code === 'lookalike_brand')?.substitutions).toEqual([
      'ksuite-1nfomaniak.com',
      'infomaniak',
    ]);
  });
});
