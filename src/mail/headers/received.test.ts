import { describe, expect, it } from 'vitest';
import { unfoldValue } from '../header-block';
import { analyseHeaders } from './analyse';
import { parseReceived } from './received';

/** Received values are parsed unfolded, as the analyser does. */
const received = (value: string) => parseReceived(unfoldValue(value));
const at = (iso: string) => Date.parse(iso);

describe('parseReceived: server forms', () => {
  it('Postfix with nested TLS comments and a zone comment', () => {
    const hop = received(`from mail.example.org (mail.example.org [192.0.2.1])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)
\t(No client certificate requested)
\tby mx.example.net (Postfix) with ESMTPS id 4T3Xyz0Abc
\tfor <bob@example.net>; Tue,  2 Jan 2024 10:11:12 +0100 (CET)`);
    expect(hop).toMatchObject({
      from: 'mail.example.org (mail.example.org [192.0.2.1])',
      fromHost: 'mail.example.org',
      fromIp: '192.0.2.1',
      by: 'mx.example.net (Postfix)',
      byHost: 'mx.example.net',
      with: 'ESMTPS',
      id: '4T3Xyz0Abc',
      for: '<bob@example.net>',
      via: null,
    });
    expect(hop.date).toEqual({
      text: 'Tue, 2 Jan 2024 10:11:12 +0100 (CET)',
      epochMs: at('2024-01-02T09:11:12Z'),
      offsetMinutes: 60,
    });
  });

  it('Postfix local pickup, where "from userid" sits inside a comment', () => {
    const hop = received(
      'by mail.example.org (Postfix, from userid 1001)\n\tid 9F1E2D3C4B; Tue,  2 Jan 2024 10:11:12 +0100 (CET)',
    );
    expect(hop).toMatchObject({
      from: null,
      by: 'mail.example.org (Postfix, from userid 1001)',
      byHost: 'mail.example.org',
      id: '9F1E2D3C4B',
    });
    expect(hop.date?.epochMs).toBe(at('2024-01-02T09:11:12Z'));
  });

  it('Exim with helo= comment, TLS words, envelope-from and an unbracketed for', () => {
    const hop = received(`from [198.51.100.7] (helo=smtp.example.org)
\tby mx.example.net with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384
\t(Exim 4.96)
\t(envelope-from <alice@example.org>)
\tid 1rKb2C-000Abc-Xy
\tfor bob@example.net;
\tTue, 02 Jan 2024 10:11:12 +0100`);
    expect(hop).toMatchObject({
      from: '[198.51.100.7] (helo=smtp.example.org)',
      fromHost: '198.51.100.7',
      fromIp: '198.51.100.7',
      byHost: 'mx.example.net',
      with: 'esmtps tls TLS_AES_256_GCM_SHA384',
      id: '1rKb2C-000Abc-Xy',
      for: 'bob@example.net',
    });
    expect(hop.date?.epochMs).toBe(at('2024-01-02T09:11:12Z'));
  });

  it('Exim with (envelope-from …) after the date', () => {
    const hop = received(
      'from relay.example.org ([203.0.113.9]) by mx.example.net with esmtp (Exim 4.94) id 1rKb2C-0003; Tue, 02 Jan 2024 10:11:12 +0000 (envelope-from <list-bounces@example.org>)',
    );
    expect(hop).toMatchObject({ fromIp: '203.0.113.9', byHost: 'mx.example.net', id: '1rKb2C-0003' });
    expect(hop.date).toEqual({
      text: 'Tue, 02 Jan 2024 10:11:12 +0000',
      epochMs: at('2024-01-02T10:11:12Z'),
      offsetMinutes: 0,
    });
  });

  it('qmail: only a comment, and the HELO/IP form', () => {
    const local = received('(qmail 10876 invoked from network); 24 Aug 2023 16:13:38 -0000');
    expect(local).toMatchObject({
      from: null,
      fromHost: null,
      by: null,
      byHost: null,
      localHandover: 'qmail 10876 invoked from network',
    });
    expect(local.date?.epochMs).toBe(at('2023-08-24T16:13:38Z'));
    const network = received(
      'from unknown (HELO mail.example.org) (198.51.100.23)\n  by mx.example.net with SMTP; 24 Aug 2023 16:13:38 -0000',
    );
    expect(network).toMatchObject({
      fromHost: 'unknown',
      fromIp: '198.51.100.23',
      byHost: 'mx.example.net',
      with: 'SMTP',
    });
  });

  it('Exchange Online with IPv6 in comments, a multi-word with and via', () => {
    const hop = received(`from DB8PR09CA0123.eurprd09.prod.outlook.com (2603:10a6:10:1da::6) by
 AM9PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:11::14) with Microsoft SMTP
 Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id
 15.20.7452.28 via Frontend Transport; Tue, 2 Jan 2024 09:15:29 +0000`);
    expect(hop).toMatchObject({
      fromHost: 'DB8PR09CA0123.eurprd09.prod.outlook.com',
      fromIp: '2603:10a6:10:1da::6',
      byHost: 'AM9PR02MB1234.eurprd02.prod.outlook.com',
      with: 'Microsoft SMTP Server',
      id: '15.20.7452.28',
      via: 'Frontend Transport',
    });
    expect(hop.date?.epochMs).toBe(at('2024-01-02T09:15:29Z'));
  });

  it('Gmail internal hop (IPv6 as by) and MX hop with a comment after for', () => {
    const internal = received(
      'by 2002:a05:6a10:1b4c:b0:4e1:2b3c:d5e6 with SMTP id z12csp123456pxa;\n        Tue, 2 Jan 2024 01:02:03 -0800 (PST)',
    );
    expect(internal).toMatchObject({
      byHost: '2002:a05:6a10:1b4c:b0:4e1:2b3c:d5e6',
      with: 'SMTP',
      id: 'z12csp123456pxa',
    });
    expect(internal.date?.epochMs).toBe(at('2024-01-02T09:02:03Z'));
    const mx = received(`from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])
        by mx.google.com with SMTPS id a1sor1234567ejb.12.2024.01.02.01.02.03
        for <bob@example.net>
        (Google Transport Security);
        Tue, 02 Jan 2024 01:02:03 -0800 (PST)`);
    expect(mx).toMatchObject({
      fromIp: '209.85.220.41',
      byHost: 'mx.google.com',
      with: 'SMTPS',
      for: '<bob@example.net>',
    });
  });

  it('sendmail with version comment and TLS parameters', () => {
    const hop = received(`from mail.example.org (mail.example.org [192.0.2.44])
\tby mx.example.net (8.17.1/8.17.1) with ESMTPS id 402A1b2C012345
\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
\tfor <bob@example.net>; Tue, 2 Jan 2024 10:11:12 +0100`);
    expect(hop).toMatchObject({
      by: 'mx.example.net (8.17.1/8.17.1)',
      with: 'ESMTPS',
      id: '402A1b2C012345',
      for: '<bob@example.net>',
    });
  });

  it('no ";" before the date, nanoseconds and Go\'s m=+… tail (SendGrid style)', () => {
    const hop = received(
      'by filter0123p1las1.sendgrid.net with SMTP id filter0123p1las1-12345-65941234-5\n        2024-01-02 10:11:12.345678901 +0000 UTC m=+0.123456789',
    );
    expect(hop).toMatchObject({ byHost: 'filter0123p1las1.sendgrid.net', id: 'filter0123p1las1-12345-65941234-5' });
    expect(hop.date?.epochMs).toBe(at('2024-01-02T10:11:12.345Z'));
  });

  it('no ";" and an RFC 5322 date with a weekday', () => {
    const hop = received('from a.example.org by b.example.net with SMTP id 77 Tue, 2 Jan 2024 10:11:12 +0100');
    expect(hop).toMatchObject({ fromHost: 'a.example.org', byHost: 'b.example.net', id: '77' });
    expect(hop.date?.epochMs).toBe(at('2024-01-02T09:11:12Z'));
  });

  it('IPv6 address literals', () => {
    const hop = received(
      'from [IPv6:2001:db8::1] (unknown [IPv6:2001:db8::1])\n\tby mail.example.org (Postfix) with ESMTPSA id 5C0FFEE\n\tfor <x@example.org>; Tue, 2 Jan 2024 10:11:12 +0100 (CET)',
    );
    expect(hop).toMatchObject({ fromHost: '2001:db8::1', fromIp: '2001:db8::1', with: 'ESMTPSA' });
  });

  it('repeated keywords add up instead of overwriting', () => {
    const hop = received(
      'from a.example by b.example with ESMTP with TLS id one id two; Tue, 2 Jan 2024 10:11:12 +0000',
    );
    expect(hop).toMatchObject({ with: 'ESMTP TLS', id: 'one two' });
  });

  it('full weekday, no zone and named zones in the date', () => {
    expect(received('by x.example; Tuesday, 02 January 2024 10:11:12 +0100').date?.epochMs).toBe(
      at('2024-01-02T09:11:12Z'),
    );
    expect(received('by x.example; Tue, 2 Jan 2024 10:11:12').date).toMatchObject({
      epochMs: at('2024-01-02T10:11:12Z'),
      offsetMinutes: null,
    });
    expect(received('by x.example; Tue, 2 Jan 2024 10:11:12 EST').date?.epochMs).toBe(at('2024-01-02T15:11:12Z'));
    expect(received('by x.example; Tue, 2 Jan 2024 10:11:12 CEST').date?.epochMs).toBe(at('2024-01-02T08:11:12Z'));
    expect(received('by x.example; Tue, 2 Jan 2024 10:11:12.75 UT').date?.epochMs).toBe(at('2024-01-02T10:11:12.750Z'));
  });

  it('a line without structure keeps no fields and no date, but the analyser keeps it raw', () => {
    const hop = received('this is not a trace line at all');
    expect(hop).toMatchObject({ from: null, by: null, date: null });
    const report = analyseHeaders('Received: this is not a trace line at all\r\nSubject: x\r\n\r\n');
    expect(report.hops.hops[0]).toMatchObject({ raw: 'this is not a trace line at all', date: null });
  });

  it('an unreadable date stays visible as text with no time', () => {
    expect(received('from a by b; sometime last week').date).toEqual({
      text: 'sometime last week',
      epochMs: null,
      offsetMinutes: null,
    });
  });
});

