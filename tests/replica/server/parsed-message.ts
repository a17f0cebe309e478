import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';

// What the API needs out of a raw message, parsed once per raw buffer (moves keep the buffer, so the cache
// survives them). Parsing never throws: a message mailparser rejects still yields a best-effort view built
// from its header block, because the real API answers with JSON for broken mail too.

export interface Recipient {
  email: string;
  name: string;
}

export interface ParsedAttachment {
  /** IMAP-style body part number ("2", "1.2"); "1" for a single-part message. */
  partId: string;
  name: string;
  mimeType: string;
  encoding: string | null;
  size: number;
  disposition: 'inline' | 'attachment';
  contentId: string | null;
  content: Buffer;
}

export interface ParsedMessage {
  msgId: string | null;
  subject: string;
  /** Date header as ISO 8601, null when absent or unparsable. */
  date: string | null;
  priority: 'low' | 'normal' | 'high';
  from: Recipient[];
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  replyTo: Recipient[];
  inReplyTo: string | null;
  references: string | null;
  /** Every message-id this one points at (References + In-Reply-To), for threading. */
  relatedIds: string[];
  html: string | null;
  text: string | null;
  /** The text's beginning, where the whole is costly to make (generated messages): enough for a preview. */
  textStart?: string;
  attachments: ParsedAttachment[];
  headers: { name: string; value: string }[];
  /** Set when mailparser failed and this view came from the header block alone. */
  degraded: boolean;
}

const cache = new WeakMap<Uint8Array, Promise<ParsedMessage>>();

export function parseMessage(raw: Uint8Array): Promise<ParsedMessage> {
  let pending = cache.get(raw);
  if (!pending) {
    pending = parseUncached(raw);
    cache.set(raw, pending);
  }
  return pending;
}

async function parseUncached(raw: Uint8Array): Promise<ParsedMessage> {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    // keepCidLinks: the API returns HTML with cid: links and lists the parts; ignoreEmbedded: attached
    // messages stay downloadable attachments instead of being merged into the body.
    // maxChildNodes: mailparser gives up on a message of more than 1,000 MIME parts, and the replica then listed no
    // attachment at all; the API lists every attachment a message has (see the README's guesses), so no cap here.
    const mail = await simpleParser(buffer, {
      keepCidLinks: true,
      ignoreEmbedded: true,
      skipTextToHtml: true,
      maxChildNodes: Number.MAX_SAFE_INTEGER,
    });
    return fromParsedMail(mail, readHeaderBlock(buffer));
  } catch {
    return fromHeaderBlockOnly(buffer);
  }
}

function fromParsedMail(mail: ParsedMail, headers: { name: string; value: string }[]): ParsedMessage {
  const html = typeof mail.html === 'string' ? mail.html : null;
  const relatedIds = messageIdsIn([headerValue(headers, 'references'), headerValue(headers, 'in-reply-to')]);
  const references = messageIdsIn([headerValue(headers, 'references')]);
  return {
    msgId: mail.messageId ?? null,
    subject: mail.subject ?? '',
    date: isoDate(mail.date),
    priority: priorityFrom(headers),
    from: recipients(mail.from),
    to: recipients(mail.to),
    cc: recipients(mail.cc),
    bcc: recipients(mail.bcc),
    replyTo: recipients(mail.replyTo),
    inReplyTo: mail.inReplyTo ?? null,
    references: references.length ? references.join(' ') : null,
    relatedIds,
    html,
    text: mail.text ?? null,
    attachments: mail.attachments.map((attachment, index) => {
      const partId = attachment.partId ?? (index === 0 ? '1' : `${index + 1}`);
      const encoding = attachment.headers.get('content-transfer-encoding');
      const inline =
        attachment.contentDisposition === 'inline' || (!attachment.contentDisposition && !!attachment.related);
      return {
        partId,
        name:
          attachment.filename ??
          declaredEmptyName(attachment.headers) ??
          defaultAttachmentName(attachment.contentType, partId),
        mimeType: declaredContentType(attachment.headers.get('content-type')) ?? attachment.contentType,
        encoding: typeof encoding === 'string' ? encoding.toLowerCase() : null,
        size: attachment.content.length,
        disposition: inline ? 'inline' : 'attachment',
        contentId: attachment.contentId ?? null,
        content: attachment.content,
      } satisfies ParsedAttachment;
    }),
    headers,
    degraded: false,
  };
}

