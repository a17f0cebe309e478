import { describe, expect, it } from 'vitest';
import { analyseHeaders } from './analyse';
import { parseAddressList } from './addresses';

const analyse = (...lines: string[]) =>
  analyseHeaders(`${lines.join('\r\n')}\r\n\r\n`, { now: new Date('2024-01-03T00:00:00Z') });

describe('parseAddressList', () => {
  it('reads names, quoted names, bare addresses and obsolete comment names', () => {
    expect(
      parseAddressList(
        '"Müller, Hans" <hans@example.ch>, bob@example.net, carol@example.org (Carol C.), Dan <dan@example.org>',
      ),
    ).toEqual([
      { name: 'Müller, Hans', address: 'hans@example.ch' },
      { name: '', address: 'bob@example.net' },
      { name: 'Carol C.', address: 'carol@example.org' },
      { name: 'Dan', address: 'dan@example.org' },
    ]);
  });

  it('decodes encoded words in names, also inside quotes, but never in the address', () => {
    expect(
      parseAddressList('=?utf-8?q?J=C3=BCrg?= <juerg@example.ch>, "=?iso-8859-1?q?Ren=E9?=" <rene@example.fr>'),
    ).toEqual([
      { name: 'Jürg', address: 'juerg@example.ch' },
      { name: 'René', address: 'rene@example.fr' },
    ]);
    expect(parseAddressList('=?utf-8?b?cG90dXNAZXhhbXBsZS5nb3Y=?=@attacker.example')).toEqual([
      { name: '', address: '=?utf-8?b?cG90dXNAZXhhbXBsZS5nb3Y=?=@attacker.example' },
    ]);
  });

  it('handles groups, empty groups, source routes and stray separators', () => {
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList('Team: a@example.org, b@example.org;, c@example.org')).toEqual([
      { name: '', address: 'a@example.org' },
      { name: '', address: 'b@example.org' },
      { name: '', address: 'c@example.org' },
    ]);
    expect(parseAddressList('<@relay.example:user@example.org>')).toEqual([{ name: '', address: 'user@example.org' }]);
    expect(parseAddressList(' , ,')).toEqual([]);
  });

  it('does not split on a comma inside a comment or quoted name', () => {
    expect(parseAddressList('"Doe, Jane (HR)" <jane@example.org> (work, main)')).toEqual([
      { name: 'Doe, Jane (HR)', address: 'jane@example.org' },
    ]);
  });
});

