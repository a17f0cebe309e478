import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../dates';

const utc = (iso: string) => Date.parse(iso);

describe('parseMailDate', () => {
  it.each([
    ['Tue, 2 Jan 2024 10:11:12 +0100', '2024-01-02T09:11:12Z', 60],
    ['Tue, 02 Jan 2024 10:11:12 +0100 (CET)', '2024-01-02T09:11:12Z', 60],
    ['2 Jan 2024 10:11:12 -0000', '2024-01-02T10:11:12Z', 0],
    ['Tuesday, 02 January 2024 10:11:12 +0100', '2024-01-02T09:11:12Z', 60],
    ['Tue, 2 Jan 2024 10:11:12.345 +0100', '2024-01-02T09:11:12.345Z', 60],
    ['Tue, 2 Jan 2024 10:11:12,5 +0100', '2024-01-02T09:11:12.500Z', 60],
    ['Tue, 2 Jan 24 10:11 +0100', '2024-01-02T09:11:00Z', 60],
    ['Sat, 1 Jan 99 00:00:00 +0000', '1999-01-01T00:00:00Z', 0],
    ['Tue, 2 Jan 2024 10:11:12 +01:00', '2024-01-02T09:11:12Z', 60],
    ['Tue, 2 Jan 2024 10:11:12 -0330', '2024-01-02T13:41:12Z', -210],
    ['Tue Jan  2 10:11:12 2024', '2024-01-02T10:11:12Z', null],
    ['2024-01-02 10:11:12.345678901 +0000 UTC m=+0.123456789', '2024-01-02T10:11:12.345Z', 0],
    ['2024-01-02T10:11:12Z', '2024-01-02T10:11:12Z', 0],
    ['2024-01-02T10:11:12.5+02:00', '2024-01-02T08:11:12.500Z', 120],
  ])('%s', (text, iso, offset) => {
    expect(parseMailDate(text)).toEqual({ epochMs: utc(iso), offsetMinutes: offset });
  });

  it.each([
    ['UT', 0],
    ['UTC', 0],
    ['GMT', 0],
    ['EST', -300],
    ['EDT', -240],
    ['CST', -360],
    ['CDT', -300],
    ['MST', -420],
    ['MDT', -360],
    ['PST', -480],
    ['PDT', -420],
    ['CET', 60],
    ['CEST', 120],
    ['BST', 60],
  ])('named zone %s', (zone, offset) => {
    const parsed = parseMailDate(`Tue, 2 Jan 2024 12:00:00 ${zone}`);
    expect(parsed?.offsetMinutes).toBe(offset);
    expect(parsed?.epochMs).toBe(utc('2024-01-02T12:00:00Z') - offset * 60_000);
  });

  it('reads a date without zone as UTC and says so with a null offset', () => {
    expect(parseMailDate('Tue, 2 Jan 2024 10:11:12')).toEqual({
      epochMs: utc('2024-01-02T10:11:12Z'),
      offsetMinutes: null,
    });
  });

  it('ignores comments, nested or not, and trailing envelope notes', () => {
    expect(parseMailDate('Tue, 2 Jan 2024 10:11:12 +0100 (CET (Central European))')?.epochMs).toBe(
      utc('2024-01-02T09:11:12Z'),
    );
    expect(parseMailDate('Tue, 2 Jan 2024 10:11:12 +0000 (envelope-from <a@example.org>)')?.epochMs).toBe(
      utc('2024-01-02T10:11:12Z'),
    );
  });

  it.each([
    '',
    'yesterday',
    'Tue, 31 Feb 2024 10:00:00 +0000',
    'Tue, 2 Jan 2024 25:00:00 +0000',
    '2 Foo 2024 10:00:00',
    '10:00:00',
  ])('rejects %j', (text) => {
    expect(parseMailDate(text)).toBeNull();
  });
});
