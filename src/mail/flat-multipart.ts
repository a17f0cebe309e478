import type { Attachment } from 'postal-mime';
import { Base64Stream, decodeBase64Natively } from './base64';
import { endOfRun } from './body-runs';
import type { AttachmentPart } from './parse-message';

/**
 * The files of the commonest shape of message with attachments, read in one pass over its lines: a multipart/mixed
 * of single parts (plain text, files) whose headers are plain ASCII in their simplest form. postal-mime builds a
 * parser node of a kilobyte or more for each part and reads its headers through a general parser, about 20 µs a
 * part in Chromium: for a message of 4,000 files, most of the time from click to file. Here a part costs the
 * search for its lines.
 *
 * Anything this does not read exactly as postal-mime (4.2.0, with the hooks of parse-message.ts) would gives
 * undefined, and the caller parses the message with postal-mime: encoded words, RFC 2231 parameters, comments,
 * quoting with backslashes, repeated content headers or parameters, any byte outside printable ASCII in a part's
 * headers, nested multiparts and messages, html (whose `cid:` references decide which images are inline),
 * calendars, quoted-printable files, a part that ends inside its headers, a missing closing delimiter, and anything
 * past postal-mime's limits, which it refuses. `parse-message.postal-mime.test.ts` and `flat-multipart.test.ts`
 * compare the files listed both ways.
 */
export function readFlatMultipart(bytes: Uint8Array): AttachmentPart[] | undefined {
  // An array of another realm (a Firefox page's) refuses this realm's views of it: postal-mime copies it first.
  if (!(bytes instanceof Uint8Array)) return undefined;
  // One pass is one task of the page's main thread: a large message goes through the parser, which yields to the
  // page as it reads (parse-message.ts), so that no action freezes the webmail for more than a moment.
  if (bytes.length > MAX_MESSAGE_BYTES) return undefined;
  const budget = { headerBytes: 0, parts: 1 };
  const root = readHeaderBlock(bytes, 0, undefined, budget, 'lenient');
  if (!root) return undefined;
  const type = contentTypeOf(root.fields);
  const boundaryParam = type?.params.get('boundary')?.trimEnd();
  if (type?.value !== 'multipart/mixed' || !boundaryParam) return undefined;
  if (!PASSED_THROUGH.has(transferEncoding(root.fields) ?? '')) return undefined;
  const boundary = asciiBytesOf(boundaryParam);

  // The preamble: lines up to the first delimiter, read by nobody.
  let line = nextDelimiter(bytes, root.next, boundary);
  if (!line || delimiterKind(bytes, line, boundary) !== 'delimiter') return undefined;

  const parts: AttachmentPart[] = [];
  const smallFiles = new SmallFiles();
  for (;;) {
    budget.parts++;
    if (budget.parts > MAX_PART_COUNT) return undefined;
    const headers = readHeaderBlock(bytes, line.next, boundary, budget, 'strict');
    if (!headers) return undefined;
    // The body: every line up to the next delimiter, which owns the line break in front of it (RFC 2046 5.1.1).
    const end = nextDelimiter(bytes, headers.next, boundary);
    if (!end) return undefined;
    // A part of neither headers nor body is left to postal-mime, whose hooks read a run of them in one step.
    if (headers.lines === 0 && end.start === headers.next) return undefined;
    const part = partOf(headers.fields, bytes, headers.next, end.start, smallFiles);
    if (part === undefined) return undefined;
    if (part !== 'text') parts.push(part);
    if (delimiterKind(bytes, end, boundary) === 'close') return parts;
    line = end;
  }
}

// Read in one go up to this size: searching 4 MB for delimiters and decoding its files takes about 10 ms.
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

// postal-mime's limits (its defaults), past which it refuses a message: such a message is left to it to refuse.
const MAX_PART_COUNT = 10_000;
const MAX_HEADERS_SIZE = 2 * 1024 * 1024;
// What postal-mime counts a header line as at the least, whatever its length.
const HEADER_LINE_MIN_COST = 64;

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;
const DASH = 0x2d;
const COLON = 0x3a;

// The headers postal-mime reads a part's body by; the first of each counts, so a repeated one is left to it.
const CONTENT_HEADERS = new Set([
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-id',
  'content-description',
]);

