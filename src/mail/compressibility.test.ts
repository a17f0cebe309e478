import { describe, expect, it } from 'vitest';
import { chooseCompression, isCompressedFormat, looksIncompressible } from './compressibility';

function randomBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = new TextEncoder().encode(
  'Rechnung Nr. 2026-118, Betrag CHF 1200.00, zahlbar innert 30 Tagen.\n'.repeat(200),
);

describe('isCompressedFormat', () => {
  it('recognises compressed formats by MIME type', () => {
    for (const type of [
      'image/jpeg',
      'image/png',
      'application/pdf',
      'application/zip',
      'application/x-7z-compressed',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text',
      'audio/mpeg',
      'video/mp4',
    ]) {
      expect(isCompressedFormat('file', type), type).toBe(true);
    }
  });

  it('keeps images that compress well and text types compressible', () => {
    for (const type of ['image/bmp', 'image/svg+xml', 'text/plain', 'text/csv', 'application/json', 'message/rfc822']) {
      expect(isCompressedFormat('file', type), type).toBe(false);
    }
  });

  it('falls back to the extension for generic types', () => {
    expect(isCompressedFormat('photo.JPG', 'application/octet-stream')).toBe(true);
    expect(isCompressedFormat('archive.tar.gz', 'application/octet-stream')).toBe(true);
    expect(isCompressedFormat('data.csv', 'application/octet-stream')).toBe(false);
  });
});

describe('looksIncompressible', () => {
  it('tells random bytes from text', () => {
    expect(looksIncompressible(randomBytes(100_000))).toBe(true);
    expect(looksIncompressible(text)).toBe(false);
  });

  it('does not judge tiny inputs', () => {
    expect(looksIncompressible(randomBytes(100))).toBe(false);
  });

  it('treats base64 text as compressible (six bits per byte)', () => {
    const base64 = new TextEncoder().encode(Buffer.from(randomBytes(60_000)).toString('base64'));
    expect(looksIncompressible(base64)).toBe(false);
  });
});

describe('chooseCompression', () => {
  it('stores compressed formats and deflates the rest', () => {
    expect(chooseCompression('a.pdf', 'application/pdf', text)).toBe('STORE');
    expect(chooseCompression('a.txt', 'text/plain', text)).toBe('DEFLATE');
    expect(chooseCompression('a.bin', 'application/octet-stream', randomBytes(50_000))).toBe('STORE');
    expect(chooseCompression('empty.txt', 'text/plain', new Uint8Array(0))).toBe('STORE');
  });
});
