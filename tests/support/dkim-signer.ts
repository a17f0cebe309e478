/**
 * A small DKIM signer for tests (RFC 6376), written independently of src/: its body canonicalisation follows the
 * RFC text with plain string rules on a byte-per-character (latin1) view of the body, the hash and the RSA signature
 * come from Node's crypto. The extension's body check is tested against what this produces.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type Canonicalisation = 'simple' | 'relaxed';

/** RFC 6376 3.4.3 / 3.4.4, on CRLF text. Each byte is one latin1 character, so 8-bit bodies pass unchanged. */
export function referenceBodyCanonical(body: Uint8Array, canonicalisation: Canonicalisation): Buffer {
  let text = Buffer.from(body).toString('latin1');
  if (canonicalisation === 'relaxed') {
    text = text
      .replace(/[ \t]+/g, ' ')
      .replace(/ \r\n/g, '\r\n')
      .replace(/ $/, '');
    text = text.replace(/(\r\n)+$/, '');
    if (text !== '') text += '\r\n';
  } else {
    text = text.replace(/(\r\n)+$/, '') + '\r\n';
  }
  return Buffer.from(text, 'latin1');
}

export function referenceBodyHash(
  body: Uint8Array,
  canonicalisation: Canonicalisation,
  options: { hash?: 'sha256' | 'sha1'; length?: number } = {},
): string {
  const canonical = referenceBodyCanonical(body, canonicalisation);
  const hashed = options.length === undefined ? canonical : canonical.subarray(0, options.length);
  return createHash(options.hash ?? 'sha256')
    .update(hashed)
    .digest('base64');
}

let testKey: KeyObject | undefined;
/** One RSA key per test run: generating it costs ~100 ms. */
function signingKey(): KeyObject {
  testKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return testKey;
}

export interface SignOptions {
  domain: string;
  selector?: string;
  /** Body canonicalisation; headers are always relaxed. */
  body?: Canonicalisation;
  algorithm?: 'rsa-sha256' | 'rsa-sha1';
  /** Sign only this many bytes of the canonical body (l=). */
  length?: number;
}

/**
 * Signs a message written as CRLF text or bytes (headers, blank line, body) and returns it with a DKIM-Signature
 * on top. The signature is real (a fresh RSA key), though no DNS record holds its public key.
 */
export function signMessage(message: Uint8Array | string, options: SignOptions): Uint8Array {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
  const separator = bytes.indexOf('\r\n\r\n');
  if (separator === -1) throw new Error('signMessage needs CRLF headers, a blank line and a body');
  const headerText = bytes.subarray(0, separator + 2).toString('latin1');
  const body = bytes.subarray(separator + 4);
  const bodyCanon = options.body ?? 'relaxed';
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const hash = algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
  const fields = headerText.split(/\r\n(?![ \t])/).filter((field) => field !== '');
  const signed = fields.filter((field) => /^(from|to|subject|date|message-id):/i.test(field));
  const tags = [
    'v=1',
    `a=${algorithm}`,
    `c=relaxed/${bodyCanon}`,
    `d=${options.domain}`,
    `s=${options.selector ?? 'test'}`,
    ...(options.length === undefined ? [] : [`l=${options.length}`]),
    `h=${signed.map((field) => field.slice(0, field.indexOf(':')).toLowerCase()).join(':')}`,
    `bh=${referenceBodyHash(body, bodyCanon, { hash, length: options.length })}`,
    'b=',
  ].join('; ');
  const unsigned = `DKIM-Signature: ${tags}`;
  const signingInput = [...signed, unsigned].map(relaxedHeader).join('\r\n');
  const signature = sign(hash, Buffer.from(signingInput, 'latin1'), signingKey()).toString('base64');
  return Buffer.concat([Buffer.from(`${unsigned}${signature}\r\n`, 'latin1'), bytes]);
}

/** RFC 6376 3.4.2: lower-case name, unfolded value, whitespace runs to one space, trimmed. */
function relaxedHeader(field: string): string {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}`;
}