/**
 * The type the part declares. mailparser swaps application/octet-stream for a guess from the file name; the API
 * reports what the message says, which is what a client deciding how to treat the file must see.
 */
function declaredContentType(header: unknown): string | undefined {
  const value =
    typeof header === 'object' && header !== null && 'value' in header
      ? (header as { value: unknown }).value
      : undefined;
  return typeof value === 'string' && value.includes('/') ? value.toLowerCase() : undefined;
}

/** '' when the part explicitly names itself with an empty string (mailparser drops such names entirely). */
function declaredEmptyName(headers: Map<string, unknown>): string | undefined {
  for (const [header, param] of [
    ['content-disposition', 'filename'],
    ['content-type', 'name'],
  ] as const) {
    const value = headers.get(header);
    const params =
      typeof value === 'object' && value !== null && 'params' in value
        ? (value as { params: Record<string, string> }).params
        : {};
    if (params[param] === '') return '';
  }
  return undefined;
}

/** Guessed: what the real API calls a part that has no name at all is not documented. */
function defaultAttachmentName(mimeType: string, partId: string): string {
  if (mimeType === 'message/rfc822') return `message-${partId}.eml`;
  return `attachment-${partId}`;
}

function fromHeaderBlockOnly(buffer: Buffer): ParsedMessage {
  const headers = readHeaderBlock(buffer);
  const bodyStart = buffer.indexOf('\r\n\r\n');
  const text = buffer.subarray(bodyStart >= 0 ? bodyStart + 4 : 0).toString('latin1');
  const relatedIds = messageIdsIn([headerValue(headers, 'references'), headerValue(headers, 'in-reply-to')]);
  return {
    msgId: messageIdsIn([headerValue(headers, 'message-id')])[0] ?? null,
    subject: headerValue(headers, 'subject') ?? '',
    date: isoDate(new Date(headerValue(headers, 'date') ?? '')),
    priority: priorityFrom(headers),
    from: looseRecipients(headerValue(headers, 'from')),
    to: looseRecipients(headerValue(headers, 'to')),
    cc: looseRecipients(headerValue(headers, 'cc')),
    bcc: [],
    replyTo: looseRecipients(headerValue(headers, 'reply-to')),
    inReplyTo: headerValue(headers, 'in-reply-to') ?? null,
    references: headerValue(headers, 'references') ?? null,
    relatedIds,
    html: null,
    text,
    attachments: [],
    headers,
    degraded: true,
  };
}

/** Unfolded top-level header fields, in order, values left undecoded. */
export function readHeaderBlock(buffer: Buffer): { name: string; value: string }[] {
  const text = buffer.subarray(0, Math.min(buffer.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end >= 0 ? text.slice(0, end) : text;
  const fields: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export function headerValue(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((field) => field.name.toLowerCase() === name)?.value;
}

function messageIdsIn(values: (string | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const value of values) for (const match of value?.matchAll(/<[^<>\s]+>/g) ?? []) ids.add(match[0]);
  return [...ids];
}

/** X-Priority (1-2 high, 4-5 low) first, then Importance and Priority, as mail clients read them. */
function priorityFrom(headers: { name: string; value: string }[]): ParsedMessage['priority'] {
  const xPriority = Number.parseInt(headerValue(headers, 'x-priority') ?? '', 10);
  if (xPriority === 1 || xPriority === 2) return 'high';
  if (xPriority === 4 || xPriority === 5) return 'low';
  const word = `${headerValue(headers, 'importance') ?? ''} ${headerValue(headers, 'priority') ?? ''}`.toLowerCase();
  if (/\b(low|non-urgent)\b/.test(word)) return 'low';
  if (/\b(high|urgent)\b/.test(word)) return 'high';
  return 'normal';
}

function isoDate(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().replace(/\.\d{3}Z$/, '+00:00') : null;
}

function recipients(field: AddressObject | AddressObject[] | undefined): Recipient[] {
  const objects = field ? (Array.isArray(field) ? field : [field]) : [];
  return objects.flatMap((object) => flattenAddresses(object.value));
}

function flattenAddresses(addresses: EmailAddress[]): Recipient[] {
  return addresses.flatMap((address) =>
    address.group
      ? flattenAddresses(address.group)
      : address.address
        ? [{ email: address.address, name: address.name }]
        : [],
  );
}

/** Last-resort address reading for messages mailparser could not take. */
function looseRecipients(value: string | undefined): Recipient[] {
  if (!value) return [];
  return [...value.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((match) => ({ email: match[0], name: '' }));
}
