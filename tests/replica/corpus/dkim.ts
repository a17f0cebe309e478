/** DKIM-Signature headers that look right (tags, folding, blob lengths). The body hash (bh=) is real, filled in once
 * the body is rendered (see `fillBodyHashes`), so the extension's offline body check finds the body unchanged; the
 * signature (b=) is not: the replica never verifies it, and the header inspector reads the receiving side's
 * Authentication-Results instead. */

import { referenceBodyHash } from '../../support/dkim-signer.ts';
import { unixSeconds } from './dates.ts';
import { foldBlob, signatureBlob } from './tokens.ts';

/** Stands for the body hash until the body exists; as long as a base64 SHA-256, so the folding stays the same. */
const BODY_HASH_SLOT = `bodyhash${'0'.repeat(35)}=`;

export interface DkimOptions {
  label: string;
  domain: string;
  selector: string;
  /** Local signing time; becomes `t=`. */
  at: string;
  algorithm?: 'rsa-sha256' | 'ed25519-sha256';
  signedHeaders?: string;
  /** `i=` tag, when the signer states an identity. */
  identity?: string;
  /** Extra tags in signer order, e.g. 'x=1792234486'. */
  extraTags?: string[];
}

export function dkimSignature(options: DkimOptions): string {
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const signatureBytes = algorithm === 'rsa-sha256' ? 256 : 64;
  const headers = options.signedHeaders ?? 'from:to:subject:date:message-id:mime-version:content-type';
  const tags = [
    'v=1',
    `a=${algorithm}`,
    'c=relaxed/relaxed',
    `d=${options.domain}`,
    `s=${options.selector}`,
    ...(options.identity ? [`i=${options.identity}`] : []),
    `t=${unixSeconds(options.at)}`,
    ...(options.extraTags ?? []),
    `h=${headers}`,
    `bh=${BODY_HASH_SLOT}`,
    `b=${foldBlob(signatureBlob(`${options.label}:b`, signatureBytes))}`,
  ];
  return `DKIM-Signature: ${packTags(tags)}`;
}

/** Tags joined with '; ' and folded before a line grows past 76 characters, as signing MTAs do. */
function packTags(tags: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const tag of tags) {
    const piece = `${tag};`;
    if (line !== '' && line.length + 1 + piece.split('\n')[0]!.length > 76 - 'DKIM-Signature: '.length) {
      lines.push(line);
      line = piece;
    } else {
      line = line === '' ? piece : `${line} ${piece}`;
    }
  }
  lines.push(line.slice(0, -1)); // no ';' after the last tag
  return lines.join('\n\t');
}

/** Writes the relaxed body hash of a rendered message into every DKIM-Signature made by `dkimSignature`. */
export function fillBodyHashes(raw: Uint8Array): Uint8Array {
  const text = Buffer.from(raw).toString('latin1');
  const headerEnd = text.indexOf('\r\n\r\n');
  if (headerEnd === -1 || !text.slice(0, headerEnd).includes(BODY_HASH_SLOT)) return raw;
  const bodyHash = referenceBodyHash(raw.subarray(headerEnd + 4), 'relaxed');
  const header = text.slice(0, headerEnd).replaceAll(BODY_HASH_SLOT, bodyHash);
  return new Uint8Array(Buffer.from(header + text.slice(headerEnd), 'latin1'));
}
