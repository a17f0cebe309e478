import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from './part-content';

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
