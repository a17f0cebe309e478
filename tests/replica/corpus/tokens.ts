/**
 * Opaque-looking but stable tokens for headers: MTA queue ids, DKIM/ARC signature blobs. They only need to look
 * like the real thing; nothing verifies them.
 */

import { createPrng, randomBytes, seedFrom } from './prng.ts';
import { base64Inline } from './transfer-encoding.ts';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function token(label: string, length: number, alphabet = ALPHANUMERIC): string {
  const next = createPrng(seedFrom(label));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[next() % alphabet.length];
  return out;
}

/** Postfix "long" queue id, e.g. 4T1hXk2vQmzKm. */
export function postfixQueueId(label: string): string {
  return `4${token(label, 12)}`;
}

/** Exim message id, e.g. 1rT5xK-00Ab3C-0q. */
export function eximId(label: string): string {
  return `1${token(`${label}:a`, 5)}-${token(`${label}:b`, 6)}-${token(`${label}:c`, 2)}`;
}

/** Base64 of `byteCount` stable pseudo-random bytes (a DKIM body hash is 32 bytes, an RSA-2048 signature 256). */
export function signatureBlob(label: string, byteCount: number): string {
  return base64Inline(randomBytes(seedFrom(label), byteCount));
}

/** A long tag value folded the way signers do: 70 characters per continuation line. */
export function foldBlob(blob: string): string {
  const lines: string[] = [];
  for (let i = 0; i < blob.length; i += 70) lines.push(blob.slice(i, i + 70));
  return lines.join('\n\t ');
}

/** A Message-ID in the style most clients use: random-looking left part, sender's domain on the right. */
export function messageId(label: string, domain: string): string {
  return `<${token(`${label}:mid`, 8, '0123456789abcdef')}-${token(`${label}:mid2`, 4, '0123456789abcdef')}-${token(`${label}:mid3`, 12, '0123456789abcdef')}@${domain}>`;
}
