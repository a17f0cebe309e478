import { describe, expect, it } from 'vitest';
import { analyseHeaders } from './analyse';
import { authservIdMatches } from './authentication';
import type { HeaderAnalysisOptions } from './types';

/** A receiving side "mx.example.net" with an internal filter hop, as in most provider setups. */
const options: HeaderAnalysisOptions = {
  trustedAuthservIds: ['mx.example.net'],
  receivingHostPatterns: [/\.example\.net$/i],
  now: new Date('2024-01-03T00:00:00Z'),
};

const ENTRY = [
  'Received: from mail.example.org (mail.example.org [192.0.2.1])',
  '\tby mx1.example.net (Postfix) with ESMTPS id 4T3Xyz0Abc',
  '\tfor <bob@example.net>; Tue,  2 Jan 2024 10:11:12 +0100 (CET)',
];
const INTERNAL = [
  'Received: from localhost (localhost [127.0.0.1])',
  '\tby mx1.example.net (Postfix) with ESMTP id 5U4Yza1Bcd',
  '\tfor <bob@example.net>; Tue,  2 Jan 2024 10:11:13 +0100 (CET)',
];
const SENDER_HOP = [
  'Received: by mail.example.org (Postfix, from userid 1000) id 0A1B2C; Tue,  2 Jan 2024 10:11:10 +0100 (CET)',
];
const SENDER_HEADERS = [
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s2024; t=1704186670;',
  '\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;',
  '\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==',
  'From: Alice <alice@example.org>',
  'To: bob@example.net',
  'Subject: Quarterly figures',
  'Date: Tue, 2 Jan 2024 10:11:09 +0100',
  'Message-ID: <q4@example.org>',
];
const SENDER_SIDE = [...SENDER_HOP, ...SENDER_HEADERS];

function message(...blocks: string[][]): string {
  return `${blocks.flat().join('\r\n')}\r\n\r\nBody\r\n`;
}

const PASSING_RESULTS = [
  'Authentication-Results: mx.example.net;',
  '\tspf=pass smtp.mailfrom=alice@example.org;',
  '\tdkim=pass header.d=example.org header.s=s2024;',
  '\tdmarc=pass header.from=example.org',
];

