/** Byte helpers shared by the builders. Messages are assembled as bytes, never as JS strings, so that 8-bit
 * and non-UTF-8 content ends up on the wire exactly as written. */

export type Chunk = string | Uint8Array;

const utf8 = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** Strings are written as UTF-8; byte chunks are copied as they are. */
export function concatBytes(chunks: readonly Chunk[]): Uint8Array {
  const parts = chunks.map((chunk) => (typeof chunk === 'string' ? utf8.encode(chunk) : chunk));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Source files are written with '\n'; the wire format wants CRLF everywhere. */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** ASCII bytes of a string that is known to be ASCII (markers such as '%PDF-1.7'). */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}
