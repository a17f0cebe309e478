import { describe, expect, it } from 'vitest';
import { recoverUndecodableText } from './undecodable-text';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const asUtf8 = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('recoverUndecodableText', () => {
  it('returns text without replacement characters unchanged', () => {
    expect(recoverUndecodableText(utf8('anything'), 'Grüße.pdf')).toBe('Grüße.pdf');
  });

  it('re-reads Latin-1 bytes that were decoded as UTF-8', () => {
    const raw = latin1('Content-Disposition: attachment; filename="Übersicht März ÄÖ.pdf"\r\n');
    const garbled = asUtf8(latin1('Übersicht März ÄÖ.pdf'));
    expect(garbled).toContain('\ufffd');
    expect(recoverUndecodableText(raw, garbled)).toBe('Übersicht März ÄÖ.pdf');
  });

  it('keeps correctly decoded UTF-8 around the gaps', () => {
    const raw = new Uint8Array([...utf8('name="日本 '), ...latin1('Öl'), ...utf8('.txt"')]);
    const garbled = asUtf8(raw.subarray(6, raw.length - 1));
    expect(recoverUndecodableText(raw, garbled)).toBe('日本 Öl.txt');
  });

  it('gives up quietly when the text is not in the raw bytes', () => {
    expect(recoverUndecodableText(utf8('nothing here'), 'a\ufffdb')).toBe('a\ufffdb');
  });
});

describe('recoverUndecodableText limits', () => {
  it('leaves a replacement character the sender really wrote', () => {
    const raw = utf8('filename="broken \ufffd name.txt"');
    expect(recoverUndecodableText(raw, 'broken \ufffd name.txt')).toBe('broken \ufffd name.txt');
  });

  it('does not try on absurdly long or fragmented text', () => {
    const fragmented = Array.from({ length: 40 }, () => 'a\ufffd').join('');
    const raw = latin1(fragmented.replace(/\ufffd/g, 'é'));
    expect(recoverUndecodableText(raw, fragmented)).toBe(fragmented);
  });
});
