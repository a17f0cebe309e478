import { describe, expect, it } from 'vitest';
import { Base64Stream, decodeBase64Natively, decodeBase64NativelyInSlices } from './base64';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

function platformBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decode(encoded: string): Uint8Array {
  const stream = new Base64Stream(encoded.length);
  stream.push(bytes(encoded));
  return stream.finish();
}

describe('Base64Stream', () => {
  it('decodes across line breaks', () => {
    expect(text(decode('SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n'))).toBe('Hello world');
    expect(text(decode('YQ=='))).toBe('a');
    expect(text(decode('YWI='))).toBe('ab');
  });

  it('agrees with the platform on arbitrary bytes', () => {
    const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 97 + 13) & 0xff);
    expect(decode(platformBase64(data).replace(/.{76}/g, '$&\r\n'))).toEqual(data);
  });

  it('tolerates missing padding, whitespace and bytes outside the alphabet', () => {
    expect(text(decode('YWI'))).toBe('ab');
    expect(text(decode('Y W\tI\r\n'))).toBe('ab');
    expect(text(decode('S\u00e9GV*sbG8!'))).toBe('Hello');
    // a single sextet cannot make a byte
    expect(text(decode('YWJjZ'))).toBe('abc');
    expect(decode('')).toEqual(new Uint8Array(0));
  });

  it('starts over after each padding, as mailers that pad every line need (and as postal-mime decodes)', () => {
    expect(text(decode('YQ==\r\nYWI=\r\nYWJj\r\n'))).toBe('aababc');
    expect(text(decode('Y=YWJj'))).toBe('abc');
    expect(text(decode('YQ==YWI='))).toBe('aab');
  });

  it('returns a buffer of exactly the decoded length', () => {
    expect(decode('YWJj\r\n\r\n\r\n').buffer.byteLength).toBe(3);
  });

  it('gives the same result whichever way the input is split', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) & 0xff);
    const encoded = bytes(platformBase64(data).replace(/.{75}/g, '$&\n'));
    for (const cut of [1, 2, 3, 5, 77, 500]) {
      const stream = new Base64Stream(encoded.length);
      for (let start = 0; start < encoded.length; start += cut) {
        stream.push(encoded, start, Math.min(start + cut, encoded.length));
      }
      expect(stream.finish()).toEqual(data);
    }
  });
});

describe('decodeBase64Natively', () => {
  const data = Uint8Array.from({ length: 8000 }, (_, i) => (i * 131 + 5) & 0xff);
  const clean = platformBase64(data).replace(/.{76}/g, '$&\r\n');

  it('decodes clean base64 as the platform encoded it (where the engine has Uint8Array.fromBase64)', () => {
    const native = decodeBase64Natively(bytes(clean));
    if ('fromBase64' in Uint8Array) expect(native).toEqual(data);
    else expect(native).toBeUndefined();
  });

  it('decodes a large text (taken in slices) to the same bytes, and leaves it to Base64Stream where it has padding inside', () => {
    const large = Uint8Array.from({ length: 900_000 }, (_, i) => (i * 7919 + (i >> 9)) & 0xff);
    const encoded = platformBase64(large).replace(/.{76}/g, '$&\r\n');
    const native = decodeBase64Natively(bytes(encoded));
    if ('fromBase64' in Uint8Array) expect(native).toEqual(large);
    else expect(native).toBeUndefined();
    expect(decodeBase64Natively(bytes(`${encoded.slice(0, 700_000)}=\r\n${encoded.slice(700_000)}`))).toBeUndefined();
  });

  it('leaves to Base64Stream what the engine would decode differently: padding inside, stray bytes, small input', () => {
    expect(decodeBase64Natively(bytes(`${clean.slice(0, 4000)}=\r\n${clean.slice(4000)}`))).toBeUndefined();
    expect(decodeBase64Natively(bytes(`${clean}*`))).toBeUndefined();
    expect(decodeBase64Natively(bytes('YWJj'))).toBeUndefined();
  });
});

describe('decodeBase64NativelyInSlices', () => {
  const data = Uint8Array.from({ length: 30_000 }, (_, i) => (i * 97 + 11) & 0xff);
  const clean = platformBase64(data).replace(/.{76}/g, '$&\r\n');
  const native = 'setFromBase64' in Uint8Array.prototype;

  it('decodes slice by slice (cut inside lines and groups) the bytes the platform encoded, pausing between slices', async () => {
    for (const slice of [4096, 5000, 7777]) {
      let pauses = 0;
      const decoded = await decodeBase64NativelyInSlices(bytes(clean), () => void pauses++, slice);
      if (native) {
        expect(decoded).toEqual(data);
        expect(pauses).toBe(Math.ceil(clean.length / slice));
      } else expect(decoded).toBeUndefined();
    }
  });

  it('leaves to Base64Stream padding inside, even where a slice ends right after it, and stray bytes', async () => {
    const padded = `${clean.slice(0, 4000)}=\r\n${clean.slice(4000)}`;
    for (const slice of [4096, 4003]) {
      expect(await decodeBase64NativelyInSlices(bytes(padded), () => undefined, slice)).toBeUndefined();
    }
    expect(await decodeBase64NativelyInSlices(bytes(`${clean}*`), () => undefined, 4096)).toBeUndefined();
  });
});
