/** Ways of putting non-ASCII or awkward text into header fields: RFC 2047 encoded-words, RFC 2231 parameters,
 * quoted strings. Each function returns header text exactly as it goes on the wire (folding as '\r\n '). */

import { type Charset, encodeText } from './charsets.ts';
import { base64Inline } from './transfer-encoding.ts';

export type WordEncoding = 'B' | 'Q';

/** RFC 2047 limits an encoded-word to 75 characters. */
const MAX_WORD = 75;

// Characters that may stay literal in a Q-encoded word anywhere, including phrases (RFC 2047 §5 (3)).
const Q_SAFE = /^[A-Za-z0-9!*+\-/]$/;

function qEncode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (byte === 0x20) out += '_';
    else if (byte < 0x80 && Q_SAFE.test(char)) out += char;
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodedWord(text: string, charset: Charset, encoding: WordEncoding): string {
  const bytes = encodeText(text, charset);
  const payload = encoding === 'B' ? base64Inline(bytes) : qEncode(bytes);
  return `=?${charset}?${encoding}?${payload}?=`;
}

/**
 * Text as one or more encoded-words, split between whole characters so every word decodes on its own
 * (required for multi-byte charsets), folded onto continuation lines.
 */
export function encodeWords(text: string, charset: Charset = 'utf-8', encoding: WordEncoding = 'B'): string {
  const words: string[] = [];
  let current = '';
  for (const char of text) {
    const candidate = current + char;
    if (current !== '' && encodedWord(candidate, charset, encoding).length > MAX_WORD) {
      words.push(encodedWord(current, charset, encoding));
      current = char;
    } else {
      current = candidate;
    }
  }
  if (current !== '' || words.length === 0) words.push(encodedWord(current, charset, encoding));
  return words.join('\r\n ');
}

/** A quoted-string (RFC 5322 §3.2.4): backslash and double quote escaped, everything else as is. */
export function quotedString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

// attribute-char of RFC 2231: these stay literal, every other byte is percent-encoded.
const ATTRIBUTE_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

function percentEncode(bytes: Uint8Array): string[] {
  return Array.from(bytes, (byte) => {
    const char = String.fromCharCode(byte);
    return byte < 0x80 && ATTRIBUTE_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

export interface Rfc2231Options {
  charset?: 'utf-8' | 'iso-8859-1';
  language?: string;
  /** Split into `name*0*=`, `name*1*=`, … sections of at most this many encoded characters. */
  sectionLength?: number;
}

/**
 * A parameter in RFC 2231 extended form, as a list of `name*…=value` strings (one per section). Sections are cut
 * between whole characters, as mail clients do, so that each section is readable by itself.
 */
export function rfc2231Params(name: string, value: string, options: Rfc2231Options = {}): string[] {
  const charset = options.charset ?? 'utf-8';
  const prefix = `${charset}'${options.language ?? ''}'`;
  const perChar = Array.from(value, (char) => percentEncode(encodeText(char, charset)).join(''));
  if (options.sectionLength === undefined) return [`${name}*=${prefix}${perChar.join('')}`];
  const sections: string[] = [];
  let current = '';
  for (const encoded of perChar) {
    if (current !== '' && current.length + encoded.length > options.sectionLength) {
      sections.push(current);
      current = '';
    }
    current += encoded;
  }
  sections.push(current);
  if (sections.length === 1) return [`${name}*=${prefix}${current}`];
  return sections.map((section, index) => `${name}*${index}*=${index === 0 ? prefix : ''}${section}`);
}

/** A header field with parameters, one parameter per folded line as most mail clients write them. */
export function headerWithParams(field: string, value: string, params: readonly string[]): string {
  return [`${field}: ${value}`, ...params].join(';\r\n ');
}

/** Unstructured header text (a Subject): as is when printable ASCII, otherwise encoded-words. */
export function encodeHeaderText(text: string, charset: Charset = 'utf-8', encoding: WordEncoding = 'Q'): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : encodeWords(text, charset, encoding);
}
