import { describe, expect, it } from 'vitest';
import { analyseHeaders } from '../mail/headers';
import { infomaniakHeaderOptions } from './header-defaults';

/**
 * Arrival at Infomaniak in the Postfix layout: the filter's hop and verdict above the entry hop, the milter's
 * Authentication-Results directly below it (Postfix hides its own Received line from milters), then the sender's
 * relay. The authserv-id is a guess, see header-defaults.ts.
 */
function arrival(spam: string, results: string, extra: string[] = []): string {
  return [
    'Received: from localhost (localhost [127.0.0.1])',
    '\tby mta-gw.infomaniak.ch (Postfix) with ESMTP id 4T5Abc1XyZ',
    '\tfor <lea@example.ch>; Tue,  2 Jan 2024 10:11:14 +0100 (CET)',
    `X-Infomaniak-Spam: ${spam}`,
    'Received: from mail.example.org (mail.example.org [192.0.2.10])',
    '\tby mta-gw.infomaniak.ch (Postfix) with ESMTPS id 4T5Abc0Def',
    '\tfor <lea@example.ch>; Tue,  2 Jan 2024 10:11:13 +0100 (CET)',
    `Authentication-Results: mta-gw.infomaniak.ch;\r\n\t${results}`,
    'Received: from [198.51.100.7] (unknown [198.51.100.7])',
    '\tby mail.example.org (Postfix) with ESMTPSA id 0A1B2C',
    '\tfor <lea@example.ch>; Tue,  2 Jan 2024 10:11:11 +0100 (CET)',
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
const infomaniakFinding = (raw: string) =>
  analyseHeaders(raw, options).spam.findings.find((item) => item.decoder === 'infomaniak');

describe('Infomaniak header defaults', () => {
  it("trusts Infomaniak's results directly below its entry hop", () => {
    const report = analyseHeaders(arrival('ham', PASS), options);
    expect(report.authentication.resultsHeaders[0]).toMatchObject({
      authservId: 'mta-gw.infomaniak.ch',
      trusted: true,
    });
    expect(report.hops.hops.find((hop) => hop.entry)?.fromHost).toBe('mail.example.org');
    expect(report.authentication.verdicts.dmarc.result).toBe('pass');
    expect(report.warnings).toEqual([]);
  });

  it("ignores a copy of Infomaniak's results the sender put below its own Received line", () => {
    const forged = ['Authentication-Results: mta-gw.infomaniak.ch; dmarc=pass header.from=example.org'];
    const report = analyseHeaders(
      arrival('ham', 'spf=fail smtp.mailfrom=alice@example.org; dmarc=fail header.from=example.org', forged),
      options,
    );
    expect(report.authentication.resultsHeaders.map((header) => header.trusted)).toEqual([true, false]);
    expect(report.authentication.verdicts.dmarc.result).toBe('fail');
  });

  it.each([
    ['spam', 'spam', 'hdr_spam_verdict_spam'],
    ['ham', 'clean', 'hdr_spam_verdict_clean'],
    [' SPAM ', 'spam', 'hdr_spam_verdict_spam'],
    ['Ham', 'clean', 'hdr_spam_verdict_clean'],
  ])('reads X-Infomaniak-Spam: "%s" as %s', (value, verdict, meaning) => {
    expect(infomaniakFinding(arrival(value, PASS))).toMatchObject({
      verdict,
      score: null,
      name: { key: 'hdr_spam_source_provider', substitutions: ['Infomaniak'] },
      details: [{ label: { key: 'hdr_spam_detail_verdict' }, meaning: { key: meaning } }],
      headers: ['X-Infomaniak-Spam'],
      addedByReceivingSide: true,
    });
  });

  it.each(['spam, score=12.5', 'suspect', 'not spam', 'yes', '1'])(
    'shows any other X-Infomaniak-Spam value ("%s") as written, with no verdict',
    (value) => {
      const finding = infomaniakFinding(arrival(value, PASS));
      expect(finding).toMatchObject({ verdict: 'unknown', score: null });
      expect(finding?.details).toEqual([
        { label: { key: 'hdr_spam_detail_verdict', substitutions: [] }, value, meaning: null },
      ]);
    },
  );

  it('explains X-Infomaniak-Routing: the message went out through Infomaniak', () => {
    const sentThroughInfomaniak = arrival('ham', PASS).replace(
      'Message-ID: <offer@example.org>',
      'Message-ID: <offer@example.org>\r\nX-Infomaniak-Routing: alpha',
    );
    const finding = infomaniakFinding(sentThroughInfomaniak);
    expect(finding?.headers).toEqual(['X-Infomaniak-Spam', 'X-Infomaniak-Routing']);
    expect(finding?.verdict).toBe('clean');
    expect(finding?.details[1]).toEqual({
      label: { key: 'hdr_spam_detail_routing', substitutions: [] },
      value: 'alpha',
      meaning: { key: 'hdr_spam_meaning_sent_through_provider', substitutions: ['Infomaniak'] },
    });
  });

  it('reads a message sent from kSuite: internal hops on 2001:1600:: are not the arrival', () => {
    // Layout of mail sent through Infomaniak as public archives show it (names and client address replaced).
    const sent = [
      'Received: from smtp-4-0000.mail.infomaniak.ch (unknown [IPv6:2001:1600:7:10::a6b])',
      '\tby smtp-4-3000.mail.infomaniak.ch (Postfix) with ESMTPS id 4f4N986l7Yz8n0;',
      '\tMon,  2 Feb 2026 11:27:40 +0100 (CET)',
      'Received: from unknown by smtp-4-0000.mail.infomaniak.ch (Postfix) with ESMTPA id 4f4N98059bz5sw;',
      '\tMon,  2 Feb 2026 11:27:39 +0100 (CET)',
      'From: Lea Rossi <lea@example.ch>',
      'To: alice@example.org',
      'Subject: Offer',
      'Date: Mon, 02 Feb 2026 11:27:24 +0100',
      'Message-ID: <reply@example.ch>',
      'X-Infomaniak-Routing: alpha',
      '',
      'Body',
    ].join('\r\n');
    const report = analyseHeaders(sent, { ...infomaniakHeaderOptions, now: new Date('2026-02-03T00:00:00Z') });
    expect(report.hops.hops.map((hop) => hop.entry)).toEqual([true, false]);
    expect(report.hops.hops.find((hop) => hop.entry)?.byHost).toBe('smtp-4-0000.mail.infomaniak.ch');
    const finding = report.spam.findings.find((item) => item.decoder === 'infomaniak');
    // Appended at the very end of the block, where any sender could have written it: the report says so.
    expect(finding).toMatchObject({
      verdict: 'unknown',
      headers: ['X-Infomaniak-Routing'],
      addedByReceivingSide: false,
    });
    expect(finding?.details.map((detail) => [detail.label.key, detail.value])).toEqual([
      ['hdr_spam_detail_routing', 'alpha'],
    ]);
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