/** A line: where it starts, where it ends without its line break (its CRs and LF), where the next one starts. */
interface Line {
  start: number;
  end: number;
  next: number;
}

function lineAt(bytes: Uint8Array, start: number): Line | undefined {
  if (start >= bytes.length) return undefined;
  const lf = bytes.indexOf(LF, start);
  const next = lf < 0 ? bytes.length : lf + 1;
  let end = lf < 0 ? bytes.length : lf;
  while (end > start && bytes[end - 1] === CR) end--;
  return { start, end, next };
}

/** postal-mime's test: `--`, the boundary, `--` for the closing one, then nothing but spaces and tabs. */
function delimiterKind(bytes: Uint8Array, line: Line, boundary: Uint8Array): 'none' | 'delimiter' | 'close' {
  const { start, end } = line;
  if (end - start < boundary.length + 2 || bytes[start] !== DASH || bytes[start + 1] !== DASH) return 'none';
  for (let i = 0; i < boundary.length; i++) if (bytes[start + 2 + i] !== boundary[i]) return 'none';
  let at = start + 2 + boundary.length;
  const close = end - at >= 2 && bytes[at] === DASH && bytes[at + 1] === DASH;
  if (close) at += 2;
  for (; at < end; at++) if (bytes[at] !== SP && bytes[at] !== TAB) return 'none';
  return close ? 'close' : 'delimiter';
}

/**
 * The first delimiter line from `start` (a line start) on. Only lines that start with `--` and the boundary are
 * looked at (see endOfRun), so a body of megabytes is a few native searches, not a step per line.
 */
function nextDelimiter(bytes: Uint8Array, start: number, boundary: Uint8Array): Line | undefined {
  const boundaries = [boundary];
  for (let at = start; at < bytes.length;) {
    const line = lineAt(bytes, at)!;
    if (delimiterKind(bytes, line, boundary) !== 'none') return line;
    const lf = endOfRun(bytes, at, boundaries);
    if (lf < 0) return undefined;
    at = lf + 1;
  }
  return undefined;
}

interface HeaderBlock {
  /** The content headers, lower-case name → value unfolded and trimmed of spaces and tabs. */
  fields: Map<string, string>;
  /** Where the body starts: after the blank line that ends the headers. */
  next: number;
  /** How many header lines there were. */
  lines: number;
}

/**
 * The header lines from `start` to the blank line. `strict` (a part's headers): every byte printable ASCII or a tab,
 * every field name followed by its colon. `lenient` (the message's own headers): other fields may hold anything,
 * as long as postal-mime reads each line as a field or a fold, as it does. undefined where the block is not read so.
 */
function readHeaderBlock(
  bytes: Uint8Array,
  start: number,
  boundary: Uint8Array | undefined,
  budget: { headerBytes: number },
  mode: 'strict' | 'lenient',
): HeaderBlock | undefined {
  const fields = new Map<string, string>();
  let current: { name: string; value: string } | undefined;
  let kept = false;
  let lines = 0;
  for (let line = lineAt(bytes, start); line; line = lineAt(bytes, line.next)) {
    if (boundary && delimiterKind(bytes, line, boundary) !== 'none') return undefined;
    if (line.end === line.start) {
      if (line.next === line.end) return undefined; // the message ends in its headers
      if (current && kept) fields.set(current.name, trimWsp(current.value));
      return { fields, next: line.next, lines };
    }
    lines++;
    budget.headerBytes += Math.max(line.end - line.start, HEADER_LINE_MIN_COST);
    if (budget.headerBytes > MAX_HEADERS_SIZE) return undefined;
    const ascii = isPrintableAscii(bytes, line.start, line.end);
    if (mode === 'strict' && !ascii) return undefined;
    if (bytes[line.start] === SP || bytes[line.start] === TAB) {
      if (!current) return undefined;
      if (kept) {
        if (!ascii) return undefined;
        current.value += latin1(bytes, line.start, line.end);
      }
      continue;
    }
    if (current && kept) fields.set(current.name, trimWsp(current.value));
    const colon = fieldNameEnd(bytes, line.start, line.end);
    if (colon < 0) return undefined;
    const name = contentHeaderName(bytes, line.start, colon);
    kept = name !== undefined;
    if (name !== undefined && (fields.has(name) || !ascii)) return undefined;
    current = { name: name ?? '', value: name !== undefined ? latin1(bytes, colon + 1, line.end) : '' };
  }
  return undefined;
}

