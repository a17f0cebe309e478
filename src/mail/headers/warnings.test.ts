import { describe, expect, it } from 'vitest';
import { analyseHeaders } from './analyse';
import type { HeaderAnalysisOptions, HeaderWarning, WarningCode } from './types';

const NOW = new Date('2024-01-02T12:00:00Z');
const options: HeaderAnalysisOptions = {
  trustedAuthservIds: ['mx.example.net'],
  receivingHostPatterns: [/\.example\.net$/i],
  now: NOW,
};
const ENTRY =
  'Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx1.example.net with ESMTPS id A1; Tue, 2 Jan 2024 10:11:12 +0100';
const SIGNED = 'DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=from; bh=YQ==; b=Yg==';
const BASICS = [
  'From: Alice <alice@example.org>',
  'Date: Tue, 2 Jan 2024 10:11:00 +0100',
  'Message-ID: <w@example.org>',
  'Subject: hi',
];

function warnings(lines: string[], extra: HeaderAnalysisOptions = {}): HeaderWarning[] {
  return analyseHeaders(`${lines.join('\r\n')}\r\n\r\n`, { ...options, ...extra }).warnings;
}
const codes = (lines: string[], extra: HeaderAnalysisOptions = {}): WarningCode[] =>
  warnings(lines, extra).map((warning) => warning.code);
const find = (lines: string[], code: WarningCode) => warnings(lines).find((warning) => warning.code === code);