describe('summary', () => {
  it('collects the reader-facing headers', () => {
    const report = analyse(
      'Return-Path: <bounce+123@mailer.example.org>',
      'From: "Shop" <news@shop.example>',
      'Sender: mailer@mailer.example.org',
      'Reply-To: service@shop.example',
      'To: a@example.net, "B" <b@example.net>',
      'Cc: c@example.net',
      'Subject: =?utf-8?q?Ihre_Bestellung_=E2=9C=93?=',
      'Date: Tue, 2 Jan 2024 10:11:12 +0100',
      'Message-ID: <order-42@shop.example>',
      'In-Reply-To: <question-7@example.net>',
      'User-Agent: Mozilla Thunderbird',
      'Disposition-Notification-To: news@shop.example',
      'List-Unsubscribe: <mailto:unsub@shop.example?subject=stop>,\r\n <https://shop.example/unsubscribe?u=42>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(report.summary).toEqual({
      from: [{ name: 'Shop', address: 'news@shop.example' }],
      sender: { name: '', address: 'mailer@mailer.example.org' },
      replyTo: [{ name: '', address: 'service@shop.example' }],
      returnPath: 'bounce+123@mailer.example.org',
      to: [
        { name: '', address: 'a@example.net' },
        { name: 'B', address: 'b@example.net' },
      ],
      cc: [{ name: '', address: 'c@example.net' }],
      subject: 'Ihre Bestellung ✓',
      date: { text: 'Tue, 2 Jan 2024 10:11:12 +0100', epochMs: Date.parse('2024-01-02T09:11:12Z'), offsetMinutes: 60 },
      messageId: '<order-42@shop.example>',
      inReplyTo: '<question-7@example.net>',
      mailer: 'Mozilla Thunderbird',
      priority: null,
      readReceiptTo: [{ name: '', address: 'news@shop.example' }],
      listUnsubscribe: {
        uris: ['mailto:unsub@shop.example?subject=stop', 'https://shop.example/unsubscribe?u=42'],
        oneClick: true,
      },
    });
  });

  it('is not one-click without an https URI', () => {
    const report = analyse(
      'From: a@example.org',
      'List-Unsubscribe: <mailto:u@example.org>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(report.summary.listUnsubscribe).toEqual({ uris: ['mailto:u@example.org'], oneClick: false });
  });

  it('reads the null sender of bounces as an empty Return-Path', () => {
    expect(analyse('Return-Path: <>', 'From: MAILER-DAEMON@example.org').summary.returnPath).toBe('');
  });

  it.each([
    ['X-Priority: 1 (Highest)', 'high'],
    ['X-Priority: 2', 'high'],
    ['X-Priority: 3 (Normal)', 'normal'],
    ['X-Priority: 5 (Lowest)', 'low'],
    ['Importance: High', 'high'],
    ['Importance: low', 'low'],
    ['Priority: urgent', 'high'],
    ['Priority: non-urgent', 'low'],
    ['X-MSMail-Priority: Normal', 'normal'],
    ['X-Other: 1', null],
  ])('%s → %s', (line, priority) => {
    expect(analyse('From: a@example.org', line).summary.priority).toBe(priority);
  });

  it('decodes subjects in any charset the platform knows and leaves broken words as written', () => {
    const jis = Buffer.from([0x1b, 0x24, 0x42, 0x32, 0x71, 0x35, 0x44, 0x1b, 0x28, 0x42]).toString('base64');
    expect(analyse(`Subject: =?ISO-2022-JP?B?${jis}?=`).summary.subject).toBe('会議');
    expect(analyse('Subject: =?windows-1252?q?=80_50?=').summary.subject).toBe('€ 50');
    expect(analyse('Subject: =?utf-8?q?broken=?=').summary.subject).toBe('=?utf-8?q?broken=?=');
  });

  it('keeps HTML and script payloads as inert text everywhere in the report', () => {
    const payload = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    const report = analyse(
      `From: "${payload}" <attacker@example.org>`,
      `Subject: ${payload}`,
      `Received: from ${payload} by mx.example.net; Tue, 2 Jan 2024 10:11:12 +0100`,
      `X-Spam-Status: No, score=0.1 required=5.0 tests=${payload}`,
    );
    expect(report.summary.subject).toBe(payload);
    expect(report.summary.from[0]?.name).toBe(payload);
    expect(report.hops.hops[0]?.raw).toContain(payload);
    expect(report.raw.header).toContain(payload);
    // The report is data only: it survives a JSON round trip unchanged (no functions, no DOM nodes).
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('raw view', () => {
  it('keeps the block as received, one line per field unfolded, and decoded values where they differ', () => {
    const block = 'Subject: =?utf-8?q?Gr=C3=BCezi?=\r\n =?utf-8?q?_zusammen?=\r\nX-Plain: same\r\n';
    const report = analyseHeaders(`${block}\r\nbody`);
    expect(report.raw.header).toBe(block);
    expect(report.raw.unfolded).toBe('Subject: =?utf-8?q?Gr=C3=BCezi?= =?utf-8?q?_zusammen?=\nX-Plain: same\n');
    expect(report.raw.fields).toEqual([
      {
        name: 'Subject',
        value: ' =?utf-8?q?Gr=C3=BCezi?=\r\n =?utf-8?q?_zusammen?=\r\n',
        unfolded: '=?utf-8?q?Gr=C3=BCezi?= =?utf-8?q?_zusammen?=',
        decoded: 'Grüezi zusammen',
        index: 0,
      },
      { name: 'X-Plain', value: ' same\r\n', unfolded: 'same', index: 1 },
    ]);
  });
});
