import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeQuotedPrintable } from './part-content';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('decodeQuotedPrintable', () => {
  it('decodes escapes, joins soft breaks and keeps hard breaks as written', () => {
    expect(text(decodeQuotedPrintable(bytes('Gr=C3=BC=C3=9Fe=\r\n aus=20Z=c3=bcrich\r\nZeile 2\nZeile 3')))).toBe(
      'Grüße aus Zürich\r\nZeile 2\nZeile 3',
    );
  });

  it('drops transport padding at line ends but keeps it before a soft break is removed', () => {
    expect(text(decodeQuotedPrintable(bytes('trailing   \r\nsoft =  \r\nend')))).toBe('trailing\r\nsoft end');
  });

  it('keeps malformed escapes literally', () => {
    expect(text(decodeQuotedPrintable(bytes('100=% =ZZ a=3')))).toBe('100=% =ZZ a=3');
  });

  it('handles empty input and a final soft break', () => {
    expect(decodeQuotedPrintable(new Uint8Array(0))).toEqual(new Uint8Array(0));
    expect(text(decodeQuotedPrintable(bytes('end=')))).toBe('end');
  });
});

describe('decodeBase64', () => {
  it('decodes across line breaks and stops at padding', () => {
    expect(text(decodeBase64(bytes('SGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n')))).toBe('Hello world');
    expect(text(decodeBase64(bytes('YQ==')))).toBe('a');
    expect(text(decodeBase64(bytes('YWI=')))).toBe('ab');
  });

  it('agrees with the platform on arbitrary bytes', () => {
    const data = Uint8Array.from({ length: 4099 }, (_, i) => (i * 97 + 13) & 0xff);
    let binary = '';
    for (const byte of data) binary += String.fromCharCode(byte);
    const encoded = btoa(binary).replace(/.{76}/g, '$&\r\n');
    expect(decodeBase64(bytes(encoded))).toEqual(data);
  });
});
