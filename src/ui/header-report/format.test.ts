import { describe, expect, it } from 'vitest';
import { formatAddress, formatInstant } from './format';

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
