/**
 * Fuzzing the header analyser: 10,000 mutations of realistic messages from a fixed seed. Whatever the input,
 * `analyseHeaders` either returns a report or throws a MailError, and never anything else (no TypeError, no
 * RangeError, no hang). The seed is fixed so a failure reproduces; the failing case number is in the message.
 */
import { describe, expect, it } from 'vitest';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { MailError } from '../errors';
import { analyseHeaders, type HeaderReport } from '.';
import { seededRandom } from '../../../tests/support/seeded-random';

const CASES = 10_000;
const SEED = 0x5eed_4ead;

const SAMPLES = [
  `Received: from localhost (localhost [127.0.0.1])
\tby mta-02.infomaniak.ch (Postfix) with ESMTP id 4T9Qa1
\tfor <lea@example.ch>; Wed,  3 Jan 2024 08:15:02 +0100 (CET)
X-Infomaniak-Spam: ham
Authentication-Results: mx.infomaniak.com;
\tspf=pass (sender IP is 192.0.2.10) smtp.mailfrom=news@shop.example;
\tdkim=pass (2048-bit key) header.d=shop.example header.s=s1 header.b=Ab+/c=;
\tdmarc=pass (p=quarantine) header.from=shop.example
Received-SPF: pass (mta-02.infomaniak.ch: domain of news@shop.example designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10;
Received: from mail.shop.example (mail.shop.example [192.0.2.10])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
\tby mta-02.infomaniak.ch (Postfix) with ESMTPS id 4T9Qa0
\tfor <lea@example.ch>; Wed,  3 Jan 2024 08:15:01 +0100 (CET)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.example; s=s1; t=1704266100;
\th=from:to:subject:date:message-id:list-unsubscribe; bh=YWJj; b=ZGVm
From: =?utf-8?q?Shop_=C3=9Cbersicht?= <news@shop.example>
Reply-To: "Service" <service@shop.example>
To: lea@example.ch
Subject: =?utf-8?B?SWhyZSBXb2NoZW5ub3RpeiDinJM=?=
Date: Wed, 3 Jan 2024 08:15:00 +0100
Message-ID: <weekly-2024-01@shop.example>
List-Unsubscribe: <mailto:unsub@shop.example>, <https://shop.example/u/1>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
X-Priority: 3 (Normal)
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hallo Lea
`,
  `Return-Path: <prvs=1234=alice@example.org>
Received: from AM9PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:11::14) by
 DB8PR09MB5678.eurprd09.prod.outlook.com with HTTPS; Tue, 2 Jan 2024 09:15:31 +0000
ARC-Seal: i=1; a=rsa-sha256; s=arcselector; d=microsoft.com; cv=none; b=c2VhbA==
ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=arcselector; h=From:Date; bh=YQ==; b=Yg==
ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=example.org; dmarc=pass action=none header.from=example.org; dkim=pass header.d=example.org; arc=none
Authentication-Results: spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100
X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:CH;LANG:de;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.org;PTR:mail.example.org;CAT:NONE;SFS:(13230031);DIR:INB;
X-Microsoft-Antispam: BCL:0;
Received: from mail.example.org (192.0.2.1) by AM9PR02MB1234.mail.protection.outlook.com (10.167.242.9) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.28 via Frontend Transport; Tue, 2 Jan 2024 09:15:29 +0000
From: "Alice (Finance)" <alice@example.org>
To: "Bob" <bob@contoso.example>, carol@contoso.example
Cc: undisclosed-recipients:;
Subject: RE: =?iso-8859-1?q?R=E9union?=
Date: Tue, 2 Jan 2024 10:15:20 +0100
Message-ID: <AM9PR02MB1234ABC@eurprd02.prod.outlook.com>
Importance: high
Disposition-Notification-To: alice@example.org

body
`,
  `Received: (qmail 10876 invoked from network); 24 Aug 2023 16:13:38 -0000
Received: from unknown (HELO relay.example.net) (198.51.100.23)
  by mx.example.net with SMTP; 24 Aug 2023 16:13:37 -0000
Received: by filter0123p1las1.sendgrid.net with SMTP id filter0123-12345-1
        2023-08-24 16:13:36.123456789 +0000 UTC m=+0.009
X-Spam-Status: Yes, score=8.1 required=5.0 tests=BAYES_99,HTML_MESSAGE,
\tURIBL_BLOCKED autolearn=no version=3.4.6
X-Spam-Flag: YES
X-Spamd-Result: default: True [16.00 / 15.00]; PHISH(5.0)[x]
From: "security@paypal.com" <alert@xn--pypal-4ve.com>
Sender: =?utf-8?b?Y2VvQGV4YW1wbGUub3Jn?==?utf-8?Q?=00?=@evil.example
Subject: =?ISO-2022-JP?B?GyRCMnE1RBsoQg==?= <script>alert(1)</script>
Date: Thursday, 24 August 2099 16:13:30 PDT

x
`,
].map((text) => new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n')));

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const encode = (text: string) => new TextEncoder().encode(text);

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end + 1;
    lines.push(bytes.subarray(start, stop));
    start = stop;
  }
  return lines;
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function insertAt(bytes: Uint8Array, position: number, insert: Uint8Array): Uint8Array {
  return join([bytes.subarray(0, position), insert, bytes.subarray(position)]);
}

const RANDOM_WORDS = [
  '=?',
  '?=',
  '(',
  ')',
  '"',
  '<',
  '>',
  ';',
  ':',
  '=',
  '\\',
  '[IPv6:',
  'xn--',
  'from ',
  ' by ',
  'dkim=',
  'i=',
  '\t',
  ' ',
];