/** Which of CONTENT_HEADERS the field name from `start` to `end` is, in any case; undefined for any other. */
function contentHeaderName(bytes: Uint8Array, start: number, end: number): string | undefined {
  search: for (const name of CONTENT_HEADERS) {
    if (name.length !== end - start) continue;
    for (let i = 0; i < name.length; i++) {
      const byte = bytes[start + i]!;
      const lower = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
      if (lower !== name.charCodeAt(i)) continue search;
    }
    return name;
  }
  return undefined;
}

/**
 * Where the colon after a field name is; -1 for a line postal-mime would not read as a field (which ends its
 * headers) and for a name followed by spaces before its colon (a field of another name to it), both left to it.
 */
function fieldNameEnd(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end && bytes[at]! >= 0x21 && bytes[at]! <= 0x7e && bytes[at] !== COLON) at++;
  return at > start && at < end && bytes[at] === COLON ? at : -1;
}

function isPrintableAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if ((byte < 0x20 && byte !== TAB) || byte > 0x7e) return false;
  }
  return true;
}

// Only ever given printable ASCII (checked before), one header line at a time: a string made at once, not one a
// character, and in pieces that stay well below the number of arguments a call may take.
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let from = start; from < end; from += 8192) {
    const piece = bytes.subarray(from, Math.min(end, from + 8192));
    text += String.fromCharCode.apply(null, piece as unknown as number[]);
  }
  return text;
}

function asciiBytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

function isWsp(unit: number): boolean {
  return unit === SP || unit === TAB;
}

interface Structured {
  value: string;
  params: Map<string, string>;
}

// A token (RFC 2045) without `*`, which would make a parameter an RFC 2231 one.
const TOKEN = "[!#$%&'+.^_`|~0-9A-Za-z-]+";
const MAIN_VALUE = new RegExp(`^(${TOKEN}(?:/${TOKEN})?)`);
const PARAMETER = new RegExp(`[ \\t]*;[ \\t]*([0-9A-Za-z_.-]+)[ \\t]*=[ \\t]*(?:"([^"]*)"|(${TOKEN}))`, 'y');
const TRAILING_SPACE = /[ \t]*$/y;

/**
 * A Content-Type or Content-Disposition of the simplest form (`type/subtype; name="value"; other=token`) as
 * postal-mime parses it: the value in lower case, parameter names in lower case, values as written. undefined for
 * any other form (comments, backslashes, RFC 2231, repeated parameters, a parameter without a value…).
 */
function structured(text: string): Structured | undefined {
  if (/[()\\]/.test(text)) return undefined;
  const main = MAIN_VALUE.exec(text);
  if (!main) return undefined;
  const params = new Map<string, string>();
  let at = main[0].length;
  while (at < text.length) {
    PARAMETER.lastIndex = at;
    const parameter = PARAMETER.exec(text);
    if (!parameter) break;
    const name = parameter[1]!.toLowerCase();
    if (params.has(name)) return undefined;
    params.set(name, parameter[2] ?? parameter[3]!);
    at = PARAMETER.lastIndex;
  }
  TRAILING_SPACE.lastIndex = at;
  TRAILING_SPACE.exec(text);
  if (TRAILING_SPACE.lastIndex !== text.length) return undefined;
  return { value: main[1]!.toLowerCase(), params };
}

function contentTypeOf(fields: Map<string, string>): Structured | undefined {
  const text = fields.get('content-type');
  return text === undefined ? { value: 'text/plain', params: new Map() } : structured(text);
}

const PASSED_THROUGH = new Set(['7bit', '8bit', 'binary']);

// Html is read for its cid: references; postal-mime re-encodes a calendar's text.
const READ_BY_POSTAL_MIME = new Set(['text/html', 'text/calendar', 'application/ics']);

// The transfer encoding is a single token here; postal-mime reads none as 8bit.
function transferEncoding(fields: Map<string, string>): string | undefined {
  const text = fields.get('content-transfer-encoding');
  if (text === undefined) return '8bit';
  return /^[0-9A-Za-z-]+$/.test(text) ? text.toLowerCase() : undefined;
}

