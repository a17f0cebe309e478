/**
 * Received headers (RFC 5321 section 4.4) as real servers write them: Postfix, Exim, qmail, sendmail,
 * Exchange, Gmail, SendGrid. The grammar is a list of clauses ("from", "by", "via", "with", "id",
 * "for") in any order, comments anywhere (often nested, often containing the same keywords), then
 * "; date" — except when the semicolon is missing, or the date is followed by more comments.
 */
import { parseMailDate } from '../dates';
import { blankComments, readComment, readQuoted, splitOutside, stripComments } from './structured-text';
import type { DateValue, ReceivedFields } from './types';

export type ParsedReceived = ReceivedFields;

const CLAUSES = ['from', 'by', 'via', 'with', 'id', 'for'] as const;
type Clause = (typeof CLAUSES)[number];

interface Token {
  text: string;
  comment: boolean;
}

const CHATTER =
  /^(?:using\b|no client certificate|client certificate|envelope-from\b|version=|authenticated\b|tls\d|tlsv|cipher)/i;

// Longer values are junk or attacks; the date is always near the end of a real Received line.
const MAX_RECEIVED_LENGTH = 8192;

export function parseReceived(value: string): ParsedReceived {
  const text = value.length > MAX_RECEIVED_LENGTH ? value.slice(0, MAX_RECEIVED_LENGTH) : value;
  const { clauses, date } = separateDate(text);
  const parsed: ParsedReceived = {
    from: null,
    fromHost: null,
    fromIp: null,
    by: null,
    byHost: null,
    with: null,
    id: null,
    for: null,
    via: null,
    localHandover: null,
    date,
  };

  const values: Partial<Record<Clause, string[]>> = {};
  let current: Clause | null = null;
  for (const token of tokenise(clauses)) {
    const keyword = token.comment ? undefined : CLAUSES.find((clause) => clause === token.text.toLowerCase());
    if (keyword) {
      current = keyword;
      // A repeated keyword (two "with" clauses) adds to the same field rather than replacing it.
      values[keyword] ??= [];
      continue;
    }
    if (current === null) {
      // qmail writes only a comment, "(qmail 10876 invoked from network)": a program handing the message to the
      // next one on the same server. It names no server, so it fills neither "from" nor "by".
      if (token.comment && /^qmail\b/i.test(token.text)) parsed.localHandover = token.text.replace(/\s+/g, ' ');
      continue;
    }
    // Comments describe the host before them (from/by); for the other clauses, and for TLS or
    // envelope notes anywhere, they are chatter the raw line still shows.
    if (token.comment && (current === 'from' || current === 'by') && !CHATTER.test(token.text)) {
      values[current]?.push(`(${token.text})`);
    } else if (!token.comment) {
      values[current]?.push(token.text);
    }
  }

  for (const clause of CLAUSES) {
    const words = values[clause];
    if (words && words.length > 0) parsed[clause] = words.join(' ');
  }
  parsed.fromHost = firstHost(values.from);
  parsed.fromIp = values.from ? firstIp(values.from.join(' ')) : null;
  parsed.byHost = firstHost(values.by);
  return parsed;
}

/**
 * Splits off the date: normally after the last ";" that is outside comments. Failing that (no ";",
 * or junk after it) the earliest point from which the rest reads as a date.
 */
function separateDate(text: string): { clauses: string; date: DateValue | null } {
  const pieces = splitOutside(text, ';');
  for (let i = pieces.length - 1; i >= 1; i--) {
    const candidate = (pieces[i] as string).trim();
    const parsed = parseMailDate(candidate);
    if (parsed) {
      return {
        clauses: pieces.slice(0, i).join(';'),
        date: { text: dateTextOnly(candidate), epochMs: parsed.epochMs, offsetMinutes: parsed.offsetMinutes },
      };
    }
  }
  const withoutSemicolon = findTrailingDate(text);
  if (withoutSemicolon) return withoutSemicolon;
  // A date we cannot read is still shown as written, so the line is not silently incomplete.
  const last = pieces.length > 1 ? (pieces[pieces.length - 1] as string).trim() : '';
  return {
    clauses: pieces.length > 1 ? pieces.slice(0, -1).join(';') : text,
    date: last ? { text: last, epochMs: null, offsetMinutes: null } : null,
  };
}

