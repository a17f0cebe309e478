import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { Base64Stream, decodeBase64Natively } from './base64';
import { MailError } from './errors';

export type ParsedMessage = Email;
export type ParsedAttachment = Attachment;

/** Parses a raw RFC 5322 message. Throws MailError `empty_input` or `malformed_message`, never anything else. */
export async function parseMessage(raw: Uint8Array | ArrayBuffer): Promise<ParsedMessage> {
  const bytes = toBytes(raw);
  assertNotEmpty(bytes);
  const message = await runParser(new PostalMime(), bytes);
  assertLooksLikeMessage(message);
  return message;
}

/** One attachment part and the facts about it postal-mime's result leaves out. */
export interface AttachmentPart {
  attachment: ParsedAttachment;
  /** Lower-cased Content-Transfer-Encoding token, '' when the part had none; undefined if it could not be seen. */
  transferEncoding?: string;
  /**
   * Where the part's body sits in the raw message, still transfer-encoded, without the line break that belongs to
   * the next boundary. Undefined if it could not be seen.
   */
  body?: { start: number; end: number };
}

export interface MessageWithParts {
  message: ParsedMessage;
  parts: AttachmentPart[];
}

/**
 * Parses a message for its attachments. Differs from parseMessage because postal-mime's defaults serve reading a
 * message, not saving its files:
 * - every message/rfc822 part comes out as an attachment holding the nested message, never inlined into the body,
 *   so the caller decides between saving it as .eml and listing its own attachments;
 * - a text/plain or text/html part that names a file (`Content-Disposition: inline; filename=notes.txt`, as Apple
 *   Mail sends attached text files) is an attachment, not more body text, unless it is one of the alternatives of
 *   a multipart/alternative;
 * - each part's transfer encoding and the position of its body in the raw message are recorded: postal-mime turns
 *   CRLF into LF and appends a line break in parts that are not base64, so a saved .eml or text file would not be
 *   the bytes that were sent. The caller can take them from the raw message instead.
 * - base64 bodies are decoded by a byte-level decoder (see RangeBase64Decoder) rather than postal-mime's, which
 *   turns every line into a string first and takes over a second on a message with 30 MB of attachments; their
 *   lines reach postal-mime in runs rather than one by one (see endOfBase64Run). The result is the same bytes.
 * The last three look at postal-mime internals (see `hookParser`); partHooksAvailable() lets a test notice when an
 * update removes them, and without them the result is simply postal-mime's own.
 */
export async function parseMessageWithParts(raw: Uint8Array | ArrayBuffer): Promise<MessageWithParts> {
  const bytes = toBytes(raw);
  assertNotEmpty(bytes);
  const parser = new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const seen = hookParser(parser);
  const message = await runParser(parser, bytes);
  assertLooksLikeMessage(message);
  const parts = message.attachments.map((attachment): AttachmentPart => ({ attachment, ...seen?.get(attachment) }));
  return { message, parts };
}

/** True when postal-mime still has the internal methods parseMessageWithParts refines. */
export function partHooksAvailable(): boolean {
  return hookParser(new PostalMime()) !== undefined;
}

// The slice of postal-mime's internal MIME node and parser that the hooks use. Not in its typings, hence here.
interface MimeNodeView {
  state: string;
  contentType: { parsed: { value: string; params: Record<string, string> }; multipart: string | false };
  contentDisposition: { parsed: { value: string; params: Record<string, string> } };
  contentTransferEncoding: { encoding: string };
  contentDecoder?: unknown;
  parentNode?: MimeNodeView;
}

interface ParserInternals {
  buf: ArrayBuffer;
  av: Uint8Array;
  readPos: number;
  readLine(): { bytes: Uint8Array; done: boolean };
  attachments: Attachment[];
  currentNode: MimeNodeView;
  processLine(line: Uint8Array, isFinal: boolean): Promise<void>;
  isInlineTextNode(node: MimeNodeView): boolean;
  collectAttachment(node: MimeNodeView, ...rest: unknown[]): void;
}

type PartFacts = Omit<AttachmentPart, 'attachment'>;

