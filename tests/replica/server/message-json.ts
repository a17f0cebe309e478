import { createHash } from 'node:crypto';
import { apiUid, attachmentResource, downloadResource, messageResource } from './api-paths.ts';
import { archivableAttachments } from './attachments-archive.ts';
import type { StoredMessage } from './mail-store.ts';
import { headerValue, type ParsedAttachment, type ParsedMessage, type Recipient } from './parsed-message.ts';

// Message JSON in the API's snake_case shape. The list form (threads, mobile/messages) omits `body`; the
// single-message route adds it in the preferred format.

export interface AttachmentJson {
  uuid: string;
  /** A number for a top-level part ("2" → 2), a string for a nested one ("1.2"): the apps accept both. */
  part_id: string | number;
  mime_type: string;
  encoding: string | null;
  size: number;
  name: string;
  disposition: 'inline' | 'attachment';
  content_id: string | null;
  /** Left out for an attached message (message/rfc822): the apps treat the field as optional. */
  resource?: string;
}

export interface BodyJson {
  type: 'text/html' | 'text/plain';
  value: string;
  subBody: unknown[];
}

export interface MessageJson {
  uid: string;
  msg_id: string | null;
  folder_id: string;
  subject: string;
  date: string;
  internal_date: string;
  priority: 'low' | 'normal' | 'high';
  size: number;
  from: Recipient[];
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  reply_to: Recipient[];
  in_reply_to: string | null;
  references: string | null;
  dkim_status: 'valid' | 'not_valid' | 'not_signed';
  resource: string;
  download_resource: string;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
  is_draft: boolean;
  has_attachments: boolean;
  preview: string;
  body?: BodyJson;
  attachments: AttachmentJson[];
  /** The path of the message's attachments archive, null without attachments (a guess at what it names). */
  attachments_resources: string | null;
  headers: Record<string, string>;
  has_unsubscribe_link: boolean;
  st_uuid: string | null;
}

export type PreferredFormat = 'html' | 'plain';

const PREVIEW_LENGTH = 150;

export async function messageSummaryJson(message: StoredMessage): Promise<MessageJson> {
  return summaryFrom(message, await message.content.parse());
}

export async function messageDetailJson(message: StoredMessage, format: PreferredFormat): Promise<MessageJson> {
  const parsed = await message.content.parse();
  return { ...summaryFrom(message, parsed), body: bodyFor(parsed, format) };
}

function summaryFrom(message: StoredMessage, parsed: ParsedMessage): MessageJson {
  const { mailbox, folder, uid, flags } = message;
  const internalDate = new Date(message.internalDate).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const spam = headerValue(parsed.headers, 'x-infomaniak-spam');
  return {
    uid: apiUid(folder, uid),
    msg_id: parsed.msgId,
    folder_id: folder.id,
    subject: parsed.subject,
    date: parsed.date ?? internalDate,
    internal_date: internalDate,
    priority: parsed.priority,
    size: message.content.size,
    from: parsed.from,
    to: parsed.to,
    cc: parsed.cc,
    bcc: parsed.bcc,
    reply_to: parsed.replyTo,
    in_reply_to: parsed.inReplyTo,
    references: parsed.references,
    dkim_status: dkimStatus(parsed),
    resource: messageResource(mailbox, folder, uid),
    download_resource: downloadResource(mailbox, folder, uid),
    seen: flags.seen,
    flagged: flags.flagged,
    answered: flags.answered,
    forwarded: flags.forwarded,
    is_draft: folder.role === 'DRAFT',
    has_attachments: parsed.attachments.some((attachment) => attachment.disposition === 'attachment'),
    preview: previewOf(parsed),
    attachments: parsed.attachments.map((attachment) => attachmentJson(message, attachment)),
    attachments_resources: archivableAttachments(parsed.attachments).length
      ? `${messageResource(mailbox, folder, uid)}/attachmentsArchive`
      : null,
    headers: spam === undefined ? {} : { 'x-infomaniak-spam': spam },
    has_unsubscribe_link: headerValue(parsed.headers, 'list-unsubscribe') !== undefined,
    st_uuid: null,
  };
}

/**
 * The variants Infomaniak's apps are written to accept (ios-kMail `Attachment.swift`), served so clients meet them:
 * a top-level part id as a number, and no `resource` for an attached message. Which attachments the real server
 * sends that way is not known; see the README's guesses.
 */
function attachmentJson(message: StoredMessage, attachment: ParsedAttachment): AttachmentJson {
  const json: AttachmentJson = {
    uuid: createHash('sha256').update(`${message.key}:${attachment.partId}`).digest('hex').slice(0, 32),
    part_id: /^\d+$/.test(attachment.partId) ? Number(attachment.partId) : attachment.partId,
    mime_type: attachment.mimeType,
    encoding: attachment.encoding,
    size: attachment.size,
    name: attachment.name,
    disposition: attachment.disposition,
    content_id: attachment.contentId,
  };
  if (!isAttachedMessage(attachment)) {
    json.resource = attachmentResource(message.mailbox, message.folder, message.uid, attachment.partId);
  }
  return json;
}

function isAttachedMessage(attachment: ParsedAttachment): boolean {
  return attachment.mimeType.toLowerCase() === 'message/rfc822';
}

function bodyFor(parsed: ParsedMessage, format: PreferredFormat): BodyJson {
  const html = parsed.html;
  const text = parsed.text;
  if (html !== null && (format === 'html' || text === null)) return { type: 'text/html', value: html, subBody: [] };
  return { type: 'text/plain', value: text ?? '', subBody: [] };
}

function previewOf(parsed: ParsedMessage): string {
  const source = parsed.textStart ?? parsed.text ?? htmlToPlainText(parsed.html ?? '');
  return source.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Enough HTML-to-text for a preview line: block ends become spaces, inline tags vanish, common entities decode. */
function htmlToPlainText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d|\/blockquote)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity;
      const code = /^#x/i.test(name) ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      // Hostile mail carries out-of-range references; they stay as written rather than break the JSON.
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
}

/**
 * The real server verifies DKIM itself; the replica trusts the message's own Authentication-Results, which the
 * corpus writes to say what the verdict should be.
 */
function dkimStatus(parsed: ParsedMessage): MessageJson['dkim_status'] {
  const signed = headerValue(parsed.headers, 'dkim-signature') !== undefined;
  const results = parsed.headers
    .filter((field) => field.name.toLowerCase() === 'authentication-results')
    .map((field) => field.value)
    .join(';');
  const verdict = /\bdkim=(\w+)/i.exec(results)?.[1]?.toLowerCase();
  if (verdict === 'pass') return 'valid';
  if (verdict && verdict !== 'none') return 'not_valid';
  return signed ? 'not_valid' : 'not_signed';
}
