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

/** One attachment part: postal-mime's description of it and its bytes as the sender attached them. */
export interface AttachmentPart {
  attachment: ParsedAttachment;
  /**
   * The part's body with only its transfer encoding undone. The same bytes as `attachment.content`, except for
   * calendar invitations, which postal-mime re-encodes as UTF-8 text with LF line ends: a saved .ics should be the
   * file that was sent.
   */
  content: ArrayBuffer | Uint8Array;
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
 * - each part's bytes as sent are kept (see AttachmentPart.content);
 * - base64 bodies are decoded by a byte-level decoder (see RangeBase64Decoder) rather than postal-mime's, which
 *   turns every line into a string first, and lines are found natively (see readLineQuickly): on a message with
 *   30 MB of attachments, five times faster. The result is the same bytes.
 * All but the first look at postal-mime internals (see installPartHooks). The version is pinned; should an update
 * change what they rely on, they throw ParserInternalsChanged instead of quietly doing something else, and the
 * differential test against plain postal-mime guards the result.
 */
export async function parseMessageWithParts(raw: Uint8Array | ArrayBuffer): Promise<MessageWithParts> {
  const bytes = toBytes(raw);
  assertNotEmpty(bytes);
  const parser = new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const contents = installPartHooks(parser);
  const message = await runParser(parser, bytes);
  assertLooksLikeMessage(message);
  const parts = message.attachments.map((attachment): AttachmentPart => {
    const content = contents.get(attachment);
    if (content === undefined) throw new ParserInternalsChanged('an attachment was not collected by collectAttachment');
    return { attachment, content };
  });
  return { message, parts };
}

/**
 * postal-mime no longer has the shape the part hooks were written for (pinned version: see package.json). Not a
 * MailError: the message is fine, this build of the extension is not, and a test must say so.
 */
export class ParserInternalsChanged extends Error {
  constructor(what: string) {
    super(`postal-mime internals changed: ${what}`);
    this.name = 'ParserInternalsChanged';
  }
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

interface LineRead {
  bytes: Uint8Array;
  lineBreak: Uint8Array;
  done: boolean;
}

interface ParserInternals {
  buf: ArrayBuffer;
  av: Uint8Array;
  readPos: number;
  readLine(): LineRead;
  processLine(line: Uint8Array, lineBreak: Uint8Array, isFinal: boolean): Promise<void>;
  attachments: Attachment[];
  currentNode: MimeNodeView;
  isInlineTextNode(node: MimeNodeView): boolean;
  collectAttachment(node: MimeNodeView, content: ArrayBuffer, related: boolean, rfc822DepthExceeded: boolean): void;
}

// Method name -> number of declared parameters in the postal-mime version the hooks were written for (4.2.0).
// processLine is not replaced, but readLineQuickly produces what it takes: the line, its line break, isFinal.
const HOOKED_METHODS = { readLine: 0, processLine: 3, isInlineTextNode: 1, collectAttachment: 4 } as const;
const NODE_STATES = new Set(['header', 'body', 'finished']);

/**
 * Installs the hooks on one parser instance (never on postal-mime's prototypes) and returns where each
 * attachment's bytes as sent will be recorded. Throws ParserInternalsChanged if a hooked method is missing or
 * takes other parameters than it did.
 */
export function installPartHooks(parser: PostalMime): Map<Attachment, ArrayBuffer> {
  const internals = parser as unknown as ParserInternals;
  for (const [name, parameters] of Object.entries(HOOKED_METHODS)) {
    const method = (internals as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw new ParserInternalsChanged(`${name} is missing`);
    if (method.length !== parameters) {
      throw new ParserInternalsChanged(`${name} takes ${method.length} parameters, not ${parameters}`);
    }
  }
  if (!('currentNode' in internals) || !Array.isArray(internals.attachments)) {
    throw new ParserInternalsChanged('currentNode or attachments is missing');
  }
  const { isInlineTextNode, collectAttachment } = internals;
  const contents = new Map<Attachment, ArrayBuffer>();

  internals.readLine = readLineQuickly;
  internals.isInlineTextNode = function (this: ParserInternals, node) {
    assertNodeShape(node);
    return isInlineTextNode.call(this, node) && !isNamedTextFile(node);
  };
  internals.collectAttachment = function (this: ParserInternals, node, content, ...rest) {
    // `content` is the decoded body; postal-mime may replace it in the attachment (calendar invitations).
    if (!isArrayBuffer(content)) throw new ParserInternalsChanged('collectAttachment got no ArrayBuffer');
    const before = this.attachments.length;
    collectAttachment.call(this, node, content, ...rest);
    const added = this.attachments[before];
    if (this.attachments.length !== before + 1 || !added) {
      throw new ParserInternalsChanged('collectAttachment did not add one attachment');
    }
    contents.set(added, content);
  };
  return contents;
}

/**
 * postal-mime's readLine looks for the end of a line one byte at a time in JavaScript; indexOf does it natively.
 * Same result: the line without its line break, the line break (the CRs and the LF after the line; a lone LF of
 * its own after a last line without one), and whether the message is done. While the current node is a base64
 * body with a RangeBase64Decoder, one "line" is a whole run of lines (see endOfBase64Run).
 */
function readLineQuickly(this: ParserInternals): LineRead {
  const { av: bytes, buf, readPos: start } = this;
  if (!(bytes instanceof Uint8Array) || bytes.buffer !== buf || bytes.byteOffset !== 0 || typeof start !== 'number') {
    throw new ParserInternalsChanged('the buffer fields readLine reads (buf, av, readPos)');
  }
  const node = this.currentNode;
  const rangeDecoded = node.state === 'body' && decodeBase64ByRanges(node);
  const lf = rangeDecoded ? endOfBase64Run(bytes, start) : bytes.indexOf(0x0a, start);
  const next = lf < 0 ? bytes.length : lf + 1;
  let end = lf < 0 ? bytes.length : lf;
  // Line breaks at the end: CRs before the LF of one line, or the blank lines that close a run of base64 lines.
  while (end > start && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end--;
  this.readPos = next;
  return {
    bytes: new Uint8Array(buf, start, end - start),
    lineBreak: lf < 0 ? new Uint8Array([0x0a]) : bytes.subarray(end, next),
    done: next >= bytes.length,
  };
}

/**
 * Whether the current body is decoded by a RangeBase64Decoder, installing one in place of postal-mime's base64
 * decoder if that has not been given a line yet. A decoder of another shape, where postal-mime's should be,
 * throws: replacing it blindly could lose data, keeping it quietly would lose the speed.
 */
function decodeBase64ByRanges(node: MimeNodeView): boolean {
  if (!NODE_STATES.has(node.state)) throw new ParserInternalsChanged(`unknown node state ${String(node.state)}`);
  const decoder = node.contentDecoder as PostalBase64DecoderView | null | undefined;
  if (decoder instanceof RangeBase64Decoder) return true;
  if (node.contentTransferEncoding?.encoding !== 'base64') return false;
  if (!looksLikePostalBase64Decoder(decoder)) throw new ParserInternalsChanged('the base64 decoder of a body part');
  // A decoder that already has a line (a body that began without the blank line after the headers) keeps it.
  const untouched = decoder.remainder === '' && decoder.output.chunks.length === 0 && decoder.output.bufferPos === 0;
  if (untouched) node.contentDecoder = new RangeBase64Decoder();
  return untouched;
}

// postal-mime's Base64Decoder: a string remainder, its output in a ChunkWriter, update(line) and finalize().
interface PostalBase64DecoderView {
  remainder: string;
  output: { chunks: unknown[]; bufferPos: number };
  update(line: Uint8Array): void;
  finalize(): Promise<ArrayBuffer>;
}

function looksLikePostalBase64Decoder(decoder: unknown): decoder is PostalBase64DecoderView {
  const view = decoder as Partial<PostalBase64DecoderView> | null | undefined;
  return (
    typeof view?.remainder === 'string' &&
    Array.isArray(view.output?.chunks) &&
    typeof view.output.bufferPos === 'number' &&
    typeof view.update === 'function' &&
    typeof view.finalize === 'function'
  );
}

function assertNodeShape(node: MimeNodeView): void {
  const paramsOk =
    typeof node?.contentDisposition?.parsed?.params === 'object' &&
    typeof node.contentType?.parsed?.params === 'object' &&
    'multipart' in node.contentType;
  if (!paramsOk) throw new ParserInternalsChanged('the Content-Type and Content-Disposition of a node');
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
    const stream = new Base64Stream(length);
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
 * The LF that ends the last line before the next line starting with `--` (-1: to the end), from a line start.
 * A base64 body is handed to postal-mime as one "line" per run of lines up to the next one that starts with `--`
 * (which may be a boundary; postal-mime decides). Its lines only ever reach the decoder, which notes their range and
 * skips line breaks, so the result is the same, without one await per 76 bytes.
 */
function endOfBase64Run(bytes: Uint8Array, start: number): number {
  if (bytes[start] === 0x2d && bytes[start + 1] === 0x2d) return bytes.indexOf(0x0a, start);
  // `-` is not in the base64 alphabet, so in a well-formed body the first one found is the boundary's.
  for (let dash = bytes.indexOf(0x2d, start); dash >= 0; dash = bytes.indexOf(0x2d, dash + 1)) {
    if (bytes[dash - 1] === 0x0a && bytes[dash + 1] === 0x2d) return dash - 1;
  }
  return -1;
}

function isNamedTextFile(node: MimeNodeView): boolean {
  const named = Boolean(node.contentDisposition.parsed.params.filename || node.contentType.parsed.params.name);
  return named && node.parentNode?.contentType.multipart !== 'alternative';
}

// By tag, as postal-mime checks it: in a Firefox content script the buffer may come from the page's compartment.
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

async function runParser(parser: PostalMime, bytes: Uint8Array): Promise<ParsedMessage> {
  // postal-mime copies a typed array (to drop what lies around a view) but takes a whole ArrayBuffer as it is: on a
  // 35 MB message that copy is a tenth of the parse. It only reads the buffer.
  const whole =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  try {
    return await parser.parse(whole ? bytes.buffer : bytes);
  } catch (error) {
    if (error instanceof ParserInternalsChanged) throw error;
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
