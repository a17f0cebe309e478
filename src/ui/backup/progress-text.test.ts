import { describe, expect, it, vi } from 'vitest';
import { durationText, fractionDone, speedText } from './progress-text';
import { EMPTY_PROGRESS } from './testing/fake-engine';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../../tests/support/fake-browser')).testBrowser.browser,
}));

describe('progress as the page shows it', () => {
  it('the bar goes by bytes when the size is known, else by messages, never past the end', () => {
    expect(
      fractionDone({ ...EMPTY_PROGRESS, bytesDone: 250, bytesTotal: 1000, messagesDone: 9, messagesTotal: 10 }),
    ).toBe(0.25);
    expect(fractionDone({ ...EMPTY_PROGRESS, messagesDone: 3, messagesTotal: 12 })).toBe(0.25);
    expect(fractionDone({ ...EMPTY_PROGRESS, bytesDone: 1200, bytesTotal: 1000 })).toBe(1);
    expect(fractionDone(EMPTY_PROGRESS)).toBe(0);
  });

  it('time left in seconds, minutes, hours and minutes, rounded up', () => {
    expect(durationText(0.2, 'en')).toBe('1 sec');
    expect(durationText(45, 'en')).toBe('45 sec');
    expect(durationText(61, 'en')).toBe('2 min');
    expect(durationText(3600, 'en')).toBe('1 hr');
    expect(durationText(3 * 3600 + 4 * 60 + 1, 'en')).toBe('3 hr 5 min');
    expect(durationText(90, 'de')).toBe('2 Min.');
  });

  it('speed per second, and nothing before the first message', () => {
    expect(speedText(2_516_582, 'en')).toBe('2.4 MB/s'); // 1024-based, as the webmail writes sizes
    expect(speedText(0, 'en')).toBe('');
  });
});
