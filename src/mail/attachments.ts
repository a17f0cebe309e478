import { bareContentId, cidReferences, isNestedMessageType, isShownInline, mayBeWinmailDat } from './attachment-kinds';
import { MailError } from './errors';
import { readFlatMultipart } from './flat-multipart';
import { parseMessageWithParts, type AttachmentPart, type MessageWithParts } from './parse-message';
import { ownRealmBytes } from './own-realm-bytes';
import { isTnef, readTnef, type TnefContents } from './tnef';
import { recoverUndecodableText } from './undecodable-text';

export { cidReferences } from './attachment-kinds';

export interface MailAttachment {
  /** Decoded file name as the sender gave it ('' when none): not yet safe for a file system, see safeFileName. */
  fileName: string;
  /** Lower-case MIME type without parameters. */
  mimeType: string;
  /** Decoded size in bytes. */
  size: number;
  /** `attachment`, `inline`, another token, or null without a Content-Disposition. */
  disposition: string | null;
  /** Content-ID without angle brackets. */
  contentId?: string;
  content: Uint8Array;
  /**
   * Subjects of the nested messages this file came out of, outermost first; empty for the message's own files.
   * Kept as segments (not joined with `/`) because a subject may itself contain a slash.
   */
  path: string[];
  /**
   * Tells nested messages apart when their subjects are equal: one part number per `path` segment, joined by `/`
   * ('' for the message's own files). Two files with the same pathKey came out of the same nested message.
   */
  pathKey: string;
  /** An image (or other part) shown inside the HTML body through a `cid:` reference. */
  inline: boolean;
  /** `part`: a MIME part; `message`: a nested message saved whole as .eml; `tnef`: a file out of a winmail.dat. */
  origin: 'part' | 'message' | 'tnef';
}

export interface ListAttachmentsOptions {
  /** `eml` (default): a nested message is one .eml file; `expand`: its own attachments are listed instead. */
  nestedMessages?: 'eml' | 'expand';
  /** Include images the HTML body shows inline (logos, signatures). Default false. */
  inlineImages?: boolean;
  /** Replace a winmail.dat by the files inside it. Default true; the winmail.dat is kept if it cannot be read. */
  expandTnef?: boolean;
}

// Beyond this depth a nested message is kept as .eml even in expand mode: enough for any real forward chain, and a
// bound on the work a crafted message can cause.
const MAX_EXPAND_DEPTH = 8;

export async function listAttachments(
  raw: Uint8Array | ArrayBuffer,
  options: ListAttachmentsOptions = {},
): Promise<MailAttachment[]> {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  return collect(
    bytes,
    { path: [], pathKey: '', depth: 0 },
    {
      nestedMessages: options.nestedMessages ?? 'eml',
      inlineImages: options.inlineImages ?? false,
      expandTnef: options.expandTnef ?? true,
    },
  );
}

interface Location {
  path: string[];
  pathKey: string;
  depth: number;
}

async function collect(
  raw: Uint8Array,
  location: Location,
  options: Required<ListAttachmentsOptions>,
): Promise<MailAttachment[]> {
  // A multipart/mixed of plain parts (no html, so no cid: references) is read without a parser node per part.
  const flat = readFlatMultipart(raw);
  if (flat) return collectParsed(raw, { html: undefined, parts: flat }, location, options);
  const { message, parts } = await parseMessageWithParts(raw);
  return collectParsed(raw, { html: message.html, parts }, location, options);
}

async function collectParsed(
  raw: Uint8Array,
  { html, parts }: { html: string | undefined; parts: AttachmentPart[] },
  location: Location,
  options: Required<ListAttachmentsOptions>,
): Promise<MailAttachment[]> {
  const referencedIds = cidReferences(html);
  const result: MailAttachment[] = [];
  for (const [index, part] of parts.entries()) {
    const attachment = toMailAttachment(raw, part, location, referencedIds);
    if (attachment.inline && !options.inlineImages) continue;

    if (isNestedMessageType(attachment.mimeType)) {
      const key = location.pathKey === '' ? `${index + 1}` : `${location.pathKey}/${index + 1}`;
      result.push(...(await nestedMessage(attachment, { ...location, pathKey: key }, options)));
    } else if (options.expandTnef && isWinmailDat(attachment)) {
      result.push(...expandTnef(attachment));
    } else {
      result.push(attachment);
    }
  }
  return result;
}

function toMailAttachment(
  raw: Uint8Array,
  part: AttachmentPart,
  { path, pathKey }: Location,
  referencedIds: ReadonlySet<string>,
): MailAttachment {
  const { attachment } = part;
  const content = ownRealmBytes(part.content);
  const contentId = bareContentId(attachment.contentId);
  return {
    fileName: recoverUndecodableText(raw, attachment.filename ?? ''),
    mimeType: attachment.mimeType.toLowerCase(),
    size: content.length,
    disposition: attachment.disposition,
    ...(contentId ? { contentId } : {}),
    content,
    path,
    pathKey,
    inline: isShownInline({ contentId, disposition: attachment.disposition }, referencedIds),
    origin: 'part',
  };
}

async function nestedMessage(
  attachment: MailAttachment,
  nested: Location,
  options: Required<ListAttachmentsOptions>,
): Promise<MailAttachment[]> {
  let parsed: MessageWithParts;
  try {
    parsed = await parseMessageWithParts(attachment.content);
  } catch (error) {
    // A nested message that cannot be read is still worth saving as it is.
    if (error instanceof MailError) return [asEml(attachment, '')];
    throw error;
  }
  const subject = recoverUndecodableText(attachment.content, parsed.message.subject ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (options.nestedMessages === 'expand' && nested.depth < MAX_EXPAND_DEPTH) {
    const location = { path: [...nested.path, subject], pathKey: nested.pathKey, depth: nested.depth + 1 };
    return collectParsed(attachment.content, { html: parsed.message.html, parts: parsed.parts }, location, options);
  }
  return [asEml(attachment, subject)];
}

/**
 * Keeps the sender's name for it, which mail clients derive from the subject anyway; a part without one is named
 * after the nested message's subject. Either way it ends in .eml so that a double click opens it in a mail client.
 */
function asEml(attachment: MailAttachment, subject: string): MailAttachment {
  const name = attachment.fileName.trim() !== '' ? attachment.fileName : subject;
  const fileName = name === '' || /\.eml$/i.test(name) ? name : `${name}.eml`;
  return { ...attachment, fileName, origin: 'message' };
}

function isWinmailDat(attachment: MailAttachment): boolean {
  return mayBeWinmailDat(attachment.fileName, attachment.mimeType) && isTnef(attachment.content);
}

function expandTnef(winmail: MailAttachment): MailAttachment[] {
  let contents: TnefContents;
  try {
    contents = readTnef(winmail.content);
  } catch {
    return [winmail];
  }
  const files: MailAttachment[] = contents.files.map((file) => ({
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.content.length,
    disposition: 'attachment',
    ...(file.contentId ? { contentId: file.contentId } : {}),
    content: file.content,
    path: winmail.path,
    pathKey: winmail.pathKey,
    inline: false,
    origin: 'tnef',
  }));
  // Never lose anything: whatever the reader could not turn into files is still inside the original.
  return contents.complete && files.length > 0 ? files : [...files, winmail];
}