describe('trusting Authentication-Results', () => {
  it('trusts results from a trusted authserv-id above the entry hop', () => {
    const report = analyseHeaders(message(INTERNAL, PASSING_RESULTS, ENTRY, SENDER_SIDE), options);
    const { verdicts, resultsHeaders } = report.authentication;
    expect(resultsHeaders[0]).toMatchObject({ authservId: 'mx.example.net', trusted: true, ignoredBecause: null });
    expect(verdicts.spf).toEqual({
      result: 'pass',
      reason: { key: 'hdr_reason_spf_pass', substitutions: ['example.org', 'mx.example.net'] },
      source: 'authentication-results',
    });
    expect(verdicts.dkim.result).toBe('pass');
    expect(verdicts.dmarc).toMatchObject({
      result: 'pass',
      reason: { key: 'hdr_reason_dmarc_pass', substitutions: ['example.org', 'mx.example.net'] },
    });
    expect(report.hops.hops.find((hop) => hop.entry)?.headerIndex).toBe(
      report.raw.fields.findIndex((field) => field.unfolded.startsWith('from mail.example.org')),
    );
  });

  it("ignores a forged header below the sender's own Received line and warns about it", () => {
    const forged = [
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=ceo@example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org',
    ];
    const report = analyseHeaders(message(INTERNAL, ENTRY, SENDER_HOP, forged, SENDER_HEADERS), options);
    const header = report.authentication.resultsHeaders[0];
    expect(header).toMatchObject({
      trusted: false,
      ignoredBecause: { key: 'hdr_ar_ignored_below_entry', substitutions: ['mx.example.net'] },
    });
    expect(report.authentication.verdicts.dmarc.result).toBe('none');
    expect(report.authentication.verdicts.dkim).toMatchObject({
      result: 'neutral',
      reason: { key: 'hdr_reason_dkim_unverified', substitutions: ['example.org'] },
    });
    expect(report.warnings.map((warning) => warning.code)).toContain('forged_auth_results');
  });

  it('cannot be fooled by forged Received lines naming the receiving side further down', () => {
    const forgedHop = [
      'Received: from evil.example (evil.example [203.0.113.66]) by mx9.example.net with ESMTP id FAKE; Tue, 2 Jan 2024 10:11:11 +0100',
    ];
    const forgedResults = ['Authentication-Results: mx.example.net; dmarc=pass header.from=example.org'];
    const report = analyseHeaders(message(INTERNAL, ENTRY, forgedHop, forgedResults, SENDER_SIDE), options);
    expect(report.authentication.resultsHeaders[0]?.trusted).toBe(false);
    expect(report.hops.hops.filter((hop) => hop.entry).map((hop) => hop.byHost)).toEqual(['mx1.example.net']);
  });

  it('ignores untrusted authserv-ids, missing ids, and everything when the entry is unknown', () => {
    const foreign = ['Authentication-Results: mx.other.example; spf=fail smtp.mailfrom=alice@example.org'];
    const anonymous = ['Authentication-Results: spf=pass smtp.mailfrom=alice@example.org'];
    const report = analyseHeaders(message(foreign, anonymous, INTERNAL, ENTRY, SENDER_SIDE), options);
    expect(report.authentication.resultsHeaders.map((header) => header.ignoredBecause?.key)).toEqual([
      'hdr_ar_ignored_untrusted',
      'hdr_ar_ignored_no_authserv_id',
    ]);
    const noPatterns = analyseHeaders(message(PASSING_RESULTS, ENTRY, SENDER_SIDE), {
      trustedAuthservIds: ['mx.example.net'],
    });
    expect(noPatterns.authentication.resultsHeaders[0]?.ignoredBecause?.key).toBe('hdr_ar_ignored_entry_unknown');
  });

  it('matches wildcard authserv-ids', () => {
    expect(authservIdMatches('MTA-07.Example.NET', '*.example.net')).toBe(true);
    expect(authservIdMatches('example.net', '*.example.net')).toBe(true);
    expect(authservIdMatches('evilexample.net', '*.example.net')).toBe(false);
    expect(authservIdMatches('mx.example.net', 'mx.example.net')).toBe(true);
  });
});

/**
 * Where receivers write their results. The Gmail and Postfix layouts follow real headers (public list archives; only
 * names and addresses replaced); each expected verdict is the one written in the header a person would point at.
 */
