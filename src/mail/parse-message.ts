import PostalMime, { type Attachment, type Email } from 'postal-mime';
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
 * The last two look at postal-mime internals (see `hookParser`); partHooksAvailable() lets a test notice when an
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
  parentNode?: MimeNodeView;
}

interface ParserInternals {
  attachments: Attachment[];
  currentNode: MimeNodeView;
  processLine(line: Uint8Array, isFinal: boolean): Promise<void>;
  isInlineTextNode(node: MimeNodeView): boolean;
  collectAttachment(node: MimeNodeView, ...rest: unknown[]): void;
}

type PartFacts = Omit<AttachmentPart, 'attachment'>;

function hookParser(parser: PostalMime): Map<Attachment, PartFacts> | undefined {
  const internals = parser as unknown as Partial<ParserInternals>;
  const { processLine, isInlineTextNode, collectAttachment } = internals;
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
    if (!inBody || this.currentNode !== node) return;
    const end = line.byteOffset + line.length;
    const body = bodies.get(node);
    if (body) body.end = end;
    else bodies.set(node, { start: line.byteOffset, end });
  };
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

function isNamedTextFile(node: MimeNodeView): boolean {
  const named = Boolean(node.contentDisposition?.parsed.params.filename || node.contentType?.parsed.params.name);
  return named && node.parentNode?.contentType.multipart !== 'alternative';
}

async function runParser(parser: PostalMime, bytes: Uint8Array): Promise<ParsedMessage> {
  try {
    return await parser.parse(bytes);
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