/**
 * One part: a file (as postal-mime's collectAttachment and the hooks would list it), 'text' for body text postal-mime
 * reads as such (nobody reads it when listing files), undefined for a part left to postal-mime.
 */
function partOf(
  fields: Map<string, string>,
  bytes: Uint8Array,
  bodyStart: number,
  delimiterStart: number,
  smallFiles: SmallFiles,
): AttachmentPart | 'text' | undefined {
  if (fields.has('content-description')) return undefined;
  const type = contentTypeOf(fields);
  const dispositionText = fields.get('content-disposition');
  const disposition = dispositionText === undefined ? { value: '', params: new Map() } : structured(dispositionText);
  const encoding = transferEncoding(fields);
  if (!type || !disposition || encoding === undefined) return undefined;
  if (type.value.startsWith('multipart/') || type.value.startsWith('message/') || READ_BY_POSTAL_MIME.has(type.value)) {
    return undefined;
  }
  const filename = disposition.params.get('filename') || type.params.get('name') || null;
  // parseMessageWithParts lists a text part that names a file as a file.
  if (disposition.value !== 'attachment' && type.value === 'text/plain' && !filename) return 'text';
  if (filename?.includes('=?')) return undefined;
  const content = bodyOf(bytes, bodyStart, delimiterStart, encoding, smallFiles);
  if (!content) return undefined;
  const contentId = fields.get('content-id');
  const attachment = {
    filename,
    mimeType: type.value,
    disposition: disposition.value || null,
    ...(contentId ? { contentId } : {}),
    content,
  } as Attachment;
  return { attachment, content };
}

/**
 * A file's bytes, its transfer encoding undone: base64 as postal-mime decodes it (characters outside the alphabet,
 * line breaks included, skipped), other bodies as they are, without the line break the delimiter owns. undefined
 * for an encoding left to postal-mime.
 */
function bodyOf(
  bytes: Uint8Array,
  start: number,
  delimiterStart: number,
  encoding: string,
  smallFiles: SmallFiles,
): ArrayBuffer | Uint8Array | undefined {
  if (encoding === 'base64') {
    const encoded = bytes.subarray(start, delimiterStart);
    const native = decodeBase64Natively(encoded);
    if (native) return native;
    const bound = Math.floor((encoded.length * 3) / 4) + 3;
    const stream = new Base64Stream(encoded.length, smallFiles.room(bound));
    stream.push(encoded);
    return smallFiles.take(stream.decodedLength) ?? stream.finish();
  }
  if (!PASSED_THROUGH.has(encoding)) return undefined;
  let end = delimiterStart;
  if (end > start) {
    end--; // the LF that ends the last line
    while (end > start && bytes[end - 1] === CR) end--;
  }
  const room = smallFiles.room(end - start);
  if (!room) return bytes.slice(start, end);
  room.set(bytes.subarray(start, end));
  return smallFiles.take(end - start);
}

// Files up to this size share buffers of SHARED_BUFFER_BYTES (see SmallFiles).
const SMALL_FILE_BYTES = 8 * 1024;
const SHARED_BUFFER_BYTES = 256 * 1024;

/**
 * The bytes of small files, side by side in shared buffers, each file a view of its own: a buffer for each file
 * costs Chromium an allocation outside the JavaScript heap (some microseconds), and 4,000 small files made that a
 * fifth of the listing. The views are arrays of this script's realm, which the rest of the listing uses as they are.
 */
class SmallFiles {
  private buffer = new Uint8Array(0);
  private used = 0;
  private reserved = false;

  /** Where the next file of at most `size` bytes is written; undefined for a file too large to share a buffer. */
  room(size: number): Uint8Array | undefined {
    this.reserved = size <= SMALL_FILE_BYTES;
    if (!this.reserved) return undefined;
    if (this.buffer.length - this.used < size) {
      this.buffer = new Uint8Array(SHARED_BUFFER_BYTES);
      this.used = 0;
    }
    return this.buffer.subarray(this.used);
  }

  /** The `length` bytes just written to the room; undefined if there was none. */
  take(length: number): Uint8Array | undefined {
    if (!this.reserved) return undefined;
    this.reserved = false;
    const file = this.buffer.subarray(this.used, this.used + length);
    this.used += length;
    return file;
  }
}