describe('which Authentication-Results were added on arrival', () => {
  // Gmail: ARC results above its Received line; Received-SPF and Authentication-Results directly below it.
  const gmail: HeaderAnalysisOptions = {
    trustedAuthservIds: ['mx.google.com'],
    receivingHostPatterns: [/(?:^|\.)google\.com$/i],
    now: new Date('2024-01-03T00:00:00Z'),
  };
  const GMAIL = [
    'Delivered-To: bob@gmail.example',
    'Received: by 2002:a05:6504:1a2b:b0:2a1:1234:5678 with SMTP id abc123;',
    '        Tue, 2 Jan 2024 01:11:14 -0800 (PST)',
    'ARC-Authentication-Results: i=1; mx.google.com;',
    '       dkim=pass header.i=@example.org header.s=s2024;',
    '       spf=pass smtp.mailfrom=alice@example.org;',
    '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org',
    'Return-Path: <alice@example.org>',
    'Received: from mail.example.org (mail.example.org. [192.0.2.1])',
    '        by mx.google.com with ESMTPS id d71si833482jab.10.2024.01.02.01.11.13',
    '        for <bob@gmail.example>',
    '        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);',
    '        Tue, 02 Jan 2024 01:11:13 -0800 (PST)',
    'Received-SPF: pass (google.com: domain of alice@example.org designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1;',
    'Authentication-Results: mx.google.com;',
    '       dkim=pass header.i=@example.org header.s=s2024 header.b=dGhpcyBp;',
    '       spf=pass (google.com: domain of alice@example.org designates 192.0.2.1 as permitted sender) smtp.mailfrom=alice@example.org;',
    '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org',
  ];

  it('Gmail: results directly below its own Received line count', () => {
    const report = analyseHeaders(message(GMAIL, SENDER_SIDE), gmail);
    const { verdicts, resultsHeaders } = report.authentication;
    expect(resultsHeaders).toHaveLength(1);
    expect(resultsHeaders[0]).toMatchObject({ authservId: 'mx.google.com', trusted: true, ignoredBecause: null });
    expect([verdicts.spf.result, verdicts.dkim.result, verdicts.dmarc.result]).toEqual(['pass', 'pass', 'pass']);
    expect(verdicts.spf.source).toBe('authentication-results');
    expect(report.hops.hops.find((hop) => hop.entry)?.byHost).toBe('mx.google.com');
    expect(report.warnings.map((warning) => warning.code)).toEqual([]);
  });

  it('results directly above the entry line count (receivers that write their Received line first)', () => {
    const report = analyseHeaders(message(INTERNAL, PASSING_RESULTS, ENTRY, SENDER_SIDE), options);
    expect(report.authentication.resultsHeaders[0]?.trusted).toBe(true);
    expect(report.authentication.verdicts.dmarc.result).toBe('pass');
  });

  // Postfix hides its own Received line from milters: their headers land under it, one method per header, while a
  // content filter that re-injects the message adds its results above. (The layout of lore.kernel.org's archive.)
  const POSTFIX = [
    'Received: from localhost.localdomain (localhost.localdomain [127.0.0.1])',
    '\tby mx1.example.net (Postfix) with ESMTP id 906F086346;',
    '\tTue,  2 Jan 2024 09:11:16 +0000 (UTC)',
    'Authentication-Results: mx.example.net;',
    '\tdkim=pass (1024-bit key) header.d=example.org header.i=@example.org header.b="dGhpcyBp"',
    'Received: from mail.example.org (mail.example.org [192.0.2.1])',
    '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))',
    '\t(No client certificate requested)',
    '\tby mx1.example.net (Postfix) with ESMTPS id D0C9E2505A3',
    '\tfor <bob@example.net>; Tue,  2 Jan 2024 09:11:12 +0000 (UTC)',
    'Authentication-Results: mx.example.net; arc=none smtp.client-ip=192.0.2.1',
    'ARC-Seal: i=1; a=rsa-sha256; d=example.net; s=arc-2024; t=1704186676; cv=none; b=YQ==',
    'Authentication-Results: mx.example.net; dmarc=pass (p=none dis=none) header.from=example.org',
    'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.org',
  ];

  it('Postfix: results directly below the entry line count, each method from its own header', () => {
    const report = analyseHeaders(message(POSTFIX, SENDER_SIDE), options);
    const { verdicts, resultsHeaders } = report.authentication;
    expect(resultsHeaders.map((header) => header.trusted)).toEqual([true, true, true, true]);
    expect(verdicts.spf).toMatchObject({
      result: 'pass',
      reason: { key: 'hdr_reason_spf_pass', substitutions: ['example.org', 'mx.example.net'] },
    });
    expect(verdicts.dkim.result).toBe('pass');
    expect(verdicts.dmarc.result).toBe('pass');
    expect(verdicts.arc.result).toBe('none');
    expect(report.hops.hops.find((hop) => hop.entry)?.fromHost).toBe('mail.example.org');
    expect(report.warnings.map((warning) => warning.code)).toEqual([]);
  });

  it("a forged header below the sender's own Received line never counts, even next to real ones", () => {
    const failing = [
      'Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=alice@example.org',
      'Authentication-Results: mx.example.net; dmarc=fail header.from=example.org',
    ];
    const forged = [
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=alice@example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org; arc=pass',
    ];
    const report = analyseHeaders(message(INTERNAL, ENTRY, failing, SENDER_HOP, forged, SENDER_HEADERS), options);
    const { verdicts, resultsHeaders } = report.authentication;
    expect(resultsHeaders.map((header) => header.trusted)).toEqual([true, true, false]);
    expect(resultsHeaders[2]?.ignoredBecause).toEqual({
      key: 'hdr_ar_ignored_below_entry',
      substitutions: ['mx.example.net'],
    });
    expect(verdicts.spf.result).toBe('fail');
    expect(verdicts.dmarc.result).toBe('fail');
    // The mechanisms only the forged header mentions are not taken from it either.
    expect(verdicts.dkim).toMatchObject({ result: 'neutral', source: 'headers-only' });
    expect(verdicts.arc).toMatchObject({ result: 'none', source: 'headers-only' });
    expect(report.warnings.map((warning) => warning.code)).toContain('forged_auth_results');
  });

  it('when several trusted headers report a method, the topmost decides it', () => {
    const above = ['Authentication-Results: mx.example.net; dmarc=fail header.from=example.org'];
    const below = [
      'Authentication-Results: mx.example.net; dmarc=pass header.from=example.org; spf=pass smtp.mailfrom=alice@example.org',
    ];
    const report = analyseHeaders(message(INTERNAL, above, ENTRY, below, SENDER_SIDE), options);
    expect(report.authentication.resultsHeaders.map((header) => header.trusted)).toEqual([true, true]);
    expect(report.authentication.verdicts.dmarc.result).toBe('fail');
    expect(report.authentication.verdicts.spf.result).toBe('pass');
  });

  it('with no Received line below the entry, headers under it count, but the topmost still decides', () => {
    // A client that talked to the receiving side directly: nothing below the entry line says where the
    // sender's part begins, so a copy the sender wrote further down cannot be told apart, only outranked.
    const results = ['Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=alice@example.org'];
    const copy = ['Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=alice@example.org'];
    const report = analyseHeaders(message(INTERNAL, ENTRY, results, copy, SENDER_HEADERS), options);
    expect(report.authentication.resultsHeaders.map((header) => header.trusted)).toEqual([true, true]);
    expect(report.authentication.verdicts.spf.result).toBe('fail');
  });
});

