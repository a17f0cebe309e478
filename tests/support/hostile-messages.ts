/**
 * Messages built to make a parser do work out of proportion to their size (issue 13.2): a body of megabytes of
 * blank lines next to one PDF, and thousands of empty MIME parts. Bytes, built directly: a 16 MB body is a fill,
 * not a string.
 */
import { filePart, message, multipart, part, standardHeaders } from '../../src/mail/testing/mime';

export interface BlankBodyOptions {
  /** Content-Transfer-Encoding of the text part (default 7bit). */
  encoding?: string;
  /** Content-Type of the text part (default text/plain). */
  contentType?: string;
  /** What each line of the body is (default a blank line, `\r\n`). */
  line?: string;
}

const PDF = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) & 0xff);
const FILL = '\u0000';

/** A text part of `megabytes` of the same line, then a PDF. */
export function blankBodyMessage(megabytes: number, options: BlankBodyOptions = {}): Uint8Array {
  const { encoding = '7bit', contentType = 'text/plain; charset=utf-8', line = '\r\n' } = options;
  const text = part([`Content-Type: ${contentType}`, `Content-Transfer-Encoding: ${encoding}`], FILL);
  const pdf = filePart('application/pdf; name="report.pdf"', 'attachment; filename="report.pdf"', PDF);
  const skeleton = message(standardHeaders('Blank lines'), multipart('mixed', 'b0undary', [text, pdf]));
  // The fill marker is replaced by the body: the skeleton is small, the body is written straight into place.
  const at = skeleton.indexOf(0);
  const unit = new TextEncoder().encode(line);
  const bodyLength = Math.floor((megabytes * 1024 * 1024) / unit.length) * unit.length;
  const out = new Uint8Array(skeleton.length - 1 + bodyLength);
  out.set(skeleton.subarray(0, at), 0);
  for (let i = 0; i < bodyLength; i += unit.length) out.set(unit, at + i);
  out.set(skeleton.subarray(at + 1), at + bodyLength);
  return out;
}

export interface EmptyPartsOptions {
  /** The multipart's subtype (default mixed). */
  subtype?: string;
  /** What each empty part is, its delimiter line included (default a delimiter and a blank line). */
  emptyPart?: string;
  /** A PDF, report.pdf, after the empty parts. */
  withFile?: boolean;
}

/** A multipart of `count` empty parts, each just a boundary line and a blank line (by default). */
export function emptyPartsMessage(count: number, options: EmptyPartsOptions = {}): Uint8Array {
  const { subtype = 'mixed', emptyPart = '--b\r\n\r\n', withFile = false } = options;
  const files = withFile
    ? [filePart('application/pdf; name="report.pdf"', 'attachment; filename="report.pdf"', PDF)]
    : [];
  const skeleton = multipart(subtype, 'b', files);
  const head = new TextDecoder().decode(message(standardHeaders('Empty parts'), skeleton));
  // The empty parts go before the first delimiter (or the end), so that a file comes after them.
  const first = head.indexOf(withFile ? '--b\r\n' : '--b--');
  return new TextEncoder().encode(`${head.slice(0, first)}${emptyPart.repeat(count)}${head.slice(first)}`);
}

/** `messages` attached messages (message/rfc822) of `partsEach` empty parts each. */
export function nestedEmptyPartsMessage(messages: number, partsEach: number): Uint8Array {
  const inner = new TextDecoder().decode(emptyPartsMessage(partsEach));
  const attached = Array.from({ length: messages }, () => part(['Content-Type: message/rfc822'], inner));
  return message(standardHeaders('Attached messages of empty parts'), multipart('mixed', 'outer', attached));
}
