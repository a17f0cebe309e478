import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { infomaniakHeaderOptions } from '../../ksuite/header-defaults';
import { analyseHeaders } from './analyse';
import { formatReportMessage, HEADER_MESSAGE_KEYS, type LocaleMessages } from './messages';

const LOCALES = ['en', 'de', 'fr', 'it'] as const;
const messages = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(
      readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
    ) as LocaleMessages,
  ]),
) as Record<(typeof LOCALES)[number], LocaleMessages>;

/** Every `{ key, substitutions }` anywhere in a report. */
function emittedKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => emittedKeys(item, keys));
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.key === 'string' && Array.isArray(record.substitutions)) keys.add(record.key);
    Object.values(record).forEach((item) => emittedKeys(item, keys));
  }
  return keys;
}

const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

describe('header report messages', () => {
  it.each(LOCALES)('every key the analyser can emit exists in %s', (locale) => {
    const missing = HEADER_MESSAGE_KEYS.filter(
      (key) => typeof messages[locale][key]?.message !== 'string' || messages[locale][key]?.message === '',
    );
    expect(missing).toEqual([]);
  });

  it('has the same hdr_ keys in all four locales, with the same placeholders', () => {
    const english = Object.keys(messages.en)
      .filter((key) => key.startsWith('hdr_'))
      .sort();
    for (const locale of LOCALES) {
      expect(
        Object.keys(messages[locale])
          .filter((key) => key.startsWith('hdr_'))
          .sort(),
      ).toEqual(english);
      for (const key of english) {
        expect({ key, placeholders: placeholders(messages[locale][key]?.message ?? '') }).toEqual({
          key,
          placeholders: placeholders(messages.en[key]?.message ?? ''),
        });
      }
    }
  });

  it('uses no stray "$" that chrome.i18n would misread', () => {
    for (const locale of LOCALES) {
      for (const [key, { message }] of Object.entries(messages[locale])) {
        if (key.startsWith('hdr_'))
          expect({ key, stray: message.replace(/\$[1-9]/g, '').includes('$') }).toEqual({ key, stray: false });
      }
    }
  });

  it('only emits listed keys, also with the Infomaniak defaults, on a message that triggers most of them', () => {
    const raw = [
      'Received: from localhost (localhost [127.0.0.1]) by mta-07.infomaniak.ch (Postfix) with ESMTP id A; Tue, 2 Jan 2024 10:00:02 +0100',
      'X-Infomaniak-Spam: spam',
      'Authentication-Results: mx.infomaniak.com; spf=softfail smtp.mailfrom=x@paypa1.com; dkim=fail header.d=paypa1.com; dmarc=fail header.from=paypa1.com; arc=none',
      'Received: from evil.example (evil.example [203.0.113.5]) by mta-07.infomaniak.ch (Postfix) with ESMTPS id B; Tue, 2 Jan 2024 10:00:01 +0100',
      'Authentication-Results: spf=pass smtp.mailfrom=paypa1.com',
      'X-Spam-Status: Yes, score=9.9 required=5.0 tests=BAYES_99',
      'X-Forefront-Antispam-Report: CIP:203.0.113.5;CTRY:XX;SCL:9;SFV:SPM;CAT:PHSH;IPV:NLI;SRV:BULK;SFTY:9.19;DIR:INB;ZZ:1',
      'X-Spamd-Result: default: True [20.00 / 15.00]; PHISHING(5.00)[x]',
      'X-Rspamd-Action: reject',
      'Received: by evil.example; Tue, 2 Jan 2024 12:00:00 +0100',
      'Authentication-Results: mx.infomaniak.com; dmarc=pass header.from=paypa1.com',
      'Received: by evil.example; Tue, 2 Jan 2024 10:30:00 +0100',
      'From: "security@paypal.com" <security@paypa1.com>',
      'Reply-To: =?utf-8?q?x=E2=80=AE?= <collect@xn--pple-43d.com>',
      'Return-Path: <b@elsewhere.example>',
      'Subject: Account locked',
      'Date: Fri, 2 Jan 2099 10:00:00 +0100',
      'X-Infomaniak-Routing: alpha',
    ].join('\r\n');
    const report = analyseHeaders(`${raw}\r\n\r\n`, {
      ...infomaniakHeaderOptions,
      now: new Date('2024-01-02T10:00:00Z'),
    });
    const listed = new Set<string>(HEADER_MESSAGE_KEYS);
    const emitted = [...emittedKeys(report)];
    expect(emitted.length).toBeGreaterThan(40);
    expect(emitted.filter((key) => !listed.has(key))).toEqual([]);
    for (const warning of report.warnings) expect(listed.has(warning.key)).toBe(true);
  });
});

describe('formatReportMessage', () => {
  const catalogue: LocaleMessages = {
    two: { message: 'From $1 to $2, $1 again' },
    money: { message: 'Costs $$5 for $1' },
  };

  it('fills positional placeholders and keeps "$$" as a dollar sign', () => {
    expect(formatReportMessage(catalogue, 'two', ['a', 'b'])).toBe('From a to b, a again');
    expect(formatReportMessage(catalogue, 'money', ['you'])).toBe('Costs $5 for you');
  });

  it('leaves missing substitutions empty and shows an unknown key as itself', () => {
    expect(formatReportMessage(catalogue, 'two', ['a'])).toBe('From a to , a again');
    expect(formatReportMessage(catalogue, 'hdr_nope', ['x'])).toBe('hdr_nope');
  });

  it('does not interpret substitutions (no nested placeholders, no markup)', () => {
    expect(formatReportMessage(catalogue, 'two', ['$2', '<b>x</b>'])).toBe('From $2 to <b>x</b>, $2 again');
  });

  it('formats a real report message in every language', () => {
    for (const locale of LOCALES) {
      const text = formatReportMessage(messages[locale], 'hdr_warning_reply_to_differs', [
        'collect@evil.example',
        'ceo@example.org',
      ]);
      expect(text).toContain('collect@evil.example');
      expect(text).toContain('ceo@example.org');
    }
  });
});
