import { describe, expect, it } from 'vitest';
import { compareCodePoints, inWebmailOrder } from './current-mailbox';
import type { Mailbox } from './types';

describe('inWebmailOrder', () => {
  const box = (email: string, is_primary = false) => ({ email, is_primary }) as Mailbox;
  const order = (...emails: string[]) => inWebmailOrder(emails.map((email) => box(email))).map((m) => m.email);

  it('puts the primary mailbox first, then the others by address', () => {
    const sorted = inWebmailOrder([box('zoe@x.example'), box('bob@x.example'), box('me@x.example', true)]);
    expect(sorted.map((m) => m.email)).toEqual(['me@x.example', 'bob@x.example', 'zoe@x.example']);
  });

  // Each pair is ordered the other way round by localeCompare; the expected order is Swift's `<` (code points:
  // '0'..'9' 30-39 < 'A'..'Z' 41-5A < '_' 5F < 'a'..'z' 61-7A).
  it.each([
    ['digits before underscore', ['info2@x.example', 'info_@x.example']],
    ['capitals before lower case', ['Zoe@x.example', 'anna@x.example']],
    ['underscore before lower case, after capitals', ['B@x.example', 'b_c@x.example', 'ba@x.example']],
  ])('orders addresses by code point: %s', (_, expected) => {
    expect(order(...[...expected].reverse())).toEqual(expected);
    expect(order(...expected)).toEqual(expected);
  });

  it('compares characters outside the BMP by code point, not by UTF-16 unit', () => {
    // U+FF5E (one unit, 0xFF5E) is below U+1F600 (units 0xD83D 0xDE00), though 0xD83D < 0xFF5E.
    expect(compareCodePoints('\u{FF5E}', '\u{1F600}')).toBeLessThan(0);
    expect(compareCodePoints('e\u0301', '\u00e9')).toBe(0); // the same letter, composed or not
  });
});
