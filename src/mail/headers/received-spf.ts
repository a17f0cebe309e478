/**
 * Received-SPF (RFC 7208 section 9.1): "result (comment) key=value; …". Older writers put the
 * envelope sender only in the comment ("domain of alice@example.org designates …"), so that is read too.
 */
import type { HeaderField } from '../header-block';
import { collectComments, readQuoted, splitOutside, stripComments } from './structured-text';
import type { ReceivedSpf } from './types';

export function parseReceivedSpf(field: HeaderField): ReceivedSpf {
  const value = field.unfolded;
  const result = /^\s*([a-z]+)/i.exec(value)?.[1]?.toLowerCase() ?? '';
  const comments = collectComments(value);
  const pairs = new Map<string, string>();
  for (const piece of splitOutside(stripComments(value), ';')) {
    const equals = piece.indexOf('=');
    if (equals === -1) continue;
    // The key is the last word before "=" (the first piece also holds the result word and comment).
    const key = piece.slice(0, equals).trim().split(/\s+/).pop()?.toLowerCase() ?? '';
    const rest = piece.slice(equals + 1).trim();
    const pairValue = rest.startsWith('"') ? readQuoted(rest, 0).text : (rest.split(/\s/)[0] ?? '');
    if (/^[a-z][a-z-]*$/.test(key) && !pairs.has(key)) pairs.set(key, pairValue);
  }
  const commentSender = comments
    .map((comment) => /domain of (?:transitioning )?(\S+)/i.exec(comment)?.[1])
    .find(Boolean);
  return {
    headerIndex: field.index,
    result,
    clientIp: pairs.get('client-ip') ?? null,
    envelopeFrom: unbracket(pairs.get('envelope-from') ?? commentSender ?? null),
    helo: pairs.get('helo') ?? null,
    receiver: pairs.get('receiver') ?? null,
    comment: comments.length > 0 ? comments.join(' ') : null,
  };
}

function unbracket(text: string | null): string | null {
  if (text === null) return null;
  const clean = text.replace(/^<|>$/g, '');
  return clean.length > 0 ? clean : null;
}