describe('verdicts', () => {
  it('maps every SPF result to its own reason', () => {
    for (const [written, result] of [
      ['pass', 'pass'],
      ['fail', 'fail'],
      ['hardfail', 'fail'],
      ['softfail', 'softfail'],
      ['neutral', 'neutral'],
      ['none', 'none'],
      ['temperror', 'temperror'],
      ['permerror', 'permerror'],
    ] as const) {
      const results = [`Authentication-Results: mx.example.net; spf=${written} smtp.mailfrom=alice@example.org`];
      const report = analyseHeaders(message(INTERNAL, results, ENTRY, SENDER_SIDE), options);
      expect(report.authentication.verdicts.spf).toMatchObject({ result, reason: { key: `hdr_reason_spf_${result}` } });
    }
  });

  it('reports results it has no sentence for as reported, counted as neutral', () => {
    const results = [
      'Authentication-Results: mx.example.net; dkim=policy header.d=example.org; dmarc=bestguesspass header.from=example.org',
    ];
    const report = analyseHeaders(message(INTERNAL, results, ENTRY, SENDER_SIDE), options);
    expect(report.authentication.verdicts.dkim).toMatchObject({
      result: 'neutral',
      reason: { key: 'hdr_reason_other_result', substitutions: ['policy', 'mx.example.net'] },
    });
    expect(report.authentication.verdicts.dmarc.reason.substitutions).toEqual(['bestguesspass', 'mx.example.net']);
  });

  it('picks the aligned passing signature among several DKIM results', () => {
    const results = [
      'Authentication-Results: mx.example.net; dkim=fail header.d=esp.example; dkim=pass header.d=esp.example; dkim=pass header.d=example.org',
    ];
    const report = analyseHeaders(message(INTERNAL, results, ENTRY, SENDER_SIDE), options);
    expect(report.authentication.verdicts.dkim).toMatchObject({
      result: 'pass',
      reason: { substitutions: ['example.org', 'mx.example.net'] },
    });
  });

  it('falls back to Received-SPF, DKIM-Signature and ARC headers without a trusted result', () => {
    const receivedSpf = [
      'Received-SPF: Softfail (mx1.example.net: domain of transitioning alice@example.org does not designate 192.0.2.1 as permitted sender) client-ip=192.0.2.1;',
    ];
    const report = analyseHeaders(message(INTERNAL, receivedSpf, ENTRY, SENDER_SIDE), options);
    const { verdicts } = report.authentication;
    expect(verdicts.spf).toMatchObject({
      result: 'softfail',
      source: 'received-spf',
      reason: { key: 'hdr_reason_spf_received_spf' },
    });
    expect(verdicts.dkim).toMatchObject({
      result: 'neutral',
      source: 'headers-only',
      reason: { key: 'hdr_reason_dkim_unverified' },
    });
    expect(verdicts.dmarc).toMatchObject({ result: 'none', reason: { key: 'hdr_reason_dmarc_not_checked' } });
    expect(verdicts.arc).toMatchObject({ result: 'none', reason: { key: 'hdr_reason_arc_absent' } });
  });

  it('does not use a Received-SPF the sender wrote below its own Received line', () => {
    const forgedSpf = [
      'Received-SPF: pass (mx1.example.net: domain of alice@example.org designates 192.0.2.1 as permitted sender)',
    ];
    const report = analyseHeaders(message(INTERNAL, ENTRY, SENDER_HOP, forgedSpf, SENDER_HEADERS), options);
    expect(report.authentication.verdicts.spf).toMatchObject({
      result: 'none',
      reason: { key: 'hdr_reason_spf_not_checked' },
    });
  });

  it('says "none" for unsigned mail', () => {
    const unsigned = SENDER_SIDE.filter((line) => !/^(DKIM-Signature|\t[hb]=)/.test(line));
    const report = analyseHeaders(message(INTERNAL, ENTRY, unsigned), options);
    expect(report.authentication.verdicts.dkim).toMatchObject({
      result: 'none',
      reason: { key: 'hdr_reason_dkim_unsigned' },
    });
    expect(report.authentication.dkimSignatures).toEqual([]);
  });
});

