/** DKIM-Signature headers that look right (tags, folding, blob lengths) but are not real signatures: the replica
 * never verifies them, and the header inspector reads the receiving side's Authentication-Results instead. */

import { unixSeconds } from './dates.ts';
import { foldBlob, signatureBlob } from './tokens.ts';

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
    `bh=${signatureBlob(`${options.label}:bh`, 32)}`,
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