describe('warnings', () => {
  it('raises nothing for a clean, signed, authenticated message', () => {
    const results =
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=alice@example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    expect(warnings([results, ENTRY, SIGNED, ...BASICS])).toEqual([]);
  });

  it('reports failed DMARC, DKIM and SPF from trusted results', () => {
    const results =
      'Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=alice@example.org; dkim=fail header.d=example.org; dmarc=fail header.from=example.org';
    expect(warnings([results, ENTRY, SIGNED, ...BASICS])).toEqual([
      { code: 'dmarc_fail', key: 'hdr_warning_dmarc_fail', severity: 'error', substitutions: ['example.org'] },
      { code: 'dkim_fail', key: 'hdr_warning_dkim_fail', severity: 'warning', substitutions: ['example.org'] },
      { code: 'spf_fail', key: 'hdr_warning_spf_fail', severity: 'warning', substitutions: ['example.org'] },
    ]);
  });

  it('calls SPF softfail and a broken DKIM only informative when DMARC passed anyway', () => {
    const results =
      'Authentication-Results: mx.example.net; spf=softfail smtp.mailfrom=list@lists.example; dkim=pass header.d=example.org; dkim=fail header.d=lists.example; dmarc=pass header.from=example.org';
    expect(find([results, ENTRY, SIGNED, ...BASICS], 'spf_softfail')).toMatchObject({
      severity: 'info',
      substitutions: ['lists.example'],
    });
    const softOnly = 'Authentication-Results: mx.example.net; spf=softfail smtp.mailfrom=alice@example.org';
    expect(find([softOnly, ENTRY, SIGNED, ...BASICS], 'spf_softfail')).toMatchObject({ severity: 'warning' });
  });

  it("reports a forged Authentication-Results below the sender's own Received line", () => {
    const forged = 'Authentication-Results: mx.example.net; dmarc=pass header.from=example.org';
    const senderHop = 'Received: from [198.51.100.7] by mail.example.org with ESMTPSA; Tue, 2 Jan 2024 10:11:10 +0100';
    expect(find([ENTRY, senderHop, forged, SIGNED, ...BASICS], 'forged_auth_results')).toMatchObject({
      severity: 'warning',
      substitutions: ['mx.example.net'],
    });
  });

  it('reports a bounce address and a reply address on other domains', () => {
    const lines = [
      'Return-Path: <bounces@esp.example>',
      'Reply-To: "Alice" <alice.private@freemail.example>',
      ENTRY,
      SIGNED,
      ...BASICS,
    ];
    expect(find(lines, 'return_path_differs')).toMatchObject({
      severity: 'info',
      substitutions: ['esp.example', 'example.org'],
    });
    expect(find(lines, 'reply_to_differs')).toMatchObject({
      severity: 'warning',
      substitutions: ['alice.private@freemail.example', 'alice@example.org'],
    });
    // A subdomain of the same organisation is not "elsewhere".
    expect(
      codes(['Return-Path: <b@bounce.example.org>', 'Reply-To: help@support.example.org', ENTRY, SIGNED, ...BASICS]),
    ).toEqual([]);
  });

  it('reports a display name that shows another address, and encoded words in the address', () => {
    const lines = [
      'From: "ceo@example.org" <attacker@evil.example>',
      'Date: Tue, 2 Jan 2024 10:11:00 +0100',
      'Message-ID: <x@y>',
      ENTRY,
      SIGNED,
    ];
    expect(find(lines, 'display_name_address')).toMatchObject({
      severity: 'error',
      substitutions: ['ceo@example.org', 'attacker@evil.example'],
    });
    // Mailsploit: the encoded word decodes to "ceo@example.org" plus a NUL.
    const sploit = [
      'From: =?utf-8?b?Y2VvQGV4YW1wbGUub3Jn?==?utf-8?Q?=00?=@evil.example',
      'Date: Tue, 2 Jan 2024 10:11:00 +0100',
      'Message-ID: <x@y>',
      ENTRY,
      SIGNED,
    ];
    expect(codes(sploit)).toContain('encoded_address');
    const quotedSploit = [
      'From: "=?utf-8?b?Y2VvQGV4YW1wbGUub3Jn?=" <attacker@evil.example>',
      'Date: Tue, 2 Jan 2024 10:11:00 +0100',
      'Message-ID: <x@y>',
      ENTRY,
      SIGNED,
    ];
    expect(find(quotedSploit, 'display_name_address')?.substitutions).toEqual([
      'ceo@example.org',
      'attacker@evil.example',
    ]);
  });

  it('does not complain when the display name repeats the real address', () => {
    expect(
      codes([
        'From: "alice@example.org" <Alice@Example.org>',
        'Date: Tue, 2 Jan 2024 10:11:00 +0100',
        'Message-ID: <x@y>',
        ENTRY,
        SIGNED,
      ]),
    ).toEqual([]);
  });

  it('reports hidden direction and zero-width characters', () => {
    expect(
      find(
        [
          'From: =?utf-8?q?Bank=E2=80=AEgro.?= <x@example.org>',
          ENTRY,
          SIGNED,
          'Date: Tue, 2 Jan 2024 10:11:00 +0100',
          'Message-ID: <x@y>',
        ],
        'hidden_characters',
      ),
    ).toMatchObject({
      substitutions: ['x@example.org'],
    });
    expect(
      find(['Subject: =?utf-8?q?Invoice=E2=80=8B?=', ENTRY, SIGNED, ...BASICS.slice(0, 3)], 'hidden_characters')
        ?.substitutions,
    ).toEqual(['Subject']);
  });

  it('reports lookalike and punycode sender domains', () => {
    const lines = (from: string) => [
      `From: Support <support@${from}>`,
      'Date: Tue, 2 Jan 2024 10:11:00 +0100',
      'Message-ID: <x@y>',
      ENTRY,
      SIGNED,
    ];
    expect(find(lines('paypa1.com'), 'lookalike_brand')).toMatchObject({
      severity: 'error',
      substitutions: ['paypa1.com', 'paypal'],
    });
    expect(codes(lines('xn--pple-43d.com'))).toEqual(['lookalike_mixed_scripts', 'lookalike_brand', 'punycode_domain']);
    expect(find(lines('xn--80ak6aa92e.com'), 'lookalike_confusable')).toMatchObject({
      severity: 'warning',
      substitutions: ['аррӏе.com', 'apple'],
    });
    expect(find(lines('xn--mnchen-3ya.de'), 'punycode_domain')).toMatchObject({
      severity: 'info',
      substitutions: ['münchen.de', 'xn--mnchen-3ya.de'],
    });
  });

  it('reports missing Message-ID and Date', () => {
    expect(codes(['From: Alice <alice@example.org>', ENTRY, SIGNED])).toEqual(['missing_message_id', 'missing_date']);
  });

  it('reports a slow hop, clock skew, and dates in the future', () => {
    const lines = [
      'Received: by mx3.example.net; Tue, 2 Jan 2024 14:00:00 +0100',
      'Received: by mx2.example.net; Tue, 2 Jan 2024 11:59:00 +0100',
      'Received: by mx1.example.net; Tue, 2 Jan 2024 12:00:00 +0100',
      'Received: by a.example.org; Tue, 2 Jan 2024 10:30:00 +0100',
      SIGNED,
      'From: Alice <alice@example.org>',
      'Date: Tue, 2 Jan 2024 13:30:00 +0100',
      'Message-ID: <t@example.org>',
    ];
    const found = warnings(lines);
    expect(found.filter((warning) => warning.code === 'hop_delay')).toEqual([
      { code: 'hop_delay', key: 'hdr_warning_hop_delay', severity: 'info', substitutions: ['2', '1 h 30 min'] },
      { code: 'hop_delay', key: 'hdr_warning_hop_delay', severity: 'info', substitutions: ['4', '2 h 01 min'] },
    ]);
    expect(found.find((warning) => warning.code === 'clock_skew')?.substitutions).toEqual(['3', '1 min']);
    // NOW is 12:00 UTC = 13:00 +0100: the Date (13:30) and hop 4 (14:00) are more than 15 minutes ahead.
    expect(found.find((warning) => warning.code === 'date_in_future')?.substitutions).toEqual([
      'Tue, 2 Jan 2024 13:30:00 +0100',
    ]);
    expect(found.find((warning) => warning.code === 'hop_in_future')?.substitutions).toEqual([
      '4',
      'Tue, 2 Jan 2024 14:00:00 +0100',
    ]);
  });

  it('tolerates up to 15 minutes of clock drift', () => {
    const lines = [ENTRY, SIGNED, 'From: a@example.org', 'Date: Tue, 2 Jan 2024 13:14:00 +0100', 'Message-ID: <x@y>'];
    expect(codes(lines)).not.toContain('date_in_future');
  });

  it('reports unsigned mail', () => {
    expect(find([ENTRY, ...BASICS], 'unsigned')).toMatchObject({ severity: 'warning', substitutions: [] });
  });

  it('sorts errors first, then warnings, then information', () => {
    const lines = ['Return-Path: <b@esp.example>', 'From: "boss@example.org" <x@evil.example>', ENTRY];
    const severities = warnings(lines).map((warning) => warning.severity);
    expect(severities).toEqual(
      [...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)),
    );
    expect(severities[0]).toBe('error');
    expect(severities.at(-1)).toBe('info');
  });
});
