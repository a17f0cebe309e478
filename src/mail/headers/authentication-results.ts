/**
 * Authentication-Results (RFC 8601) and the same syntax inside ARC-Authentication-Results.
 *
 * Real headers bend the grammar: no authserv-id (Microsoft), no ";" between results, properties
 * without a type ("action=none"), spaces around "=", upper-case results, quoted values, comments
 * anywhere. The parser is a single forward scan that takes what it can and never throws.
 */
import { readComment, readQuoted } from './structured-text';
import type { AuthProperty, MethodResult } from './types';

export interface ParsedAuthenticationResults {
  authservId: string | null;
  version: number | null;
  comments: string[];
  results: MethodResult[];
}

/** Method names registered with IANA plus the common vendor ones; used to spot a missing ";". */
const KNOWN_METHODS = new Set([
  'auth',
  'dkim',
  'dkim-adsp',
  'dkim-atps',
  'domainkeys',
  'iprev',
  'sender-id',
  'spf',
  'dmarc',
  'arc',
  'vbr',
  'rrvs',
  'smime',
  'dnswl',
  'bimi',
  'compauth',
  'x-tls',
  'x-original-to',
]);

export function parseAuthenticationResults(value: string): ParsedAuthenticationResults {
  const parsed: ParsedAuthenticationResults = { authservId: null, version: null, comments: [], results: [] };
  const scanner = new Scanner(value);
  let current: MethodResult | null = null;
  let segmentStart = true; // just after ";" (or at the start): the next key=value names a method
  let beforeFirstSeparator = true;

  // Comments belong to the result they follow; before the first result, to the header.
  const addComments = (comments: string[]) => (current ? current.comments : parsed.comments).push(...comments);

  while (!scanner.done()) {
    addComments(scanner.skipSpaceAndComments());
    if (scanner.done()) break;
    if (scanner.peek() === ';') {
      scanner.advance();
      current = null;
      segmentStart = true;
      beforeFirstSeparator = false;
      continue;
    }
    const key = scanner.readKey();
    if (key === '') {
      scanner.advance(); // a stray "=", quote or bracket: skip it rather than loop
      continue;
    }
    addComments(scanner.skipSpaceAndComments());
    if (scanner.peek() !== '=') {
      // A bare word: the authserv-id and its version at the start, "none" for no results, else noise.
      if (beforeFirstSeparator && parsed.authservId === null && parsed.results.length === 0) {
        parsed.authservId = key;
      } else if (beforeFirstSeparator && parsed.version === null && /^\d+$/.test(key) && parsed.results.length === 0) {
        parsed.version = Number(key);
      }
      continue;
    }
    scanner.advance();
    addComments(scanner.skipSpaceAndComments());
    const value = scanner.readValue();
    const lowerKey = key.toLowerCase();

    // "dkim/1=pass": a method version is allowed and ignored.
    const method = lowerKey.split('/')[0] as string;
    const methodLike = !lowerKey.includes('.') && lowerKey !== 'reason';
    // After the first result of a segment, only a known method name starts another one (the sender
    // forgot the ";"); any other bare key is a sloppy property such as Microsoft's "action=none".
    if (methodLike && (segmentStart || current === null || KNOWN_METHODS.has(method) || method.startsWith('x-'))) {
      current = { method, result: value.toLowerCase(), reason: null, comments: [], properties: [] };
      parsed.results.push(current);
      segmentStart = false;
      continue;
    }
    if (current === null) continue;
    if (lowerKey === 'reason') {
      current.reason = value;
    } else {
      current.properties.push(propertyOf(key, value));
    }
  }
  return parsed;
}

function propertyOf(key: string, value: string): AuthProperty {
  const dot = key.indexOf('.');
  if (dot === -1) return { type: '', name: key.toLowerCase(), value };
  return { type: key.slice(0, dot).toLowerCase(), name: key.slice(dot + 1).toLowerCase(), value };
}

/** The first property with that type and name, e.g. ("smtp", "mailfrom"). */
export function propertyValue(result: MethodResult, type: string, name: string): string | null {
  return result.properties.find((property) => property.type === type && property.name === name)?.value ?? null;
}

class Scanner {
  private position = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string {
    return this.text[this.position] ?? '';
  }

  advance(): void {
    this.position++;
  }

  skipSpaceAndComments(): string[] {
    const comments: string[] = [];
    while (!this.done()) {
      const char = this.peek();
      if (char === '(') {
        const comment = readComment(this.text, this.position);
        comments.push(comment.text.replace(/\s+/g, ' ').trim());
        this.position = comment.end;
      } else if (/\s/.test(char)) {
        this.position++;
      } else {
        break;
      }
    }
    return comments;
  }

  /** A method, property or bare word: up to space, "=", ";", a comment or a quote. */
  readKey(): string {
    const start = this.position;
    while (!this.done() && !/[\s=;("]/.test(this.peek())) this.position++;
    return this.text.slice(start, this.position);
  }

  /** A quoted string, or everything up to space, ";" or a comment ("=" and "/" allowed, for base64). */
  readValue(): string {
    if (this.peek() === '"') {
      const quoted = readQuoted(this.text, this.position);
      this.position = quoted.end;
      return quoted.text;
    }
    const start = this.position;
    while (!this.done() && !/[\s;(]/.test(this.peek())) this.position++;
    return this.text.slice(start, this.position);
  }
}
