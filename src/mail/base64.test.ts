import { describe, expect, it } from 'vitest';
import { Base64Stream, decodeBase64 } from './base64';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

function platformBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

describe('decodeBase64', () => {
  it('decodes across line breaks and stops at padding', () => {
    expect(text(decodeBase64(bytes('SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n')))).toBe('Hello world');
    expect(text(decodeBase64(bytes('YQ==')))).toBe('a');
    expect(text(decodeBase64(bytes('YWI=')))).toBe('ab');
    expect(text(decodeBase64(bytes('YQ==YWI=')))).toBe('a');
  });

  it('agrees with the platform on arbitrary bytes', () => {
    const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 97 + 13) & 0xff);
    const encoded = platformBase64(data).replace(/.{76}/g, '$&\r\n');
    expect(decodeBase64(bytes(encoded))).toEqual(data);
  });

  it('tolerates missing padding, whitespace and bytes outside the alphabet', () => {
    expect(text(decodeBase64(bytes('YWI')))).toBe('ab');
    expect(text(decodeBase64(bytes('Y W\tI\r\n')))).toBe('ab');
    expect(text(decodeBase64(bytes('S\u00e9GV*sbG8!')))).toBe('Hello');
    // a single sextet cannot make a byte
    expect(text(decodeBase64(bytes('YWJjZ')))).toBe('abc');
    expect(decodeBase64(new Uint8Array(0))).toEqual(new Uint8Array(0));
  });

  it('in resume mode starts over after each padding, as mailers that pad every line need', () => {
    expect(text(decodeBase64(bytes('YQ==\r\nYWI=\r\nYWJj\r\n'), 'resume'))).toBe('aababc');
    expect(text(decodeBase64(bytes('Y=YWJj'), 'resume'))).toBe('abc');
  });

  it('returns a buffer of exactly the decoded length', () => {
    const decoded = decodeBase64(bytes('YWJj\r\n\r\n\r\n'));
    expect(decoded.buffer.byteLength).toBe(3);
  });
});

describe('Base64Stream', () => {
  it('gives the same result whichever way the input is split', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff);
    const encoded = bytes(platformBase64(data).replace(/.{75}/g, '$&\n'));
    for (const cut of [1, 2, 3, 5, 77, 500]) {
      const stream = new Base64Stream(encoded.length, 'stop');
      for (let start = 0; start < encoded.length; start += cut) {
        stream.push(encoded, start, Math.min(start + cut, encoded.length));
      }
      expect(stream.finish()).toEqual(data);
    }
  });

  it('ignores everything after the padding in stop mode, across pushes', () => {
    const stream = new Base64Stream(12, 'stop');
    stream.push(bytes('YWI='));
    stream.push(bytes('YWJj'));
    expect(text(stream.finish())).toBe('ab');
  });
});