describe('signatures, ARC and Received-SPF details', () => {
  it('lists DKIM-Signature tags', () => {
    const report = analyseHeaders(message(INTERNAL, ENTRY, SENDER_SIDE), options);
    expect(report.authentication.dkimSignatures).toEqual([
      {
        headerIndex: 3,
        version: '1',
        algorithm: 'rsa-sha256',
        domain: 'example.org',
        selector: 's2024',
        timestamp: 1704186670,
        expiry: null,
        signedHeaders: ['from', 'to', 'subject', 'date', 'message-id'],
        bodyHashPresent: true,
        signaturePresent: true,
      },
    ]);
  });

  it('builds the ARC chain per instance and reads a trusted arc result', () => {
    const arc = [
      'ARC-Seal: i=2; a=rsa-sha256; t=1704186672; cv=pass; d=lists.example.com; s=arc1; b=c2lnbmF0dXJlMg==',
      'ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.com; s=arc1; h=from:to; bh=YQ==; b=Yg==',
      'ARC-Authentication-Results: i=2; lists.example.com; dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org',
      'ARC-Seal: i=1; a=rsa-sha256; t=1704186671; cv=none; d=relay.example; s=sel; b=c2lnbmF0dXJlMQ==',
      'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=relay.example; s=sel; h=from; bh=YQ==; b=Yg==',
      'ARC-Authentication-Results: i=1; relay.example; spf=pass smtp.mailfrom=example.org',
    ];
    const results = ['Authentication-Results: mx.example.net; arc=pass (i=2 spf=pass dkim=pass)'];
    const report = analyseHeaders(message(INTERNAL, results, ENTRY, arc, SENDER_SIDE), options);
    const chain = report.authentication.arc;
    expect(chain.complete).toBe(true);
    expect(
      chain.instances.map((instance) => [
        instance.instance,
        instance.seal?.domain,
        instance.seal?.chainValidation,
        instance.authenticationResults?.authservId,
      ]),
    ).toEqual([
      [1, 'relay.example', 'none', 'relay.example'],
      [2, 'lists.example.com', 'pass', 'lists.example.com'],
    ]);
    expect(chain.instances[1]?.authenticationResults?.results.map((result) => result.method)).toEqual(['dkim', 'spf']);
    expect(report.authentication.verdicts.arc).toMatchObject({
      result: 'pass',
      reason: { key: 'hdr_reason_arc_pass', substitutions: ['relay.example, lists.example.com', 'mx.example.net'] },
    });

    const untrusted = analyseHeaders(message(INTERNAL, ENTRY, arc, SENDER_SIDE), options);
    expect(untrusted.authentication.verdicts.arc).toMatchObject({
      result: 'neutral',
      reason: { key: 'hdr_reason_arc_unverified' },
    });
  });

  it('calls a chain with a gap incomplete', () => {
    const arc = ['ARC-Seal: i=2; cv=pass; d=b.example; s=x; b=YQ==', 'ARC-Seal: i=i; cv=none; d=a.example'];
    const report = analyseHeaders(message(arc, SENDER_SIDE), options);
    expect(report.authentication.arc).toMatchObject({ complete: false, instances: [{ instance: 2 }] });
  });

  it('reads Received-SPF key=value pairs and the sender from the comment', () => {
    const receivedSpf = [
      'Received-SPF: pass (mx1.example.net: domain of alice@example.org designates 192.0.2.1 as permitted sender) receiver=mx1.example.net; client-ip=192.0.2.1; envelope-from="alice@example.org"; helo=mail.example.org;',
      'Received-SPF: None (protection.outlook.com: example.org does not designate permitted sender hosts)',
      'Received-SPF: neutral (google.com: domain of transitioning bounce@example.org neither permitted nor denied) client-ip=198.51.100.4;',
    ];
    const report = analyseHeaders(message(receivedSpf, SENDER_SIDE), options);
    expect(
      report.authentication.receivedSpf.map(({ result, clientIp, envelopeFrom, helo, receiver }) => ({
        result,
        clientIp,
        envelopeFrom,
        helo,
        receiver,
      })),
    ).toEqual([
      {
        result: 'pass',
        clientIp: '192.0.2.1',
        envelopeFrom: 'alice@example.org',
        helo: 'mail.example.org',
        receiver: 'mx1.example.net',
      },
      { result: 'none', clientIp: null, envelopeFrom: null, helo: null, receiver: null },
      { result: 'neutral', clientIp: '198.51.100.4', envelopeFrom: 'bounce@example.org', helo: null, receiver: null },
    ]);
  });
});

