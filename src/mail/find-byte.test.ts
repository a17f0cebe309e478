import { describe, expect, it } from 'vitest';
import { indexOfByte } from './find-byte';

const DASH = 0x2d;

describe('indexOfByte', () => {
  // The answers come from the engine's own TypedArray indexOf.
  it('finds the byte where indexOf does, at every alignment, start and position', () => {
    const backing = new Uint8Array(400).fill(0x41);
    for (let offset = 0; offset < 4; offset++) {
      const bytes = backing.subarray(offset, offset + 300);
      for (const at of [0, 1, 31, 32, 33, 35, 36, 37, 38, 39, 100, 101, 102, 103, 295, 296, 297, 298, 299]) {
        bytes.fill(0x41);
        bytes[at] = DASH;
        for (const from of [0, 1, 3, 30, 40, at, at + 1, 299, 300, 310]) {
          expect(indexOfByte(bytes, DASH, from), `offset ${offset}, dash at ${at}, from ${from}`).toBe(
            bytes.indexOf(DASH, from),
          );
        }
      }
    }
  });

  it('finds the first of several in one word, and bytes whose words hold look-alikes', () => {
    const bytes = new Uint8Array(200).fill(0x2c); // one below the dash: a "has zero byte" test must not stop here
    bytes[130] = 0xad; // the dash with the high bit set
    bytes[150] = DASH;
    bytes[151] = DASH;
    expect(indexOfByte(bytes, DASH)).toBe(150);
    expect(indexOfByte(bytes, 0xad)).toBe(130);
    expect(indexOfByte(bytes, 0x00)).toBe(-1);
    bytes[180] = 0x00;
    expect(indexOfByte(bytes, 0x00, 40)).toBe(180);
  });

  it('answers -1 where there is none, also past the end and on empty bytes', () => {
    const bytes = new Uint8Array(1000).fill(0x41);
    expect(indexOfByte(bytes, DASH)).toBe(-1);
    expect(indexOfByte(bytes, DASH, 2000)).toBe(-1);
    expect(indexOfByte(new Uint8Array(0), DASH)).toBe(-1);
  });
});