const MUTATIONS: Mutation[] = [
  // byte flips
  (bytes, random) => {
    const out = bytes.slice();
    for (let n = 1 + Math.floor(random() * 8); n > 0 && out.length > 0; n--)
      out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  },
  // line deletion
  (bytes, random) => {
    const lines = splitLines(bytes);
    lines.splice(Math.floor(random() * lines.length), 1 + Math.floor(random() * 3));
    return join(lines);
  },
  // line duplication
  (bytes, random) => {
    const lines = splitLines(bytes);
    const index = Math.floor(random() * lines.length);
    const line = lines[index] ?? new Uint8Array();
    lines.splice(index, 0, ...Array.from({ length: 1 + Math.floor(random() * 20) }, () => line));
    return join(lines);
  },
  // truncation anywhere, also mid-header and mid-character
  (bytes, random) => bytes.subarray(0, Math.floor(random() * bytes.length)),
  // folding abuse: breaks and indentation in odd places, blank continuation lines, bare CR
  (bytes, random) => {
    const fold = pick(['\r\n ', '\r\n\t', '\n \n ', '\r\n \r\n', '\r', '\r\n\r\n ', '\n\t\t\t\t'], random);
    return insertAt(bytes, Math.floor(random() * bytes.length), encode(fold));
  },
  // random encoded words, valid and broken, in odd charsets
  (bytes, random) => {
    const charset = pick(
      ['utf-8', 'iso-2022-jp', 'shift_jis', 'windows-1252', 'x-none', '', 'utf-8*en', 'UTF-16'],
      random,
    );
    const encoding = pick(['B', 'Q', 'q', 'x'], random);
    const payload = Array.from({ length: Math.floor(random() * 40) }, () =>
      String.fromCharCode(33 + Math.floor(random() * 94)),
    ).join('');
    return insertAt(bytes, Math.floor(random() * bytes.length), encode(`=?${charset}?${encoding}?${payload}?=`));
  },
  // structural characters sprinkled in
  (bytes, random) => {
    let out = bytes;
    for (let n = 1 + Math.floor(random() * 10); n > 0; n--)
      out = insertAt(out, Math.floor(random() * out.length), encode(pick(RANDOM_WORDS, random)));
    return out;
  },
  // a huge line (20 to 120 KB), sometimes full of parentheses, quotes or address-like runs
  (bytes, random) => {
    const unit = pick(['a', '(', '((((', '=?', ' ', '"', '<', '@x.', '.', '\u00e9', 'Received: from x by y; '], random);
    const length = 20_000 + Math.floor(random() * 100_000);
    return insertAt(bytes, Math.floor(random() * bytes.length), encode(unit.repeat(Math.ceil(length / unit.length))));
  },
  // NUL bytes and other controls
  (bytes, random) => {
    let out = bytes;
    for (let n = 1 + Math.floor(random() * 6); n > 0; n--)
      out = insertAt(
        out,
        Math.floor(random() * out.length),
        new Uint8Array([pick([0, 0, 1, 8, 11, 12, 27, 127, 0xff], random)]),
      );
    return out;
  },
  // many headers: hundreds of Received lines or results
  (bytes, random) => {
    const line = pick(
      [
        'Received: by h.example; Tue, 2 Jan 2024 10:00:00 +0000\r\n',
        'Authentication-Results: mx.infomaniak.com; dkim=pass\r\n',
        'ARC-Seal: i=7; cv=pass\r\n',
      ],
      random,
    );
    return join([encode(line.repeat(50 + Math.floor(random() * 400))), bytes]);
  },
];

function mutate(random: () => number): Uint8Array | string {
  let bytes: Uint8Array = pick(SAMPLES, random);
  for (let n = 1 + Math.floor(random() * 4); n > 0; n--) bytes = pick(MUTATIONS, random)(bytes, random);
  // Sometimes the UI passes pasted text rather than bytes.
  return random() < 0.2 ? new TextDecoder().decode(bytes) : bytes;
}

function checkReport(report: HeaderReport): void {
  // Cheap invariants: one hop per Received field, warnings sorted by severity, every key an hdr_ key.
  const received = report.raw.fields.filter((field) => field.name.toLowerCase() === 'received').length;
  if (report.hops.hops.length !== received) throw new Error('hop count differs from Received count');
  const order = { error: 0, warning: 1, info: 2 };
  for (let i = 1; i < report.warnings.length; i++) {
    if (order[report.warnings[i - 1]!.severity] > order[report.warnings[i]!.severity])
      throw new Error('warnings not sorted');
  }
  if (report.warnings.some((warning) => !warning.key.startsWith('hdr_warning_')))
    throw new Error('unexpected warning key');
}

describe('analyseHeaders under fuzzing', () => {
  it(`returns a report or throws MailError for ${CASES} mutated messages`, () => {
    const random = seededRandom(SEED);
    const options = { ...infomaniakHeaderOptions, now: new Date('2024-01-03T12:00:00Z') };
    let reports = 0;
    let refusals = 0;
    for (let index = 0; index < CASES; index++) {
      const input = mutate(random);
      try {
        checkReport(analyseHeaders(input, options));
        reports++;
      } catch (error) {
        if (!(error instanceof MailError)) {
          throw new Error(`case ${index} (seed ${SEED}) threw ${String(error)}`, { cause: error });
        }
        refusals++;
      }
    }
    expect(reports + refusals).toBe(CASES);
    // Most mutations still leave a message with headers; refusals are the empty or header-less ones.
    expect(reports).toBeGreaterThan(CASES * 0.9);
  }, 60_000);
});
