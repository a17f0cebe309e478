import { decodeBase64 } from './base64';
import { ownRealmBytes } from './own-realm-bytes';
import type { AttachmentPart } from './parse-message';

/**
 * The bytes of an attachment exactly as the sender attached them. postal-mime decodes base64 faithfully, but it
 * rewrites everything else: CRLF becomes LF, a line break is appended, calendar parts are re-encoded. A saved .eml
 * whose bytes changed no longer matches its DKIM signature, and a text file should not change either, so those
 * parts are decoded here from their position in the raw message (see parseMessageWithParts).
 */
export function exactPartContent(raw: Uint8Array, part: AttachmentPart): Uint8Array {
  const { attachment, transferEncoding, body } = part;
  const decoded = ownRealmBytes(attachment.content);
  if (transferEncoding === undefined || body === undefined) return withoutAppendedLineBreak(decoded, transferEncoding);
  const encoded = raw.subarray(body.start, body.end);
  switch (transferEncoding) {
    case 'base64':
      return isRebuiltByParser(attachment.mimeType) ? decodeBase64(encoded) : decoded;
    case 'quoted-printable':
      return decodeQuotedPrintable(encoded);
    default:
      // 7bit, 8bit, binary, or no encoding at all: the body is the content.
      return encoded;
  }
}

function isRebuiltByParser(mimeType: string): boolean {
  return mimeType === 'text/calendar' || mimeType === 'application/ics';
}

// Without body positions (postal-mime internals changed), at least drop the line break postal-mime appends to parts
// that were not base64: it stands for the CRLF that belongs to the next boundary.
function withoutAppendedLineBreak(content: Uint8Array, transferEncoding: string | undefined): Uint8Array {
  if (transferEncoding === undefined || transferEncoding === 'base64') return content;
  return content.at(-1) === 0x0a ? content.subarray(0, content.length - 1) : content;
}

const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;

/**
 * Quoted-printable (RFC 2045 6.7): `=XX` is a byte, `=` at the end of a line joins it to the next, whitespace at
 * the end of a line is transport padding. Hard line breaks are kept as written; malformed escapes stay literal, as
 * the RFC recommends.
 */
export function decodeQuotedPrintable(encoded: Uint8Array): Uint8Array {
  const out = new Uint8Array(encoded.length);
  let used = 0;
  let lineStart = 0;
  while (lineStart <= encoded.length) {
    const lf = encoded.indexOf(LF, lineStart);
    const lineEnd = lf < 0 ? encoded.length : lf;
    const hasCr = lf > lineStart && encoded[lf - 1] === CR;
    let end = hasCr ? lineEnd - 1 : lineEnd;
    while (end > lineStart && (encoded[end - 1] === 0x20 || encoded[end - 1] === 0x09)) end--;
    const softBreak = end > lineStart && encoded[end - 1] === EQUALS;
    if (softBreak) end--;
    for (let i = lineStart; i < end; i++) {
      const byte = encoded[i]!;
      if (byte === EQUALS && i + 2 < end) {
        const high = hexValue(encoded[i + 1]);
        const low = hexValue(encoded[i + 2]);
        if (high >= 0 && low >= 0) {
          out[used++] = (high << 4) | low;
          i += 2;
          continue;
        }
      }
      out[used++] = byte;
    }
    if (lf < 0) break;
    if (!softBreak) {
      if (hasCr) out[used++] = CR;
      out[used++] = LF;
    }
    lineStart = lf + 1;
  }
  return out.slice(0, used);
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}
