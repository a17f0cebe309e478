import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeCharset, decodeEncodedWords } from '../encoded-words';

describe('decodeEncodedWords', () => {
  it('decodes Q and B words in UTF-8 and legacy charsets', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Gr=C3=BCezi_mitenand?=')).toBe('Grüezi mitenand');
    expect(decodeEncodedWords('=?utf-8?B?w4ljaMOpYW5jZQ==?=')).toBe('Échéance');
    expect(decodeEncodedWords('=?iso-8859-1?q?R=E9sum=E9?=')).toBe('Résumé');
    expect(decodeEncodedWords('=?windows-1252?Q?=93quoted=94_=80?=')).toBe('\u201cquoted\u201d \u20ac');
    expect(decodeEncodedWords('=?koi8-r?B?8NLJ18XU?=')).toBe('Привет');
  });

  it('decodes Japanese in ISO-2022-JP and Shift_JIS', () => {
    // "会議" (meeting) in ISO-2022-JP: ESC $ B, 0x32 0x71 0x35 0x44, ESC ( B
    const iso2022 = Buffer.from([0x1b, 0x24, 0x42, 0x32, 0x71, 0x35, 0x44, 0x1b, 0x28, 0x42]).toString('base64');
    expect(decodeEncodedWords(`=?ISO-2022-JP?B?${iso2022}?=`)).toBe('会議');
    const shiftJis = Buffer.from([0x89, 0xef, 0x8b, 0x63]).toString('base64');
    expect(decodeEncodedWords(`=?shift_jis?B?${shiftJis}?=`)).toBe('会議');
  });

  it('drops whitespace between adjacent words and joins bytes split across them', () => {
    expect(decodeEncodedWords('=?utf-8?q?Hello?= =?utf-8?q?_World?=')).toBe('Hello World');
    // "ü" is C3 BC: the two bytes arrive in two different words.
    expect(decodeEncodedWords('=?utf-8?q?Gr=C3?=\r\n =?utf-8?q?=BCezi?=')).toBe('Grüezi');
    expect(decodeEncodedWords('Re: =?utf-8?q?caf=C3=A9?= tomorrow')).toBe('Re: café tomorrow');
  });

  it('accepts a language suffix (RFC 2231) and missing base64 padding', () => {
    expect(decodeEncodedWords('=?utf-8*de?q?Stra=C3=9Fe?=')).toBe('Straße');
    expect(decodeEncodedWords('=?utf-8?b?w6k?=')).toBe('é');
  });

  it('leaves malformed words and unknown charsets exactly as written', () => {
    for (const text of [
      '=?utf-8?q?bad=ZZhex?=',
      '=?utf-8?b?not*base64?=',
      '=?x-unknown?q?abc?=',
      '=?utf-8?q?unterminated',
      '=??q?x?=',
    ]) {
      expect(decodeEncodedWords(text)).toBe(text);
    }
    expect(decodeEncodedWords('=?utf-8?q?ok?= =?utf-8?q?bad=G?= =?utf-8?q?ok?=')).toBe('ok =?utf-8?q?bad=G?= ok');
  });

  it('makes smuggled control characters visible instead of letting them split text', () => {
    // Mailsploit: a NUL or a line break hidden in an encoded word.
    expect(decodeEncodedWords('=?utf-8?q?ceo=40example.com=00?=')).toBe('ceo@example.com\ufffd');
    expect(decodeEncodedWords('=?utf-8?b?YQ0KQmNjOiB4QGV2aWwuZXhhbXBsZQ==?=')).toBe('a\ufffd\ufffdBcc: x@evil.example');
  });

  it('keeps HTML and script text inert: decoded as plain characters, nothing removed or added', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert("x")</script>';
    const encoded = `=?utf-8?b?${Buffer.from(payload).toString('base64')}?=`;
    expect(decodeEncodedWords(encoded)).toBe(payload);
  });
});

describe('helpers', () => {
  it('decodeCharset returns null for a charset the platform does not know', () => {
    expect(decodeCharset(new Uint8Array([0x41]), 'x-martian')).toBeNull();
    expect(decodeCharset(new Uint8Array([0xe9]), 'latin1')).toBe('é');
  });

  it('decodeBase64 rejects characters outside the alphabet', () => {
    expect(decodeBase64('QUJD')).toEqual(new Uint8Array([0x41, 0x42, 0x43]));
    expect(decodeBase64('QU!D')).toBeNull();
    expect(decodeBase64('Q')).toBeNull();
  });
});
