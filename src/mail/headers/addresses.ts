/**
 * Address lists (From, To, Cc, Reply-To…) per RFC 5322 section 3.4, tolerant of what clients write:
 * groups, obsolete "addr (Name)" comments, encoded words inside quoted names, stray semicolons.
 *
 * The structure is found on the raw text first and only display names are decoded afterwards, so an
 * encoded word can never turn into an address or a separator (the "Mailsploit" spoofs).
 */
import { decodeEncodedWords } from '../encoded-words';
import type { MailAddress } from './types';
import { collectComments, readComment, readQuoted, splitOutside, stripComments } from './structured-text';

export function parseAddressList(value: string): MailAddress[] {
  const addresses: MailAddress[] = [];
  for (const piece of splitOutside(value, ',', { angles: true })) {
    const address = parseMailbox(withoutGroupSyntax(piece));
    if (address) addresses.push(address);
  }
  return addresses;
}

/** "Team: a@example.org" → "a@example.org"; "b@example.org;" → "b@example.org". */
function withoutGroupSyntax(piece: string): string {
  const colon = indexOutside(piece, ':');
  const withoutName = colon === -1 ? piece : piece.slice(colon + 1);
  return withoutName.replace(/;\s*$/, '');
}

function parseMailbox(piece: string): MailAddress | null {
  const open = indexOutside(piece, '<');
  if (open !== -1) {
    const close = piece.indexOf('>', open);
    const inside = piece.slice(open + 1, close === -1 ? undefined : close);
    // A source route "<@relay.example:user@example.org>" only matters to 1980s relays.
    const address = compact(inside.replace(/^@[^:]*:/, ''));
    const name = displayName(piece.slice(0, open));
    if (!address && !name) return null;
    return { name, address };
  }
  const address = compact(stripComments(piece));
  if (!address) return null;
  // Obsolete "user@example.org (Name)": the comment is the only name there is.
  const name = collectComments(piece).map(decodeEncodedWords).join(' ').trim();
  return { name, address };
}

/** A display name: comments dropped, quoted parts unquoted, encoded words decoded, spaces collapsed. */
export function displayName(phrase: string): string {
  const parts: string[] = [];
  let segment = 0;
  for (let i = 0; i < phrase.length; i++) {
    const char = phrase[i];
    if (char === '(') {
      parts.push(phrase.slice(segment, i), ' ');
      i = readComment(phrase, i).end - 1;
      segment = i + 1;
    } else if (char === '"') {
      const quoted = readQuoted(phrase, i);
      // Encoded words inside quotes are invalid but common; decoding them matches what mail clients show.
      parts.push(phrase.slice(segment, i), quoted.text);
      i = quoted.end - 1;
      segment = i + 1;
    }
  }
  parts.push(phrase.slice(segment));
  return decodeEncodedWords(parts.join('').replace(/\s+/g, ' ').trim());
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Index of `char` outside comments, quoted strings and angle brackets; -1 when absent. */
function indexOutside(input: string, char: string): number {
  let inAngles = false;
  for (let i = 0; i < input.length; i++) {
    const current = input[i];
    if (current === '(') i = readComment(input, i).end - 1;
    else if (current === '"') i = readQuoted(input, i).end - 1;
    else if (current === '<' && char !== '<') inAngles = true;
    else if (current === '>') inAngles = false;
    else if (current === char && !inAngles) return i;
  }
  return -1;
}

/** The domain of an address, lower case, without a trailing dot; null when there is none. */
export function domainOfAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at === -1) return null;
  let domain = address
    .slice(at + 1)
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  while (domain.endsWith('>') || domain.endsWith('.')) domain = domain.slice(0, -1);
  return domain.length > 0 ? domain : null;
}
