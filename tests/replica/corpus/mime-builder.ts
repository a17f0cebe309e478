/**
 * A small MIME tree and its renderer. Messages in the corpus are described as trees of parts and turned into
 * exact RFC 5322 bytes here, so that every message file only says what is special about it.
 */

import { type Chunk, concatBytes, toCrlf } from './bytes.ts';
import { type Charset, encodeText } from './charsets.ts';
import { encodeWords, headerWithParams, quotedString, rfc2231Params, type WordEncoding } from './header-encoding.ts';
import { base64Lines, quotedPrintable } from './transfer-encoding.ts';

/** A single body part: its headers and its body, already transfer-encoded. */
export interface LeafPart {
  headers: string[];
  body: Chunk;
}

export interface MultiPart {
  subtype: 'mixed' | 'alternative' | 'related' | 'signed' | 'report';
  parts: Part[];
  /** Extra Content-Type parameters, e.g. `type="text/html"` for multipart/related. */
  params?: string[];
  headers?: string[];
  preamble?: string;
}

export type Part = LeafPart | MultiPart;

function isMulti(part: Part): part is MultiPart {
  return 'parts' in part;
}

export type TextTransfer = 'quoted-printable' | 'base64' | '7bit' | '8bit';

export interface TextOptions {
  subtype?: 'plain' | 'html' | 'calendar';
  charset?: Charset;
  transfer?: TextTransfer;
  headers?: string[];
}

/** A text body. Line breaks are normalised to CRLF and the decoded text always ends with one. */
export function textPart(text: string, options: TextOptions = {}): LeafPart {
  const charset = options.charset ?? 'utf-8';
  const transfer = options.transfer ?? 'quoted-printable';
  const normalised = toCrlf(text.endsWith('\n') ? text : `${text}\n`);
  const bytes = encodeText(normalised, charset);
  const body: Chunk =
    transfer === 'quoted-printable' ? quotedPrintable(bytes) : transfer === 'base64' ? base64Lines(bytes) : bytes;
  return {
    headers: [
      `Content-Type: text/${options.subtype ?? 'plain'}; charset=${charset}`,
      `Content-Transfer-Encoding: ${transfer}`,
      ...(options.headers ?? []),
    ],
    body,
  };
}

/** How a file name is written into Content-Type `name` and Content-Disposition `filename`. */
export type NameStyle =
  | { kind: 'quoted' }
  | { kind: 'rfc2047'; charset?: Charset; encoding?: WordEncoding }
  | { kind: 'rfc2231'; charset?: 'utf-8' | 'iso-8859-1'; sectionLength?: number; language?: string };

export interface FileOptions {
  content: Uint8Array;
  mimeType: string;
  /** Omitted: the part carries no name at all. */
  name?: string;
  nameStyle?: NameStyle;
  disposition?: 'attachment' | 'inline' | 'none';
  contentId?: string;
  /** Overrides the parameters derived from `name`, for deliberately odd headers. */
  typeParams?: string[];
  dispositionParams?: string[];
  headers?: string[];
}

function nameParams(name: string, style: NameStyle): { type: string[]; disposition: string[] } {
  switch (style.kind) {
    case 'quoted':
      return { type: [`name=${quotedString(name)}`], disposition: [`filename=${quotedString(name)}`] };
    case 'rfc2047': {
      const words = encodeWords(name, style.charset ?? 'utf-8', style.encoding ?? 'B');
      return { type: [`name="${words}"`], disposition: [`filename="${words}"`] };
    }
    case 'rfc2231':
      return { type: rfc2231Params('name', name, style), disposition: rfc2231Params('filename', name, style) };
  }
}

/** A file (attachment or inline image), always base64-encoded as mail clients do. */
export function filePart(options: FileOptions): LeafPart {
  const named =
    options.name === undefined
      ? { type: [], disposition: [] }
      : nameParams(options.name, options.nameStyle ?? { kind: 'quoted' });
  const headers = [headerWithParams('Content-Type', options.mimeType, options.typeParams ?? named.type)];
  const disposition = options.disposition ?? 'attachment';
  if (disposition !== 'none') {
    headers.push(headerWithParams('Content-Disposition', disposition, options.dispositionParams ?? named.disposition));
  }
  if (options.contentId !== undefined) headers.push(`Content-ID: <${options.contentId}>`);
  headers.push('Content-Transfer-Encoding: base64', ...(options.headers ?? []));
  return { headers, body: base64Lines(options.content) };
}

/** A whole message embedded as message/rfc822 (a forward "as attachment"). */
export function messagePart(inner: Uint8Array, filename?: string): LeafPart {
  const eightBit = inner.some((byte) => byte >= 0x80);
  const headers = ['Content-Type: message/rfc822'];
  headers.push(
    filename === undefined
      ? 'Content-Disposition: attachment'
      : headerWithParams('Content-Disposition', 'attachment', [`filename=${quotedString(filename)}`]),
  );
  headers.push(`Content-Transfer-Encoding: ${eightBit ? '8bit' : '7bit'}`);
  // Kept whole: the CRLF before the next boundary belongs to the delimiter, so the decoded part is `inner`.
  return { headers, body: inner };
}

export function multipart(
  subtype: MultiPart['subtype'],
  parts: Part[],
  extra: Omit<MultiPart, 'subtype' | 'parts'> = {},
): MultiPart {
  return { subtype, parts, ...extra };
}

/**
 * Boundaries are derived from the message's slug and the part's position, so output is stable. The trailing
 * `=_` keeps one boundary from being a prefix of another (`…_1` vs `…_10`); '=' and '_' never occur in base64
 * or quoted-printable output, so no body line can look like a boundary.
 */
function boundaryFor(tag: string, index: number): string {
  return `=_${tag}_${index}=_`;
}

function renderPart(part: Part, tag: string, counter: { next: number }): Chunk[] {
  if (!isMulti(part)) return [part.headers.map(toCrlf).join('\r\n'), '\r\n\r\n', part.body];
  const boundary = boundaryFor(tag, counter.next++);
  const typeHeader = headerWithParams('Content-Type', `multipart/${part.subtype}`, [
    `boundary="${boundary}"`,
    ...(part.params ?? []),
  ]);
  const chunks: Chunk[] = [[typeHeader, ...(part.headers ?? [])].map(toCrlf).join('\r\n'), '\r\n\r\n'];
  if (part.preamble !== undefined) chunks.push(toCrlf(part.preamble), '\r\n');
  for (const child of part.parts) chunks.push(`\r\n--${boundary}\r\n`, ...renderPart(child, tag, counter));
  chunks.push(`\r\n--${boundary}--\r\n`);
  return chunks;
}

/**
 * The bytes of a message: the given top-level headers (folded with '\n' in source, CRLF on the wire), then
 * MIME-Version and the body's own headers, a blank line and the body. A leaf body gets a final CRLF.
 */
export function renderMessage(headers: readonly string[], body: Part, boundaryTag: string): Uint8Array {
  const chunks = renderPart(body, boundaryTag, { next: 1 });
  const top = [...headers, 'MIME-Version: 1.0'].map(toCrlf).join('\r\n');
  const tail = isMulti(body) || endsWithCrlf(body.body) ? [] : ['\r\n'];
  return concatBytes([top, '\r\n', ...chunks, ...tail]);
}

function endsWithCrlf(chunk: Chunk): boolean {
  if (typeof chunk === 'string') return chunk.endsWith('\r\n');
  return chunk.length >= 2 && chunk[chunk.length - 2] === 0x0d && chunk[chunk.length - 1] === 0x0a;
}
