/**
 * The DKIM body check, offline: recompute each DKIM-Signature's body hash (bh=, RFC 6376 section 3.7) over the
 * body we have and compare. This needs no DNS and no key, and it proves nothing about who signed: it only tells
 * whether the body is still the one that was hashed when the signature was made (for example, a mailing list that
 * appends a footer breaks it). The report says so next to the result.
 *
 * Works on bytes throughout: bodies are often 8-bit, and a string round trip would change what is hashed.
 */
import { parseHeaderFields, splitHeaderBlock } from '../header-block';
import { reportText } from './messages';
import { parseTagList } from './signatures';
import type { ReportText } from './types';

/**
 * Above this the body is not checked. A 25 MB attachment is about 34 MB once base64-encoded; canonicalising and
 * hashing that takes well under a second and a second buffer of the same size.
 */
export const MAX_DKIM_BODY_BYTES = 64 * 1024 * 1024;

/** More signatures than this on one message is abuse, not mail; each distinct one costs a pass over the body. */
const MAX_CHECKED_SIGNATURES = 8;

export type DkimBodyStatus =
  /** The hash matches over the whole body. */
  | 'unchanged'
  /** The hash matches over the first l= bytes; more was added after them, which the signature does not cover. */
  | 'unchanged_prefix'
  | 'changed'
  /** No body hash we can compute: missing or unreadable bh=, an unknown algorithm or canonicalisation, too large. */
  | 'unchecked';

export interface DkimBodyCheck {
  /** Position of the DKIM-Signature field in the header block, as in `DkimSignature.headerIndex`. */
  headerIndex: number;
  domain: string | null;
  status: DkimBodyStatus;
  text: ReportText;
}

export type BodyCanonicalisation = 'simple' | 'relaxed';

const HASHES: Record<string, string> = { sha256: 'SHA-256', sha1: 'SHA-1' };

/**
 * Checks the body hash of every DKIM-Signature in a whole message (headers and body, as received). Returns one
 * entry per signature, topmost first; an empty list when the message is not signed.
 */
export async function checkDkimBodyHashes(message: Uint8Array): Promise<DkimBodyCheck[]> {
  const { header, bodyOffset } = splitHeaderBlock(message);
  const signatures = parseHeaderFields(header)
    .filter((field) => field.name.toLowerCase() === 'dkim-signature')
    .slice(0, MAX_CHECKED_SIGNATURES);
  if (signatures.length === 0) return [];

  const body = message.subarray(bodyOffset);
  const canonical = new Map<BodyCanonicalisation, Uint8Array<ArrayBuffer>>();
  const checks: DkimBodyCheck[] = [];
  for (const field of signatures) {
    const tags = parseTagList(field.unfolded);
    const domain = tags.get('d')?.toLowerCase() || null;
    const signer = domain ?? '?';
    const unchecked = (key: 'hdr_dkim_body_unchecked' | 'hdr_dkim_body_too_large'): DkimBodyCheck => ({
      headerIndex: field.index,
      domain,
      status: 'unchecked',
      text: reportText(key, signer),
    });

    const method = readMethod(tags);
    if (method === null) {
      checks.push(unchecked('hdr_dkim_body_unchecked'));
      continue;
    }
    if (body.length > MAX_DKIM_BODY_BYTES) {
      checks.push(unchecked('hdr_dkim_body_too_large'));
      continue;
    }
    let canonicalBody = canonical.get(method.canonicalisation);
    if (!canonicalBody) {
      canonicalBody = canonicaliseBody(body, method.canonicalisation);
      canonical.set(method.canonicalisation, canonicalBody);
    }
    checks.push({ headerIndex: field.index, domain, ...(await compare(canonicalBody, method, signer)) });
  }
  return checks;
}

interface BodyHashMethod {
  canonicalisation: BodyCanonicalisation;
  hash: string;
  expected: Uint8Array;
  /** l=: how many bytes of the canonical body were hashed; null for all of them. */
  length: number | null;
}

