/** Glue between a message description in messages/*.ts and the CorpusMessage the rest of the project sees. */

import { type Chunk, concatBytes, toCrlf } from './bytes.ts';
import { fillBodyHashes } from './dkim.ts';
import { type FileOptions, filePart, type LeafPart, type Part, renderMessage } from './mime-builder.ts';
import type { CorpusExpectations, CorpusMessage, ExpectedAttachment } from './types.ts';

export interface MessageSpec {
  id: string;
  mailbox: string;
  folder: string;
  seen: boolean;
  flagged: boolean;
  answered?: boolean;
  internalDate: string;
  expect: CorpusExpectations;
  /** Top-level headers in wire order; continuation lines may be written with '\n' in source. */
  headers: string[];
  body: Part;
}

export function defineMessage(spec: MessageSpec): CorpusMessage {
  const { headers, body, ...rest } = spec;
  return { ...rest, raw: fillBodyHashes(renderMessage(headers, body, spec.id)) };
}

export interface RawMessageSpec extends Omit<MessageSpec, 'headers' | 'body'> {
  /** The whole message as written: text chunks are normalised to CRLF, byte chunks are copied untouched. */
  chunks: Chunk[];
}

/** For messages whose point is that they break MIME: written out by hand instead of rendered. */
export function defineRawMessage(spec: RawMessageSpec): CorpusMessage {
  const { chunks, ...rest } = spec;
  return { ...rest, raw: concatBytes(chunks.map((chunk) => (typeof chunk === 'string' ? toCrlf(chunk) : chunk))) };
}

export interface Attachment {
  part: LeafPart;
  expected: ExpectedAttachment;
}

/** A file part together with the fact the tests expect about it, so the two cannot drift apart. */
export function attachment(options: FileOptions & { name: string }): Attachment {
  const inline = options.disposition === 'inline' ? { inline: true } : {};
  return {
    part: filePart(options),
    expected: { name: options.name, size: options.content.length, mimeType: options.mimeType, ...inline },
  };
}