describe('alignment', () => {
  const withFrom = (from: string, returnPath: string, dkimDomain: string) =>
    message([`Return-Path: <${returnPath}>`], INTERNAL, ENTRY, [
      `DKIM-Signature: v=1; a=rsa-sha256; d=${dkimDomain}; s=x; h=from; bh=YQ==; b=Yg==`,
      `From: ${from}`,
      'Subject: x',
      'Date: Tue, 2 Jan 2024 10:11:09 +0100',
      'Message-ID: <a@b>',
    ]);

  it('is strict for the same domain, relaxed for the same organisation, none otherwise', () => {
    const report = analyseHeaders(
      withFrom('news@shop.example.co.uk', 'bounce@mail.example.co.uk', 'example.co.uk'),
      options,
    );
    expect(report.authentication.alignment).toEqual({
      fromDomain: 'shop.example.co.uk',
      spf: { domain: 'mail.example.co.uk', alignment: 'relaxed' },
      dkim: [{ domain: 'example.co.uk', alignment: 'relaxed' }],
    });
    const strict = analyseHeaders(withFrom('a@example.ch', 'b@example.ch', 'example.ch'), options);
    expect(strict.authentication.alignment.spf?.alignment).toBe('strict');
    const unrelated = analyseHeaders(withFrom('a@example.co.uk', 'b@other.co.uk', 'esp.example'), options);
    expect(unrelated.authentication.alignment.spf?.alignment).toBe('none');
    expect(unrelated.authentication.alignment.dkim[0]?.alignment).toBe('none');
  });

  it('prefers the trusted smtp.mailfrom and header.d over the raw headers', () => {
    const results = [
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=esp.example; dkim=pass header.d=esp.example',
    ];
    const report = analyseHeaders(
      message(INTERNAL, results, ENTRY, ['Return-Path: <x@example.org>', 'From: a@example.org']),
      options,
    );
    expect(report.authentication.alignment.spf).toEqual({ domain: 'esp.example', alignment: 'none' });
    expect(report.authentication.alignment.dkim).toEqual([{ domain: 'esp.example', alignment: 'none' }]);
  });
});