function hookParser(parser: PostalMime): Map<Attachment, PartFacts> | undefined {
  const internals = parser as unknown as Partial<ParserInternals>;
  const { processLine, isInlineTextNode, collectAttachment, readLine } = internals;
  if (
    typeof processLine !== 'function' ||
    typeof isInlineTextNode !== 'function' ||
    typeof collectAttachment !== 'function' ||
    !('currentNode' in internals)
  ) {
    return undefined;
  }

  const bodies = new Map<MimeNodeView, { start: number; end: number }>();
  const facts = new Map<Attachment, PartFacts>();

  // Every line postal-mime reads is a view into (a copy of) the raw message, so its byteOffset is its position there.
  // A line that reaches a node in body state, and does not move the parser to another node (a boundary does), is
  // body content of that node.
  internals.processLine = async function (this: ParserInternals, line, isFinal) {
    const node = this.currentNode;
    const inBody = node.state === 'body';
    await processLine.call(this, line, isFinal);
    if (!inBody) {
      // The blank line after the headers has just chosen the node's decoder, and no body line has reached it yet.
      if (node.state === 'body' && this.currentNode === node) useRangeBase64Decoder(node);
      return;
    }
    if (this.currentNode !== node) return;
    const end = line.byteOffset + line.length;
    const body = bodies.get(node);
    if (body) body.end = end;
    else bodies.set(node, { start: line.byteOffset, end });
  };
  if (typeof readLine === 'function') {
    // postal-mime looks for the end of a line one byte at a time in JavaScript, which costs as much as decoding
    // once base64 is fast; indexOf does it natively. Same result: the line without its LF and the CRs before it,
    // and the position after the LF. Its own is kept for when the fields it reads are not what they were.
    internals.readLine = function (this: ParserInternals) {
      const { av: bytes, buf, readPos: start } = this;
      if (
        !(bytes instanceof Uint8Array) ||
        bytes.buffer !== buf ||
        bytes.byteOffset !== 0 ||
        typeof start !== 'number'
      ) {
        return readLine.call(this);
      }
      const lf = isRangeDecoded(this.currentNode) ? endOfBase64Run(bytes, start) : bytes.indexOf(0x0a, start);
      let end = lf < 0 ? bytes.length : lf;
      // Line breaks at the end: CRs before the LF of one line, or the blank lines that close a run of base64 lines.
      while (end > start && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end--;
      this.readPos = lf < 0 ? bytes.length : lf + 1;
      return { bytes: new Uint8Array(buf, start, end - start), done: this.readPos >= bytes.length };
    };
  }
  internals.isInlineTextNode = function (this: ParserInternals, node) {
    return isInlineTextNode.call(this, node) && !isNamedTextFile(node);
  };
  internals.collectAttachment = function (this: ParserInternals, node, ...rest) {
    const before = this.attachments.length;
    collectAttachment.call(this, node, ...rest);
    const added = this.attachments[before];
    if (!added) return;
    const body = bodies.get(node);
    facts.set(added, { transferEncoding: node.contentTransferEncoding.encoding, ...(body ? { body } : {}) });
  };
  return facts;
}

/**
 * Stands in for postal-mime's base64 decoder of a node: instead of decoding each line as it arrives, it notes where
 * the lines are in the raw message and decodes them all in one pass at the end.
 */
class RangeBase64Decoder {
  // Runs of consecutive body lines: the buffer they are in and their start and end offsets there.
  private readonly runs: { bytes: Uint8Array; start: number; end: number }[] = [];

  update(line: Uint8Array): void {
    const start = line.byteOffset;
    const end = start + line.length;
    const last = this.runs.at(-1);
    if (last && last.bytes.buffer === line.buffer && onlyLineBreaks(last.bytes, last.end, start)) {
      last.end = end;
    } else {
      // A multipart's own body (preamble, then what follows a nested multipart's end) is not one run: the lines of
      // its children lie in between. postal-mime does not use a multipart's content today, but it still decodes it.
      this.runs.push({ bytes: new Uint8Array(line.buffer, 0, line.buffer.byteLength), start, end });
    }
  }

  finalize(): Promise<ArrayBuffer> {
    const only = this.runs.length === 1 ? this.runs[0]! : undefined;
    const native = only && decodeBase64Natively(only.bytes.subarray(only.start, only.end));
    if (native) return Promise.resolve(native.buffer as ArrayBuffer);
    let length = 0;
    for (const run of this.runs) length += run.end - run.start;
    // 'resume': postal-mime's decoder keeps decoding after padding, so this one must too.
    const stream = new Base64Stream(length, 'resume');
    for (const run of this.runs) stream.push(run.bytes, run.start, run.end);
    return Promise.resolve(stream.finish().buffer as ArrayBuffer);
  }
}

// The bytes readLine dropped between two lines are line breaks; anything else means other lines lie in between.
function onlyLineBreaks(bytes: Uint8Array, from: number, to: number): boolean {
  if (to < from) return false;
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0x0d && bytes[i] !== 0x0a) return false;
  }
  return true;
}