describe('hop trace', () => {
  const header = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

  it('lists hops oldest first with delays and a total', () => {
    const report = analyseHeaders(
      header([
        'Received: from b.example by c.example; Tue, 2 Jan 2024 10:00:30 +0000',
        'Received: from a.example by b.example; Tue, 2 Jan 2024 11:00:10 +0100',
        'Received: by a.example; Tue, 2 Jan 2024 10:00:00 +0000',
        'Subject: x',
      ]),
    );
    expect(report.hops.hops.map((hop) => [hop.number, hop.byHost, hop.delaySeconds])).toEqual([
      [1, 'a.example', null],
      [2, 'b.example', 10],
      [3, 'c.example', 20],
    ]);
    expect(report.hops.totalSeconds).toBe(30);
  });

  it('keeps a negative delay, flags it as clock skew, and skips undated hops when measuring', () => {
    const report = analyseHeaders(
      header([
        'Received: by d.example; Tue, 2 Jan 2024 10:00:05 +0000',
        'Received: by c.example; no date here',
        'Received: by b.example; Tue, 2 Jan 2024 09:59:00 +0000',
        'Received: by a.example; Tue, 2 Jan 2024 10:00:00 +0000',
        'Subject: x',
      ]),
    );
    const hops = report.hops.hops;
    expect(hops.map((hop) => hop.delaySeconds)).toEqual([null, -60, null, 65]);
    expect(hops.map((hop) => hop.clockSkew)).toEqual([false, true, false, false]);
    expect(report.hops.totalSeconds).toBe(5);
  });

  it("counts a step from the receiving side's own network as inside, even when its name was not looked up", () => {
    const lines = [
      'Received: from relay-0.mail.example.net (unknown [IPv6:2001:db8:7:10::a6b])',
      '\tby relay-3.mail.example.net (Postfix) with ESMTPS id 4f4N986l7Yz8n0;',
      '\tTue,  2 Jan 2024 11:27:40 +0100 (CET)',
      'Received: from unknown by relay-0.mail.example.net (Postfix) with ESMTPA id 4f4N98059bz5sw;',
      '\tTue,  2 Jan 2024 11:27:39 +0100 (CET)',
      'Subject: x',
    ];
    const receivingHostPatterns = [/\.example\.net$/];
    const entryOf = (networks: string[]) =>
      analyseHeaders(header(lines), { receivingHostPatterns, receivingNetworks: networks }).hops.hops.find(
        (hop) => hop.entry,
      )?.byHost;
    // The HELO name alone proves nothing; the address does.
    expect(entryOf([])).toBe('relay-3.mail.example.net');
    expect(entryOf(['2001:db8::/32'])).toBe('relay-0.mail.example.net');
    expect(entryOf(['2001:db9::/32'])).toBe('relay-3.mail.example.net');
  });

  it('has no total with fewer than two dated hops', () => {
    const report = analyseHeaders(header(['Received: by a.example; Tue, 2 Jan 2024 10:00:00 +0000', 'Subject: x']));
    expect(report.hops.totalSeconds).toBeNull();
  });
});
