import { describe, expect, it } from 'vitest';
import { formatAddress, formatDelay, formatInstant } from './format';

describe('formatDelay', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [42, '42 s'],
    [59.6, '1 min'],
    [60, '1 min'],
    [303, '5 min 3 s'],
    [3600, '1 h'],
    [3660, '1 h 01 min'],
    [7500, '2 h 05 min'],
    [7170, '2 h'], // 1 h 59.5 min rounds up into the hours
    [93_600, '26 h'],
  ])('%s seconds read "%s"', (seconds, text) => {
    expect(formatDelay(seconds)).toBe(text);
  });

  it('keeps the sign of a negative delay, with a real minus sign', () => {
    expect(formatDelay(-12)).toBe('\u221212 s');
    expect(formatDelay(-3720)).toBe('\u22121 h 02 min');
  });

  it('does not print "-0 s"', () => {
    expect(formatDelay(-0.2)).toBe('0 s');
  });
});

describe('formatInstant', () => {
  const instant = Date.UTC(2025, 9, 14, 7, 12, 40);

  it('writes the date in the given language and zone', () => {
    const text = formatInstant(instant, 'en-GB', 'Europe/Zurich');
    expect(text).toContain('2025');
    expect(text).toContain('09:12:40');
  });

  it('falls back to English for a language tag the runtime rejects', () => {
    expect(formatInstant(instant, 'not a tag!', 'UTC')).toContain('2025');
  });

  it('returns null for an unknown instant', () => {
    expect(formatInstant(null, 'en')).toBeNull();
    expect(formatInstant(Number.NaN, 'en')).toBeNull();
  });
});

describe('formatAddress', () => {
  it('puts the name before the address in angle brackets', () => {
    expect(formatAddress({ name: 'Anna Meier', address: 'anna@muster.example' })).toBe(
      'Anna Meier <anna@muster.example>',
    );
  });

  it('shows the bare address without a name', () => {
    expect(formatAddress({ name: '', address: 'anna@muster.example' })).toBe('anna@muster.example');
  });
});
