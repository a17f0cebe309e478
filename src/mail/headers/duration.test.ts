import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
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
    expect(formatDuration(seconds)).toBe(text);
  });

  it('keeps the sign of a negative delay, with a real minus sign', () => {
    expect(formatDuration(-12)).toBe('\u221212 s');
    expect(formatDuration(-3720)).toBe('\u22121 h 02 min');
  });

  it('does not print "-0 s"', () => {
    expect(formatDuration(-0.2)).toBe('0 s');
  });
});
