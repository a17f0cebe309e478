/**
 * The headers a reader asks about first: who, to whom, what, when, and the list/receipt extras.
 */
import { parseMailDate } from '../dates';
import { decodeEncodedWords } from '../encoded-words';
import { parseAddressList } from './addresses';
import { stripComments } from './structured-text';
import type { DateValue, HeaderLookup, HeaderSummary, ListUnsubscribe, MailAddress, Priority } from './types';

export function summariseHeaders(headers: HeaderLookup): HeaderSummary {
  const text = (name: string): string | null => headers.first(name)?.unfolded ?? null;
  const addresses = (name: string): MailAddress[] =>
    headers.all(name).flatMap((field) => parseAddressList(field.unfolded));
  const subject = text('Subject');
  const dateText = text('Date');
  return {
    from: addresses('From'),
    sender: addresses('Sender')[0] ?? null,
    replyTo: addresses('Reply-To'),
    returnPath: returnPathOf(text('Return-Path')),
    to: addresses('To'),
    cc: addresses('Cc'),
    subject: subject === null ? null : decodeEncodedWords(subject),
    date: dateText === null ? null : dateValue(dateText),
    messageId: text('Message-ID'),
    inReplyTo: text('In-Reply-To'),
    mailer: text('X-Mailer') ?? text('User-Agent'),
    priority: priorityOf(headers),
    readReceiptTo: addresses('Disposition-Notification-To'),
    listUnsubscribe: listUnsubscribeOf(text('List-Unsubscribe'), text('List-Unsubscribe-Post')),
  };
}

export function dateValue(text: string): DateValue {
  const parsed = parseMailDate(text);
  return { text, epochMs: parsed?.epochMs ?? null, offsetMinutes: parsed?.offsetMinutes ?? null };
}

/** "<bounce@example.org>" → "bounce@example.org"; "<>" (the null sender of bounces) → "". */
function returnPathOf(value: string | null): string | null {
  if (value === null) return null;
  return (angleBracketed(value)[0] ?? stripComments(value)).trim();
}

/** The contents of each <…>, scanned with indexOf: a regex would go quadratic on many unclosed "<". */
function angleBracketed(value: string): string[] {
  const found: string[] = [];
  for (let open = value.indexOf('<'); open !== -1;) {
    const close = value.indexOf('>', open + 1);
    if (close === -1) break;
    found.push(value.slice(open + 1, close));
    open = value.indexOf('<', close + 1);
  }
  return found;
}

/**
 * Four headers say the same thing in different words. X-Priority is a digit 1–5 (1 highest),
 * sometimes followed by a label; Importance and X-MSMail-Priority are words; Priority (RFC 2156)
 * is "urgent", "normal" or "non-urgent".
 */
function priorityOf(headers: HeaderLookup): Priority | null {
  const xPriority = headers.first('X-Priority')?.unfolded;
  const digit = xPriority ? /^\s*\(?([1-5])/.exec(xPriority)?.[1] : undefined;
  if (digit) return digit < '3' ? 'high' : digit === '3' ? 'normal' : 'low';
  for (const name of ['Importance', 'X-MSMail-Priority', 'Priority']) {
    const word = headers.first(name)?.unfolded.trim().toLowerCase();
    if (!word) continue;
    if (word === 'high' || word === 'urgent') return 'high';
    if (word === 'normal') return 'normal';
    if (word === 'low' || word === 'non-urgent') return 'low';
  }
  return null;
}

function listUnsubscribeOf(value: string | null, post: string | null): ListUnsubscribe | null {
  if (value === null) return null;
  const uris = angleBracketed(value)
    .map((uri) => uri.replace(/\s+/g, ''))
    .filter(Boolean);
  // RFC 8058: one-click needs the exact POST body and an https URI to post it to.
  const oneClick =
    post !== null && /list-unsubscribe\s*=\s*one-click/i.test(post) && uris.some((uri) => /^https:/i.test(uri));
  return { uris, oneClick };
}
