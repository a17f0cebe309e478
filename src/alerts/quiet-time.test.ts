import { describe, expect, it } from 'vitest';
import { isQuietTime, pauseEndForAnHour, pauseEndUntilTomorrow } from './quiet-time';

const at = (hours: number, minutes = 0) => new Date(2026, 2, 10, hours, minutes);

describe('quiet hours', () => {
  it('are never quiet when switched off', () => {
    expect(isQuietTime({ enabled: false, start: '00:00', end: '23:59' }, at(12))).toBe(false);
  });

  it('span midnight when the start is after the end', () => {
    const quiet = { enabled: true, start: '22:00', end: '07:00' };
    expect(isQuietTime(quiet, at(21, 59))).toBe(false);
    expect(isQuietTime(quiet, at(22))).toBe(true);
    expect(isQuietTime(quiet, at(3))).toBe(true);
    expect(isQuietTime(quiet, at(6, 59))).toBe(true);
    expect(isQuietTime(quiet, at(7))).toBe(false);
  });

  it('work within one day too, and an empty range is never quiet', () => {
    expect(isQuietTime({ enabled: true, start: '12:00', end: '13:30' }, at(13, 15))).toBe(true);
    expect(isQuietTime({ enabled: true, start: '12:00', end: '13:30' }, at(13, 30))).toBe(false);
    expect(isQuietTime({ enabled: true, start: '09:00', end: '09:00' }, at(9))).toBe(false);
  });
});

describe('pausing', () => {
  it('for an hour ends an hour later', () => {
    expect(pauseEndForAnHour(at(15, 20))).toBe(at(16, 20).getTime());
  });

  it('until tomorrow ends tomorrow at 8:00, or this morning when paused in the small hours', () => {
    expect(pauseEndUntilTomorrow(at(18))).toBe(new Date(2026, 2, 11, 8).getTime());
    expect(pauseEndUntilTomorrow(at(1))).toBe(at(8).getTime());
  });
});
