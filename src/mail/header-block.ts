/**
 * Finding and splitting the header block of a message (RFC 5322 section 2.2).
 *
 * Everything here looks only at the header block: the body is never scanned, decoded or copied, so a
 * 25 MB message costs the same as a 5 KB one with the same headers.
 */
import { decodeWindows1252 } from './encoded-words';
import { MailError } from './errors';

/**
 * Above this a "header block" is not one: either the blank line is missing from a huge input or the
 * input is not a message. Real header blocks stay well below 1 MiB even on long mailing-list threads.
 */
export const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export interface HeaderBlock {
  /** The header lines as text, each with its own line break, without the blank separator line. */
  header: string;
  /** Where the body starts: a byte offset for Uint8Array input, a character offset for string input. */
  bodyOffset: number;
}

export interface HeaderField {
  /** The field name as written (case kept). */
  name: string;
  /** The value exactly as written after the colon, folding line breaks included. */
  value: string;
  /** The value unfolded: every line break with its indentation becomes one space, ends trimmed. */
  unfolded: string;
  /** Position in the block, 0 = topmost (the most recently added). */
  index: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a message (or headers alone) into the header text and the offset of the body.
 * The end of the header block is the first empty line, whatever mix of CRLF and LF surrounds it;
 * without one, the whole input is headers.
 */
export function splitHeaderBlock(raw: Uint8Array | string): HeaderBlock {
  if (typeof raw === 'string') return splitHeaderText(raw);
  const end = findHeaderEnd(raw);
  return { header: decodeHeaderBytes(raw.subarray(0, end.headerEnd)), bodyOffset: end.bodyOffset };
}

interface HeaderEnd {
  headerEnd: number;
  bodyOffset: number;
}

function findHeaderEnd(raw: Uint8Array): HeaderEnd {
  // Searching a bounded window means even a body without a single line break is never read.
  const bytes = raw.subarray(0, MAX_HEADER_BYTES + 3);
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  // A message that starts with a blank line has no headers at all.
  if (bytes[0] === LF) return { headerEnd: 0, bodyOffset: 1 };
  if (bytes[0] === CR && bytes[1] === LF) return { headerEnd: 0, bodyOffset: 2 };
  let lineBreak = bytes.indexOf(LF);
  while (lineBreak !== -1 && lineBreak < limit) {
    const next = bytes[lineBreak + 1];
    if (next === LF) return { headerEnd: lineBreak + 1, bodyOffset: lineBreak + 2 };
    if (next === CR && bytes[lineBreak + 2] === LF) return { headerEnd: lineBreak + 1, bodyOffset: lineBreak + 3 };
    lineBreak = bytes.indexOf(LF, lineBreak + 1);
  }
  if (raw.length > MAX_HEADER_BYTES) throw new MailError('too_large', 'no end of headers within the size limit');
  return { headerEnd: raw.length, bodyOffset: raw.length };
}

function splitHeaderText(input: string): HeaderBlock {
  const text = input.slice(0, MAX_HEADER_BYTES + 3); // bounded, as for bytes
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM from a text editor is not part of the message
  if (text[start] === '\n') return { header: '', bodyOffset: start + 1 };
  if (text.startsWith('\r\n', start)) return { header: '', bodyOffset: start + 2 };
  const limit = Math.min(text.length, MAX_HEADER_BYTES);
  let lineBreak = text.indexOf('\n', start);
  while (lineBreak !== -1 && lineBreak < limit) {
    if (text[lineBreak + 1] === '\n') return { header: text.slice(start, lineBreak + 1), bodyOffset: lineBreak + 2 };
    if (text.startsWith('\r\n', lineBreak + 1)) {
      return { header: text.slice(start, lineBreak + 1), bodyOffset: lineBreak + 3 };
    }
    lineBreak = text.indexOf('\n', lineBreak + 1);
  }
  if (text.length > MAX_HEADER_BYTES) throw new MailError('too_large', 'no end of headers within the size limit');
  return { header: text.slice(start), bodyOffset: text.length };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Header bytes are mostly ASCII, sometimes raw UTF-8 (RFC 6532), sometimes a legacy 8-bit charset
 * nobody declared. Lines that are valid UTF-8 are read as UTF-8; any other line as Windows-1252
 * (what undeclared 8-bit mail almost always is), which never fails and keeps every byte distinct.
 */
function decodeHeaderBytes(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return strictUtf8.decode(body);
  } catch {
    const lines: string[] = [];
    let lineStart = 0;
    while (lineStart < body.length) {
      const lineBreak = body.indexOf(LF, lineStart);
      const lineEnd = lineBreak === -1 ? body.length : lineBreak + 1;
      lines.push(decodeLineTolerantly(body.subarray(lineStart, lineEnd)));
      lineStart = lineEnd;
    }
    return lines.join('');
  }
}

function decodeLineTolerantly(line: Uint8Array): string {
  try {
    return strictUtf8.decode(line);
  } catch {
    return decodeWindows1252(line);
  }
}

/**
 * Splits header text into fields. Continuation lines (starting with space or tab) belong to the field
 * above. Lines that are neither a field nor a continuation (an mbox "From " line, junk) are skipped
 * here but stay in the raw text the report keeps.
 */
export function parseHeaderFields(header: string): HeaderField[] {
  const fields: HeaderField[] = [];
  let name: string | null = null;
  let parts: string[] = [];
  const flush = () => {
    if (name === null) return;
    const value = parts.join('');
    fields.push({ name, value, unfolded: unfoldValue(value), index: fields.length });
    name = null;
    parts = [];
  };
  for (const line of splitLines(header)) {
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (name !== null) parts.push(line);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    // Obsolete syntax allows spaces before the colon ("Subject : hi"); a name never contains inner spaces.
    const candidate = line.slice(0, colon).trimEnd();
    if (!isFieldName(candidate)) continue;
    name = candidate;
    parts = [line.slice(colon + 1)];
  }
  flush();
  return fields;
}

/** Lines with their line breaks kept, so joining continuation lines reproduces the raw value. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const lineBreak = text.indexOf('\n', start);
    const end = lineBreak === -1 ? text.length : lineBreak + 1;
    lines.push(text.slice(start, end));
    start = end;
  }
  return lines;
}

function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  return true;
}

/** RFC 5322 unfolding, with the fold's indentation collapsed to one space for readability. */
export function unfoldValue(value: string): string {
  return value
    .replace(/\r?\n[ \t]*/g, ' ')
    .replace(/\r$/, '')
    .trim();
}

/**
 * The header block with each field on one line, for copying into a ticket or a search box.
 * Lines that are not fields are kept as they are.
 */
export function unfoldHeaderBlock(header: string): string {
  return header.replace(/\r?\n(?=[ \t])[ \t]*/g, ' ').replace(/\r\n/g, '\n');
}
