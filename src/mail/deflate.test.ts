import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../tests/replica/corpus/prng';
import { deflateRaw, huffmanLengths, RawDeflater } from './deflate';

// zlib, an independent implementation, is the judge of every stream written here.
function roundTrip(data: Uint8Array): Uint8Array {
  const compressed = deflateRaw(data);
  // Buffer.equals rather than toEqual: a deep comparison of megabytes element by element takes seconds.
  expect(inflateRawSync(compressed).equals(data), `${data.length} bytes`).toBe(true);
  return compressed;
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('deflateRaw', () => {
  it('round-trips the edge cases of length', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 257, 258, 259, 65535, 65536, 65537]) {
      const data = new Uint8Array(length).map((_, i) => (i * 7) % 13);
      roundTrip(data);
    }
  });

  it('shrinks mail-like text to a fraction and long runs to almost nothing', () => {
    const minutes = text('Sitzung vom 4. November: Budget genehmigt, Termin verschoben.\r\n'.repeat(2000));
    expect(roundTrip(minutes).length).toBeLessThan(minutes.length / 20);
    const zeros = new Uint8Array(1_000_000);
    expect(roundTrip(zeros).length).toBeLessThan(10_000);
  });

  it('stores incompressible bytes with only a few bytes of framing per 64 KiB', () => {
    const next = createPrng(42);
    const noise = new Uint8Array(500_000).map(() => next());
    const compressed = roundTrip(noise);
    expect(compressed.length).toBeLessThan(noise.length + 100);
  });

  it('handles matches at the window edge, overlapping runs and the longest match', () => {
    const block = new Uint8Array(32_768).map((_, i) => (i * 31 + (i >> 8)) & 0xff);
    const data = new Uint8Array(32_768 * 3 + 600);
    data.set(block, 0);
    data.set(block, 32_768); // distance exactly 32 KiB
    data.fill(0x61, 65_536, 65_536 + 600); // "aaaa…": distance 1, lengths up to 258
    data.set(block.subarray(0, 32_768), 65_536 + 600);
    roundTrip(data);
  });

  it('round-trips 300 random mixes of text, runs and noise', () => {
    const next = createPrng(2026);
    const words = ['Rechnung', ' ', 'invoice', ';', '\r\n', 'Zürich', 'é', '2026-11-04', '0', '€', 'a'];
    for (let round = 0; round < 300; round++) {
      const length = next() % 40_000;
      const data = new Uint8Array(length);
      let i = 0;
      while (i < length) {
        const kind = next() % 4;
        if (kind === 0) {
          const bytes = text(words[next() % words.length]!);
          data.set(bytes.subarray(0, length - i), i);
          i += bytes.length;
        } else if (kind === 1) {
          const run = Math.min(length - i, next() % 300);
          data.fill(next() & 0xff, i, i + run);
          i += run;
        } else if (kind === 2 && i > 0) {
          const from = next() % i;
          const run = Math.min(length - i, next() % 400);
          for (let k = 0; k < run; k++) data[i + k] = data[from + k]!;
          i += run;
        } else {
          data[i++] = next() & 0xff;
        }
      }
      roundTrip(data);
    }
  });

  it('gives the same stream when fed in small steps as in one go', () => {
    const data = text('Lieferung 17, Lieferung 18, Lieferung 19; '.repeat(5000));
    const deflater = new RawDeflater(data);
    let steps = 0;
    let previous = 0;
    while (!deflater.step(1000)) {
      expect(deflater.done).toBeGreaterThan(previous);
      previous = deflater.done;
      steps++;
    }
    expect(steps).toBeGreaterThan(10);
    expect(Buffer.from(deflater.result()).equals(deflateRaw(data))).toBe(true);
  });
});

describe('huffmanLengths', () => {
  const kraft = (lengths: Uint8Array): number =>
    [...lengths].reduce((sum, length) => sum + (length ? 2 ** -length : 0), 0);

  it('gives a complete code no longer than the limit, even for very skewed counts', () => {
    // Fibonacci-like counts make the unlimited Huffman tree as deep as possible.
    const fib = [1, 1];
    while (fib.length < 40) fib.push(fib.at(-1)! + fib.at(-2)!);
    for (const limit of [7, 15]) {
      const lengths = huffmanLengths(fib.slice(0, limit === 7 ? 19 : 40), limit);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
      expect(kraft(lengths)).toBe(1);
    }
  });

  it('gives at least two codes, so that even one used symbol has a complete code', () => {
    expect(kraft(huffmanLengths([0, 0, 5, 0], 15))).toBe(1);
    expect(kraft(huffmanLengths([0, 0, 0, 0], 15))).toBe(1);
  });

  it('gives the most frequent symbols the shortest codes', () => {
    const lengths = huffmanLengths([100, 1, 50, 2, 25], 15);
    expect(lengths[0]).toBeLessThanOrEqual(lengths[2]!);
    expect(lengths[2]).toBeLessThanOrEqual(lengths[4]!);
    expect(lengths[4]).toBeLessThanOrEqual(lengths[1]!);
  });
});