/** The date itself, without comments such as "(envelope-from …)" written after it. */
function dateTextOnly(candidate: string): string {
  const withoutTrailingComments = stripComments(candidate).replace(/\s+/g, ' ').trim();
  // Keep a zone comment like "(CEST)" or "(UTC)", which readers expect next to the offset.
  const zone = /\(([A-Za-z]{1,5})\)/.exec(candidate);
  return zone ? `${withoutTrailingComments} (${zone[1]})` : withoutTrailingComments;
}

const DATE_STARTS = [
  /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\d/gi,
  /\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{2,4}\b/gi,
  /\b\d{4}-\d{1,2}-\d{1,2}[ t]\d/gi,
];

function findTrailingDate(text: string): { clauses: string; date: DateValue } | null {
  // Searched with comments blanked out, so "(… Mon 1 Jan …)" inside a comment is never taken for the date.
  const bare = blankComments(text);
  let best: { index: number; date: DateValue } | null = null;
  for (const pattern of DATE_STARTS) {
    for (const match of bare.matchAll(pattern)) {
      if (best !== null && match.index >= best.index) break;
      const candidate = bare.slice(match.index).replace(/\s+/g, ' ').trim();
      const parsed = parseMailDate(candidate);
      if (parsed) {
        best = {
          index: match.index,
          date: { text: candidate, epochMs: parsed.epochMs, offsetMinutes: parsed.offsetMinutes },
        };
        break;
      }
    }
  }
  if (!best) return null;
  return { clauses: text.slice(0, best.index), date: best.date };
}

/** Words, [domain literals] and <paths> as single tokens; comments as tokens of their own. */
function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push({ text: word, comment: false });
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '(') {
      flush();
      const comment = readComment(text, i);
      tokens.push({ text: comment.text.replace(/\s+/g, ' ').trim(), comment: true });
      i = comment.end - 1;
    } else if (char === '"') {
      const quoted = readQuoted(text, i);
      word += quoted.text;
      i = quoted.end - 1;
    } else if (char === '[' || char === '<') {
      const close = text.indexOf(char === '[' ? ']' : '>', i);
      const end = close === -1 ? text.length : close + 1;
      word += text.slice(i, end).replace(/\s+/g, '');
      i = end - 1;
    } else if (/\s/.test(char) || char === ';') {
      flush();
    } else {
      word += char;
    }
  }
  flush();
  return tokens;
}

function firstHost(words: string[] | undefined): string | null {
  const first = words?.find((word) => !word.startsWith('('));
  return first ? first.replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '') : null;
}

const IPV4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/;
const IPV6 = /(?<![0-9a-z:])((?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4})(?![0-9a-z:])/gi;

/** The first IP address in a clause: "[IPv6:2001:db8::1]", "[192.0.2.1]", "(2603:10a6::14)", "192.0.2.1". */
function firstIp(clause: string): string | null {
  for (const literal of clause.matchAll(/\[(?:ipv6:)?([0-9a-f:.]+)\]/gi)) {
    const inside = literal[1] as string;
    if (isIpv4(inside) || isIpv6(inside)) return inside;
  }
  const v4 = IPV4.exec(clause);
  if (v4) return v4[1] as string;
  for (const v6 of clause.matchAll(IPV6)) {
    if (isIpv6(v6[1] as string)) return v6[1] as string;
  }
  return null;
}

function isIpv4(text: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(text);
}

/** Needs "::" or five colons, so a time of day such as 10:00:00 never passes for an address. */
function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text)) return false;
  return text.includes('::') || (text.match(/:/g)?.length ?? 0) >= 5;
}
