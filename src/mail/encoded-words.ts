/**
 * RFC 2047 encoded words ("=?charset?Q|B?text?="), as found in Subject, display names and file names.
 *
 * Anything malformed (bad base64, a broken =XX, a charset the platform does not know) is left exactly
 * as written: showing the raw text is more honest than guessing.
 */
import { concatBytes } from './concat-bytes';

// The encoded text should not contain spaces, but some senders put them in Q words; '?' still ends it.
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\r\n]*)\?=/g;

interface DecodedWord {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array | null;
}

/**
 * Decodes every encoded word in a header value. Whitespace between two encoded words is dropped
 * (RFC 2047 section 6.2); adjacent words in the same charset are joined before decoding, because
 * senders split multi-byte characters across words.
 */
export function decodeEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  const words: DecodedWord[] = [];
  for (const match of text.matchAll(ENCODED_WORD)) {
    const start = match.index;
    const [whole, charset = '', encoding = '', payload = ''] = match;
    words.push({
      start,
      end: start + whole.length,
      charset: charset.toLowerCase(),
      bytes: encoding.toLowerCase() === 'b' ? decodeBase64(payload) : decodeQuotedPrintableWord(payload),
    });
  }
  if (words.length === 0) return text;

  let output = '';
  let cursor = 0;
  let group: DecodedWord[] = [];
  const flushGroup = () => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return;
    const decoded = decodeCharset(concatBytes(group.map((word) => word.bytes as Uint8Array)), first.charset);
    output += decoded === null ? text.slice(first.start, last.end) : neutraliseControls(decoded);
    group = [];
  };
  for (const word of words) {
    const gap = text.slice(cursor, word.start);
    const previous = group[group.length - 1];
    const joinsPrevious = previous !== undefined && /^[ \t\r\n]*$/.test(gap);
    if (word.bytes === null) {
      // A malformed word stays visible as written, and it separates the words around it.
      flushGroup();
      output += gap + text.slice(word.start, word.end);
    } else if (joinsPrevious && previous.charset === word.charset) {
      group.push(word);
    } else if (joinsPrevious) {
      flushGroup();
      group.push(word);
    } else {
      flushGroup();
      output += gap;
      group.push(word);
    }
    cursor = word.end;
  }
  flushGroup();
  return output + text.slice(cursor);
}

const decoders = new Map<string, TextDecoder | null>();

/** Decodes bytes in a named charset; null when the platform does not know the charset. */
export function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  const label = charset.trim().toLowerCase();
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = null;
    }
    decoders.set(label, decoder);
  }
  if (decoder === null) return null;
  // Node's decoder maps 0x80-0x9F of windows-1252 (and its aliases latin1, us-ascii…) to C1 controls;
  // browsers and the WHATWG Encoding standard use the real table, so do it here for the same result.
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

// Code points for bytes 0x80-0x9F; the five unassigned bytes map to themselves, as in WHATWG.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252, the charset most "ISO-8859-1" mail really is. Every byte maps to a distinct code
 * point, so the text can be turned back into the exact bytes.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    const codes = Array.from(chunk, (byte) =>
      byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte,
    );
    text += String.fromCharCode(...codes);
  }
  return text;
}

/**
 * Decoded text can smuggle in what a raw header cannot: NUL, CR, LF and other controls (the
 * "Mailsploit" family of spoofs). They become U+FFFD so they are visible and split nothing.
 */
function neutraliseControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

function decodeQuotedPrintableWord(payload: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const char = payload[i] as string;
    if (char === '_') {
      bytes.push(0x20);
    } else if (char === '=') {
      const hex = payload.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = char.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      // Raw non-ASCII inside a Q word is invalid but seen; keep it as the UTF-8 the header was read as.
      else bytes.push(...new TextEncoder().encode(char));
    }
  }
  return Uint8Array.from(bytes);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64_ALPHABET].map((char, value) => [char, value]));

/** Base64 with missing padding tolerated (common); anything else outside the alphabet is malformed. */
export function decodeBase64(payload: string): Uint8Array | null {
  const clean = payload.replace(/[\s]/g, '').replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (const char of clean) {
    const value = BASE64_VALUES.get(char);
    if (value === undefined) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}
