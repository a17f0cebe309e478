import PostalMime, { type Attachment, type Email } from 'postal-mime';
import { Base64Stream, decodeBase64NativelyInSlices, NATIVE_SLICE_BYTES } from './base64';
import { endOfRun, startOfLastLine, type EarlierLines } from './body-runs';
import { MailError } from './errors';
import { timeSlicer } from './next-task';
import { PassedThroughBody } from './passed-through-body';
import { QuotedPrintableRuns } from './quoted-printable';

export type ParsedMessage = Email;
export type ParsedAttachment = Attachment;

/**
 * Parses a raw RFC 5322 message, as postal-mime does, with its lines read in runs (see installReadingHooks). Throws
 * MailError `empty_input` or `malformed_message`, and ParserInternalsChanged if postal-mime is not the version the
 * hooks were written for.
 */
export async function parseMessage(raw: Uint8Array | ArrayBuffer): Promise<ParsedMessage> {
  const bytes = toBytes(raw);
  assertNotEmpty(bytes);
  const parser = new PostalMime();
  installReadingHooks(parser);
  const message = await runParser(parser, bytes);
  assertLooksLikeMessage(message);
  return message;
}

/** One attachment part: postal-mime's description of it and its bytes as the sender attached them. */
export interface AttachmentPart {
  /** Its `content` is the same bytes as the part's: postal-mime's re-encoded text of a calendar is not made. */
  attachment: ParsedAttachment;
  /**
   * The part's body with only its transfer encoding undone. postal-mime would give a calendar invitation as UTF-8
   * text with LF line ends instead; a saved .ics should be the file that was sent.
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
 * - plain text is not decoded, as nothing here reads it: `message.text` holds only what postal-mime derives from
 *   html parts, and `message.html` only those (their `cid:` references tell which images are inline). Decoding text
 *   costs postal-mime 16 times the size of a body of blank lines (a regular expression replaces each CRLF);
 * - lines are read in runs (see installReadingHooks), as in parseMessage.
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
  headerLines: unknown[];
  contentType: { parsed: { value: string; params: Record<string, string> }; multipart: string | false };
  contentDisposition: { parsed: { value: string; params: Record<string, string> } };
  contentTransferEncoding: { encoding: string };
  contentDecoder?: unknown;
  parentNode?: MimeNodeView;
  getTextContent(): string;
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
  boundaries: unknown;
  isInlineTextNode(node: MimeNodeView): boolean;
  collectAttachment(node: MimeNodeView, content: ArrayBuffer, related: boolean, rfc822DepthExceeded: boolean): void;
}

// Method name -> number of declared parameters in the postal-mime version the hooks were written for (4.2.0).
// processLine is not replaced, but readLineQuickly produces what it takes: the line, its line break, isFinal.
const READING_METHODS = { readLine: 0, processLine: 3 } as const;
const PART_METHODS = { isInlineTextNode: 1, collectAttachment: 4 } as const;
const NODE_STATES = new Set(['header', 'body', 'finished']);

/**
 * Has one parser instance (never postal-mime's prototypes) read its lines natively and bodies in runs instead of
 * line by line (see readLineQuickly), with base64 and quoted-printable bodies decoded by decoders of our own that
 * take runs (see RangeBase64Decoder, QuotedPrintableRuns). The result is what postal-mime gives on its own: on a
 * message with 30 MB of attachments five times faster, on a body of megabytes of blank lines a few steps instead of
 * one await per line. Throws ParserInternalsChanged if a method it relies on is missing or takes other parameters.
 */
export function installReadingHooks(parser: PostalMime): void {
  const internals = parser as unknown as ParserInternals;
  assertMethods(internals, READING_METHODS);
  if (!('currentNode' in internals) || !('boundaries' in internals)) {
    throw new ParserInternalsChanged('currentNode or boundaries is missing');
  }
  internals.readLine = readLineQuickly;
  yieldBetweenLines(internals);
}

/**
 * postal-mime awaits each line, but only microtasks: a whole message is one task of the page, 100 ms and more for
 * 30 MB of attachments, during which the webmail cannot scroll or take a key. Every 12 ms of parsing, the next line
 * waits for a new task (see timeSlicer), and so do the base64 decoders between slices of a body (RangeBase64Decoder),
 * which share this parser's slicer.
 */
function yieldBetweenLines(internals: ParserInternals): void {
  const { processLine } = internals;
  const pause = timeSlicer();
  slicers.set(internals, pause);
  internals.processLine = function (this: ParserInternals, line, lineBreak, isFinal) {
    const paused = pause();
    if (!paused) return processLine.call(this, line, lineBreak, isFinal);
    return paused.then(() => processLine.call(this, line, lineBreak, isFinal));
  };
}

const slicers = new WeakMap<ParserInternals, () => Promise<void> | undefined>();

function slicerOf(internals: ParserInternals): () => Promise<void> | undefined {
  const pause = slicers.get(internals);
  if (!pause) throw new ParserInternalsChanged('a parser without its reading hooks');
  return pause;
}

/**
 * Installs the reading hooks and those for attachments on one parser instance (see parseMessageWithParts) and
 * returns where each attachment's bytes as sent will be recorded. Throws ParserInternalsChanged if a hooked method
 * is missing or takes other parameters than it did.
 */
export function installPartHooks(parser: PostalMime): Map<Attachment, ArrayBuffer> {
  const internals = parser as unknown as ParserInternals;
  installReadingHooks(parser);
  assertMethods(internals, PART_METHODS);
  if (!Array.isArray(internals.attachments)) throw new ParserInternalsChanged('attachments is missing');
  const { isInlineTextNode, collectAttachment } = internals;
  const contents = new Map<Attachment, ArrayBuffer>();

  internals.isInlineTextNode = function (this: ParserInternals, node) {
    assertNodeShape(node);
    const inline = isInlineTextNode.call(this, node) && !isNamedTextFile(node);
    // Called for a body part just before postal-mime decodes its text. Only html is read (for its cid: references).
    if (inline && node.contentType.parsed.value !== 'text/html') leaveTextUndecoded(node);
    return inline;
  };
  // Parts with neither headers nor body are read over in one step: each would be a node of about a kilobyte.
  internals.readLine = function (this: ParserInternals) {
    skipEmptyParts(this);
    return readLineQuickly.call(this);
  };
  internals.collectAttachment = function (this: ParserInternals, node, content, ...rest) {
    // `content` is the decoded body; postal-mime would decode a calendar invitation's text to re-encode it.
    if (!isArrayBuffer(content)) throw new ParserInternalsChanged('collectAttachment got no ArrayBuffer');
    leaveTextUndecoded(node);
    const before = this.attachments.length;
    collectAttachment.call(this, node, content, ...rest);
    const added = this.attachments[before];
    if (this.attachments.length !== before + 1 || !added) {
      throw new ParserInternalsChanged('collectAttachment did not add one attachment');
    }
    added.content = content;
    contents.set(added, content);
  };
  return contents;
}

function assertMethods(internals: ParserInternals, methods: Record<string, number>): void {
  for (const [name, parameters] of Object.entries(methods)) {
    const method = (internals as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function') throw new ParserInternalsChanged(`${name} is missing`);
    if (method.length !== parameters) {
      throw new ParserInternalsChanged(`${name} takes ${method.length} parameters, not ${parameters}`);
    }
  }
}

/**
 * Gives one node (its own property, not MimeNode's prototype) a getTextContent that decodes nothing: postal-mime
 * then keeps an empty text for it.
 */
function leaveTextUndecoded(node: MimeNodeView): void {
  if (typeof node.getTextContent !== 'function' || node.getTextContent.length !== 0) {
    throw new ParserInternalsChanged('getTextContent of a node');
  }
  node.getTextContent = () => '';
}

/**
 * postal-mime's readLine looks for the end of a line one byte at a time in JavaScript; indexOf does it natively.
 * Same result: the line without its line break, the line break (the CRs and the LF after the line; a lone LF of
 * its own after a last line without one), and whether the message is done.
 *
 * In a body, postal-mime hands each line to the body's decoder, one await per line, unless it may be a boundary.
 * Decoders that do not need the lines one by one get a whole run of them as one "line" instead (see BodyReading),
 * up to the next line that might be a boundary (see endOfRun): a body of megabytes of blank lines is then a few
 * steps, not millions.
 */
function readLineQuickly(this: ParserInternals): LineRead {
  const { av: bytes, buf, readPos: start } = this;
  if (!(bytes instanceof Uint8Array) || bytes.buffer !== buf || bytes.byteOffset !== 0 || typeof start !== 'number') {
    throw new ParserInternalsChanged('the buffer fields readLine reads (buf, av, readPos)');
  }
  const reading = howToReadBody(this.currentNode, slicerOf(this));
  const lf = reading === 'line' ? bytes.indexOf(0x0a, start) : endOfBoundedRun(bytes, start, openBoundaries(this));
  const next = lf < 0 ? bytes.length : lf + 1;
  let end = lf < 0 ? bytes.length : lf;
  // The line break is that of the last line read: its CRs and its LF. A base64 run also gives up the blank lines
  // that end it, which its decoders skip wherever they are; in any other body they are lines.
  const lastLineStart = reading === 'base64 run' ? start : startOfLastLine(bytes, start, end);
  while (end > lastLineStart && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a)) end--;
  this.readPos = next;
  return {
    bytes: new Uint8Array(buf, start, end - start),
    lineBreak: lf < 0 ? new Uint8Array([0x0a]) : bytes.subarray(end, next),
    done: next >= bytes.length,
  };
}

/**
 * Where a run ends, looked for in the next MAX_RUN_BYTES only, so that finding it is a bounded step between two
 * yields (a 34 MB base64 body is 17 runs, not one search through it all). The run then ends at the last line break
 * in that stretch; the decoders join consecutive runs of a body as they join its lines. A line longer than that
 * stretch is searched for whole.
 */
function endOfBoundedRun(bytes: Uint8Array, start: number, boundaries: readonly Uint8Array[]): number {
  if (bytes.length - start <= MAX_RUN_BYTES) return endOfRun(bytes, start, boundaries);
  const bounded = endOfRun(bytes.subarray(0, start + MAX_RUN_BYTES), start, boundaries);
  return bounded >= 0 ? bounded : endOfRun(bytes, start, boundaries);
}

const MAX_RUN_BYTES = 2 * 1024 * 1024;

/**
 * Reads over the empty parts (neither headers nor body) that follow the part just begun, if that one is still
 * empty: a message of 200,000 of them (7 bytes apiece) would otherwise be 200,000 MIME nodes, a quarter of a
 * gigabyte in postal-mime, which refuses more than 10,000 parts anyway. postal-mime would give each an empty
 * text/plain body, which parseMessageWithParts does not read; the part just begun stands in for all of them. Not in
 * a multipart/digest, whose parts are messages by default (an empty one is listed as a file).
 */
function skipEmptyParts(internals: ParserInternals): void {
  const node = internals.currentNode;
  const parent = node.parentNode;
  if (node.state !== 'header' || !Array.isArray(node.headerLines) || node.headerLines.length > 0) return;
  if (!parent || parent.contentType.multipart === 'digest') return;
  const { av: bytes, readPos } = internals;
  const boundaries = openBoundaries(internals);
  const own = boundaries.findIndex((_, i) => boundaryNode(internals, i) === parent);
  if (own < 0) return;
  let at = readPos;
  for (;;) {
    const next = afterEmptyPart(bytes, at, boundaries, own);
    // The last delimiter is left to postal-mime, as is one that ends the message.
    if (next < 0 || next >= bytes.length) break;
    at = next;
  }
  internals.readPos = at;
}

function boundaryNode(internals: ParserInternals, index: number): unknown {
  return (internals.boundaries as { node?: unknown }[])[index]?.node;
}

/**
 * Where the line after an empty part that starts at `start` begins: the part is at most a blank line (which ends
 * its empty headers), then a delimiter that postal-mime reads as one of the boundary at `own` (not its end: the
 * first open boundary the line matches exactly, trailing spaces and tabs allowed). -1 if the bytes are anything else.
 */
function afterEmptyPart(bytes: Uint8Array, start: number, boundaries: readonly Uint8Array[], own: number): number {
  let at = start;
  while (bytes[at] === 0x0d) at++;
  if (bytes[at] === 0x0a) at++;
  else at = start;
  const lf = bytes.indexOf(0x0a, at);
  if (lf < 0) return -1;
  let end = lf;
  while (end > at && bytes[end - 1] === 0x0d) end--;
  if (bytes[at] !== 0x2d || bytes[at + 1] !== 0x2d) return -1;
  const matched = boundaries.findIndex((boundary) => isDelimiterOf(bytes, at + 2, end, boundary));
  return matched === own ? lf + 1 : -1;
}

// Whether bytes[from, end) are the boundary and nothing after it but spaces and tabs.
function isDelimiterOf(bytes: Uint8Array, from: number, end: number, boundary: Uint8Array): boolean {
  if (end - from < boundary.length) return false;
  for (let i = 0; i < boundary.length; i++) if (bytes[from + i] !== boundary[i]) return false;
  for (let i = from + boundary.length; i < end; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09) return false;
  return true;
}

/**
 * How the next lines of the current node are read:
 * - `line`: one by one, as postal-mime does (headers);
 * - `run`: in runs, line breaks inside kept as they are, for bodies whose decoders take runs: one handed through as
 *   it is (7bit, 8bit, binary or an unknown encoding, see PassedThroughBody), a quoted-printable one (see
 *   QuotedPrintableRuns), and what follows a finished part (postal-mime drops those lines, whatever they are);
 * - `base64 run`: in runs, for a base64 body: both its decoders drop everything outside the base64 alphabet, line
 *   breaks included, and only ever join the text they keep (see decodeBase64ByRanges).
 * Each decoder of ours stands in for postal-mime's when the body starts, with the same result.
 */
type BodyReading = 'line' | 'run' | 'base64 run';

function howToReadBody(node: MimeNodeView, pause: () => Promise<void> | undefined): BodyReading {
  if (!NODE_STATES.has(node.state)) throw new ParserInternalsChanged(`unknown node state ${String(node.state)}`);
  if (node.state === 'finished') return 'run';
  if (node.state === 'header') return 'line';
  const encoding = node.contentTransferEncoding?.encoding;
  if (encoding === 'base64') {
    decodeBase64ByRanges(node, pause);
    return 'base64 run';
  }
  if (encoding === 'quoted-printable') decodeQuotedPrintableByRuns(node);
  else passThroughByRanges(node, encoding);
  return 'run';
}

// The boundaries of the multiparts still open: `--` and one of them starts a line postal-mime may read as a boundary.
function openBoundaries(internals: ParserInternals): Uint8Array[] {
  const { boundaries } = internals;
  if (!Array.isArray(boundaries)) throw new ParserInternalsChanged('the list of open boundaries');
  const known = knownBoundaries.get(boundaries);
  if (known && sameEntries(known.entries, boundaries)) return known.values;
  const values = boundaries.map((boundary) => {
    const value = (boundary as { value?: unknown } | null)?.value;
    if (!isUint8Array(value)) throw new ParserInternalsChanged('the value of an open boundary');
    return value;
  });
  knownBoundaries.set(boundaries, { entries: [...boundaries], values });
  return values;
}

/**
 * The values last read from each parser's list of open boundaries, with the entries they were read from: the list
 * is read for every line and changes only where a multipart begins or ends, and reading it anew each time (an array
 * and a type check per boundary) was a tenth of the parse of a message of 4,000 small parts.
 */
const knownBoundaries = new WeakMap<unknown[], { entries: unknown[]; values: Uint8Array[] }>();

function sameEntries(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Puts a RangeBase64Decoder in place of postal-mime's base64 decoder if that has not been given a line yet. One that
 * has (a body that began without the blank line after the headers) keeps its text and decodes the runs itself. A
 * decoder of another shape, where postal-mime's should be, throws: replacing it blindly could lose data, keeping it
 * quietly could hand runs to a decoder that wants lines.
 */
function decodeBase64ByRanges(node: MimeNodeView, pause: () => Promise<void> | undefined): void {
  const decoder = node.contentDecoder as PostalBase64DecoderView | null | undefined;
  if (decoder instanceof RangeBase64Decoder) return;
  if (!looksLikePostalBase64Decoder(decoder)) throw new ParserInternalsChanged('the base64 decoder of a body part');
  if (decoder.remainder === '' && isEmptyChunkWriter(decoder.output)) {
    node.contentDecoder = new RangeBase64Decoder(pause);
  }
}

/**
 * Puts a QuotedPrintableRuns in place of postal-mime's quoted-printable decoder. What that one already decoded and
 * the line break it still owes, if it has been given a line, are taken over: `finalize(true)` hands over its bytes
 * without that break.
 */
function decodeQuotedPrintableByRuns(node: MimeNodeView): void {
  const decoder = node.contentDecoder;
  if (decoder instanceof QuotedPrintableRuns) return;
  if (!looksLikePostalQuotedPrintableDecoder(decoder)) {
    throw new ParserInternalsChanged('the quoted-printable decoder of a body part');
  }
  const untouched = decoder.pendingLineBreak === null && isEmptyChunkWriter(decoder.output);
  node.contentDecoder = new QuotedPrintableRuns(untouched ? undefined : earlierLines(decoder));
}

/** Puts a PassedThroughBody in place of postal-mime's PassThroughDecoder, taking over what it has, as above. */
function passThroughByRanges(node: MimeNodeView, encoding: string | undefined): void {
  const decoder = node.contentDecoder;
  if (decoder instanceof PassedThroughBody) return;
  if (!looksLikePassThroughDecoder(decoder)) {
    throw new ParserInternalsChanged(`the decoder of a ${String(encoding) || 'plain'} body part`);
  }
  // Every line it is given leaves a line break owed.
  const untouched = decoder.pendingLineBreak === null && decoder.chunks.length === 0;
  node.contentDecoder = new PassedThroughBody(untouched ? undefined : earlierLines(decoder));
}

function earlierLines(decoder: PostalLineDecoderView): EarlierLines {
  return { decoded: () => decoder.finalize(true), pendingLineBreak: decoder.pendingLineBreak };
}

// What postal-mime's decoders of lines have in common: update(line, lineBreak), the line break they owe (written
// when the next line arrives), finalize(boundaryEnded), which writes that break unless a boundary ended the body.
interface PostalLineDecoderView {
  pendingLineBreak: Uint8Array | null;
  update(line: Uint8Array, lineBreak: Uint8Array): void;
  finalize(boundaryEnded: boolean): Promise<ArrayBuffer>;
}

function looksLikePostalLineDecoder(decoder: unknown): decoder is PostalLineDecoderView {
  const view = decoder as Partial<PostalLineDecoderView> | null | undefined;
  return (
    isLineBreakOrNull(view?.pendingLineBreak) &&
    typeof view?.update === 'function' &&
    view.update.length === 2 &&
    typeof view.finalize === 'function'
  );
}

// postal-mime's PassThroughDecoder: its chunks and the run of the message it covers so far.
interface PostalPassThroughDecoderView extends PostalLineDecoderView {
  chunks: unknown[];
  runStart: number;
  runEnd: number;
}

function looksLikePassThroughDecoder(decoder: unknown): decoder is PostalPassThroughDecoderView {
  const view = decoder as Partial<PostalPassThroughDecoderView> | null | undefined;
  return (
    Array.isArray(view?.chunks) &&
    typeof view.runStart === 'number' &&
    typeof view.runEnd === 'number' &&
    looksLikePostalLineDecoder(decoder)
  );
}

// postal-mime's QPDecoder: its output in a ChunkWriter.
interface PostalQuotedPrintableDecoderView extends PostalLineDecoderView {
  output: ChunkWriterView;
}

function looksLikePostalQuotedPrintableDecoder(decoder: unknown): decoder is PostalQuotedPrintableDecoderView {
  const view = decoder as Partial<PostalQuotedPrintableDecoderView> | null | undefined;
  return looksLikeChunkWriter(view?.output) && looksLikePostalLineDecoder(decoder);
}

// postal-mime's ChunkWriter: full chunks, and how far the current one is filled.
interface ChunkWriterView {
  chunks: unknown[];
  bufferPos: number;
}

function looksLikeChunkWriter(output: unknown): output is ChunkWriterView {
  const view = output as Partial<ChunkWriterView> | null | undefined;
  return Array.isArray(view?.chunks) && typeof view.bufferPos === 'number';
}

function isEmptyChunkWriter(output: ChunkWriterView): boolean {
  return output.chunks.length === 0 && output.bufferPos === 0;
}

function isLineBreakOrNull(value: unknown): boolean {
  return value === null || isUint8Array(value);
}

// postal-mime's Base64Decoder: a string remainder, its output in a ChunkWriter, update(line) and finalize().
interface PostalBase64DecoderView {
  remainder: string;
  output: ChunkWriterView;
  update(line: Uint8Array): void;
  finalize(): Promise<ArrayBuffer>;
}

function looksLikePostalBase64Decoder(decoder: unknown): decoder is PostalBase64DecoderView {
  const view = decoder as Partial<PostalBase64DecoderView> | null | undefined;
  return (
    typeof view?.remainder === 'string' &&
    looksLikeChunkWriter(view.output) &&
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

  /** Called between slices of a large body: the parser's time slicer (see yieldBetweenLines). */
  constructor(private readonly pause: () => Promise<void> | undefined) {}

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

  async finalize(): Promise<ArrayBuffer> {
    const only = this.runs.length === 1 ? this.runs[0]! : undefined;
    const native = only && (await decodeBase64NativelyInSlices(only.bytes.subarray(only.start, only.end), this.pause));
    if (native) return native.buffer as ArrayBuffer;
    let length = 0;
    for (const run of this.runs) length += run.end - run.start;
    if (length <= NATIVE_SLICE_BYTES) {
      // In one go, with no await: the scratch array is shared by every parse, and another one may run meanwhile.
      const stream = new Base64Stream(length, smallBodyScratch);
      for (const run of this.runs) stream.push(run.bytes, run.start, run.end);
      return stream.finishBuffer();
    }
    const stream = new Base64Stream(length);
    for (const run of this.runs) {
      for (let start = run.start; start < run.end; start += NATIVE_SLICE_BYTES) {
        stream.push(run.bytes, start, Math.min(run.end, start + NATIVE_SLICE_BYTES));
        await this.pause();
      }
    }
    return stream.finishBuffer();
  }
}

/** Where small base64 bodies are decoded before they get a buffer of their own (see Base64Stream.finishBuffer). */
const smallBodyScratch = new Uint8Array(16 * 1024);

// The bytes readLine dropped between two lines are line breaks; anything else means other lines lie in between.
function onlyLineBreaks(bytes: Uint8Array, from: number, to: number): boolean {
  if (to < from) return false;
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0x0d && bytes[i] !== 0x0a) return false;
  }
  return true;
}

function isNamedTextFile(node: MimeNodeView): boolean {
  const named = Boolean(node.contentDisposition.parsed.params.filename || node.contentType.parsed.params.name);
  return named && node.parentNode?.contentType.multipart !== 'alternative';
}

// By tag, as postal-mime checks it: in a Firefox content script the buffer may come from the page's compartment.
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

// By tag too: in a Firefox content script the bytes of a boundary, which postal-mime gets from TextEncoder (a DOM
// API), are no instance of the script's Uint8Array.
function isUint8Array(value: unknown): value is Uint8Array {
  return Object.prototype.toString.call(value) === '[object Uint8Array]';
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
