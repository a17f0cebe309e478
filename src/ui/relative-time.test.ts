import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const NOW = Date.UTC(2026, 11, 6, 15, 0, 0);
const ago = (seconds: number) => NOW - seconds * 1000;

describe('relativeTime', () => {
  it('says "just now" for the last minute, whichever side of it', () => {
    for (const seconds of [0, 1, 59, -20]) expect(relativeTime(ago(seconds), NOW, 'en', 'just now')).toBe('just now');
  });

  it('counts whole minutes, then hours, then days, never rounding up', () => {
    expect(relativeTime(ago(60), NOW, 'en', 'just now')).toBe('1 min. ago');
    expect(relativeTime(ago(2 * 60 + 50), NOW, 'en', 'just now')).toBe('2 min. ago');
    expect(relativeTime(ago(59 * 60 + 59), NOW, 'en', 'just now')).toBe('59 min. ago');
    expect(relativeTime(ago(3 * 3600 + 1800), NOW, 'en', 'just now')).toBe('3 hr. ago');
    expect(relativeTime(ago(26 * 3600), NOW, 'en', 'just now')).toBe('yesterday');
    expect(relativeTime(ago(3 * 86400), NOW, 'en', 'just now')).toBe('3 days ago');
  });

  it('speaks the UI language', () => {
    expect(relativeTime(ago(120), NOW, 'de', 'gerade eben')).toBe('vor 2 Min.');
    expect(relativeTime(ago(120), NOW, 'fr', 'à l’instant')).toBe('il y a 2\u00a0min'); // French keeps the number with its unit;
    expect(relativeTime(ago(120), NOW, 'it', 'proprio ora')).toBe('2 min fa');
    expect(relativeTime(ago(10), NOW, 'de', 'gerade eben')).toBe('gerade eben');
  });

  it('says when a time still to come is', () => {
    expect(relativeTime(NOW + 4 * 60_000, NOW, 'en', 'just now')).toBe('in 4 min.');
    expect(relativeTime(NOW + 4 * 60_000, NOW, 'de', 'gerade eben')).toBe('in 4 Min.');
  });
});
