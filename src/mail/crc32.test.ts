import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

// Bitwise reference: slow but obviously right.
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('agrees with a bitwise reference for every length around the 8-byte stride', () => {
    const data = Uint8Array.from({ length: 67 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let length = 0; length <= data.length; length++) {
      expect(crc32(data.subarray(0, length))).toBe(referenceCrc32(data.subarray(0, length)));
    }
  });

  it('works on views with an offset', () => {
    const data = Uint8Array.from({ length: 40 }, (_, i) => i);
    expect(crc32(data.subarray(3, 30))).toBe(referenceCrc32(data.slice(3, 30)));
  });

  it('continues a running checksum', () => {
    const data = ascii('123456789');
    expect(crc32(data.subarray(5), crc32(data.subarray(0, 5)))).toBe(0xcbf43926);
  });

  // The word loop reads 16 bytes at a time from the first 4-byte boundary on: every start offset (aligned or not),
  // lengths around the 16-byte step, and pieces of a large buffer, against zlib's own CRC-32.
  it('agrees with zlib for every alignment and length around the 16-byte step', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 11);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 80; length++) {
        const view = data.subarray(offset, offset + length);
        expect(crc32(view)).toBe(zlibCrc32(view));
      }
    }
  });

  it('agrees with zlib on megabytes fed in pieces of odd sizes', () => {
    const data = Uint8Array.from({ length: 3 * 1024 * 1024 + 13 }, (_, i) => (i * 40503 + (i >>> 9)) & 0xff);
    let crc = 0;
    for (let start = 0; start < data.length; start += 65_537) crc = crc32(data.subarray(start, start + 65_537), crc);
    expect(crc).toBe(zlibCrc32(data));
  });
});