/**
 * The body of a base64 part in range-decoding state is handed to postal-mime as one "line" per run of lines up to
 * the next one that starts with `--` (which may be a boundary; postal-mime decides). Its lines only ever reach the
 * decoder, which notes their range and skips line breaks, so the result is the same, without one await per 76 bytes:
 * on a message with 30 MB of attachments, that was half of the time.
 */
function isRangeDecoded(node: MimeNodeView | undefined): boolean {
  return node?.state === 'body' && node.contentDecoder instanceof RangeBase64Decoder;
}

/** The LF that ends the last line before the next line starting with `--` (-1: to the end), from a line start. */
function endOfBase64Run(bytes: Uint8Array, start: number): number {
  if (bytes[start] === 0x2d && bytes[start + 1] === 0x2d) return bytes.indexOf(0x0a, start);
  // `-` is not in the base64 alphabet, so in a well-formed body the first one found is the boundary's.
  for (let dash = bytes.indexOf(0x2d, start); dash >= 0; dash = bytes.indexOf(0x2d, dash + 1)) {
    if (bytes[dash - 1] === 0x0a && bytes[dash + 1] === 0x2d) return dash - 1;
  }
  return -1;
}

function useRangeBase64Decoder(node: MimeNodeView): void {
  const decoder = node.contentDecoder as { remainder?: unknown; chunks?: unknown } | null | undefined;
  // postal-mime picks its base64 decoder by this same test. The shape check makes sure the decoder being replaced
  // is that one, untouched: should an update change either, its own decoder stays.
  const isPostalBase64 =
    /base64/i.test(node.contentTransferEncoding.encoding) &&
    decoder?.remainder === '' &&
    Array.isArray(decoder.chunks) &&
    decoder.chunks.length === 0;
  if (isPostalBase64) node.contentDecoder = new RangeBase64Decoder();
}

function isNamedTextFile(node: MimeNodeView): boolean {
  const named = Boolean(node.contentDisposition?.parsed.params.filename || node.contentType?.parsed.params.name);
  return named && node.parentNode?.contentType.multipart !== 'alternative';
}

async function runParser(parser: PostalMime, bytes: Uint8Array): Promise<ParsedMessage> {
  // postal-mime copies a typed array (to drop what lies around a view) but takes a whole ArrayBuffer as it is: on a
  // 35 MB message that copy is a tenth of the parse. It only reads the buffer.
  const whole =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  try {
    return await parser.parse(whole ? bytes.buffer : bytes);
  } catch (error) {
    // postal-mime rejects on its safety limits (nesting depth, header size) and on internal failures; to a caller
    // they all mean the same thing: this message cannot be read.
    throw new MailError('malformed_message', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function toBytes(raw: Uint8Array | ArrayBuffer): Uint8Array {
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw);
}

function assertNotEmpty(bytes: Uint8Array): void {
  for (const byte of bytes) {
    // Any byte other than whitespace means there is something to parse.
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return;
  }
  throw new MailError('empty_input');
}

// A field name is printable ASCII except the colon (RFC 5322 3.6.8); an mbox "From " line may precede the headers.
const HEADER_FIELD = /^[!-9;-~]+[ \t]*:/;

/**
 * postal-mime parses anything, so a PNG or a text file comes back as a "message" whose headers are garbage. A real
 * message has at least one well-formed header field among its top-level lines.
 */
function assertLooksLikeMessage(message: ParsedMessage): void {
  if (!message.headerLines.some((header) => HEADER_FIELD.test(header.line))) {
    throw new MailError('malformed_message', 'no header fields');
  }
}