function readMethod(tags: Map<string, string>): BodyHashMethod | null {
  // a=rsa-sha256, rsa-sha1, ed25519-sha256: the body hash is the part after the dash.
  const hash = HASHES[(tags.get('a') ?? '').toLowerCase().split('-')[1] ?? ''];
  // c=header/body; the body part defaults to simple, and so does an absent c=.
  const bodyCanon = ((tags.get('c') ?? 'simple/simple').toLowerCase().split('/')[1] ?? 'simple') as string;
  const expected = decodeBase64(tags.get('bh') ?? '');
  const lengthTag = tags.get('l');
  if (hash === undefined || expected === null || expected.length === 0) return null;
  if (bodyCanon !== 'simple' && bodyCanon !== 'relaxed') return null;
  if (lengthTag !== undefined && !/^\d{1,76}$/.test(lengthTag)) return null;
  return {
    canonicalisation: bodyCanon,
    hash,
    expected,
    length: lengthTag === undefined ? null : Number(lengthTag),
  };
}

async function compare(
  canonicalBody: Uint8Array<ArrayBuffer>,
  method: BodyHashMethod,
  signer: string,
): Promise<Omit<DkimBodyCheck, 'headerIndex' | 'domain'>> {
  // A body shorter than the signed length lost something the signer hashed.
  if (method.length !== null && method.length > canonicalBody.length) {
    return { status: 'changed', text: reportText('hdr_dkim_body_changed', signer) };
  }
  const hashed = method.length === null ? canonicalBody : canonicalBody.subarray(0, method.length);
  const digest = new Uint8Array(await crypto.subtle.digest(method.hash, hashed));
  if (!sameBytes(digest, method.expected)) {
    return { status: 'changed', text: reportText('hdr_dkim_body_changed', signer) };
  }
  if (hashed.length < canonicalBody.length) {
    const unsigned = canonicalBody.length - hashed.length;
    return {
      status: 'unchanged_prefix',
      text: reportText('hdr_dkim_body_unchanged_prefix', signer, String(hashed.length), String(unsigned)),
    };
  }
  return { status: 'unchanged', text: reportText('hdr_dkim_body_unchanged', signer) };
}

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const TAB = 0x09;

/**
 * The body as DKIM hashes it: "simple" (RFC 6376 section 3.4.3) or "relaxed" (section 3.4.4).
 *
 * Both: lines end in CRLF, empty lines at the end are dropped, and a last line without a line break gets one.
 * simple: an empty body becomes a single CRLF. relaxed: whitespace (SP, HTAB) at line ends is removed and runs of it
 * inside a line become one SP, so a line of blanks counts as empty; an empty body stays empty.
 *
 * DKIM is defined on CRLF, but a message saved on Unix has bare LF line ends. A bare LF is read as a line end, as
 * common verifiers (OpenDKIM, mailauth) do, so such a file checks the same as the message it was saved from. A bare
 * CR is an ordinary byte.
 */
export function canonicaliseBody(body: Uint8Array, canonicalisation: BodyCanonicalisation): Uint8Array<ArrayBuffer> {
  // Every LF may gain a CR and the last line a CRLF: that bounds the output, so it is allocated once.
  let lineFeeds = 0;
  for (let at = body.indexOf(LF); at !== -1; at = body.indexOf(LF, at + 1)) lineFeeds++;
  const out = new Uint8Array(body.length + lineFeeds + 2);
  const relaxed = canonicalisation === 'relaxed';

  let written = 0;
  // Output length up to the end of the last line that was not empty: what follows is trailing empty lines.
  let keep = 0;
  let lineStart = 0;
  while (lineStart < body.length) {
    const lineFeed = body.indexOf(LF, lineStart);
    const lineEnd = lineFeed === -1 ? body.length : lineFeed;
    const contentEnd = lineFeed !== -1 && lineEnd > lineStart && body[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const contentStart = written;
    if (relaxed) {
      let pendingSpace = false;
      for (let i = lineStart; i < contentEnd; i++) {
        const byte = body[i]!;
        if (byte === SP || byte === TAB) {
          pendingSpace = true;
          continue;
        }
        if (pendingSpace) out[written++] = SP;
        pendingSpace = false;
        out[written++] = byte;
      }
    } else {
      out.set(body.subarray(lineStart, contentEnd), written);
      written += contentEnd - lineStart;
    }
    out[written++] = CR;
    out[written++] = LF;
    if (written - 2 > contentStart) keep = written;
    lineStart = lineEnd + 1;
  }

  if (keep === 0 && !relaxed) {
    out[0] = CR;
    out[1] = LF;
    return out.subarray(0, 2);
  }
  return out.subarray(0, keep);
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
