import { describe, expect, it, vi } from 'vitest';
import { formatBytes } from './i18n';
// @ts-expect-error -- the replica's webmail is plain JavaScript without declarations; its fileSize is the oracle.
import { fileSize as webmailFileSize } from '../tests/replica/webmail/format.js';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../tests/support/fake-browser')).testBrowser.browser,
}));

const webmail = webmailFileSize as (bytes: number) => string;

describe('sizes as the webmail writes them', () => {
  it('the examples seen side by side with the webmail', () => {
    // "2 attachments · 102 KB" where the toolbar said "102 kB"; "25.0 MB" where it said "26.2 MB"; "360 byte".
    expect(formatBytes(104_448, 'en')).toBe('102 KB');
    expect(formatBytes(26_214_400, 'en')).toBe('25.0 MB');
    expect(formatBytes(360, 'en')).toBe('360 B');
  });

  it('agrees with the webmail on every boundary of its units and rounding', () => {
    const sizes = new Set<number>([0, 1, 999, 1000, 1023, 1024, 1025, 1075, 1076, 5000, 10_188, 10_189, 10_239]);
    for (const edge of [10 * 1024, 1024 * 1024, 10 * 1024 * 1024, 1000 * 1024 * 1024]) {
      for (let delta = -600; delta <= 600; delta += 37) sizes.add(edge + delta);
    }
    // A spread of sizes a message or attachment may have, 1 byte to 1 GB, from a fixed sequence.
    let value = 1;
    while (value < 1024 ** 3) {
      sizes.add(Math.floor(value));
      value = value * 1.37 + 11;
    }
    for (const size of sizes) expect(formatBytes(size, 'en'), `${size} bytes`).toBe(webmail(size));
  });

  it('goes on to GB past 1024 MB, where the webmail would write thousands of MB', () => {
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3.0 GB');
    expect(formatBytes(1024 ** 3 - 1, 'en')).toBe('1024.0 MB');
    expect(formatBytes(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
  });

  it('writes the decimal mark of the language, never a thousands separator', () => {
    expect(formatBytes(26_214_400, 'de')).toBe('25,0 MB');
    expect(formatBytes(5_000, 'fr')).toBe('4,9 KB'); // the unit symbol comes from the catalogue, English here
    expect(formatBytes(1_048_575, 'de')).toBe('1024 KB');
    expect(formatBytes(1_048_575, 'en')).toBe('1024 KB');
  });
});
