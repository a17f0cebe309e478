/**
 * File contents for attachments. Large ones come from the seeded generator; they only need the right size and a
 * believable first few bytes (so type sniffing sees a PDF, a JPEG, a ZIP), not to open in a viewer.
 */

import { asciiBytes, concatBytes, utf8Bytes } from './bytes.ts';
import { compressibleText, randomBytes } from './prng.ts';

function framed(head: Uint8Array, tail: Uint8Array, seed: number, size: number): Uint8Array {
  const fill = size - head.length - tail.length;
  if (fill < 0) throw new Error(`corpus: ${size} bytes is too small for this file type`);
  return concatBytes([head, randomBytes(seed, fill), tail]);
}

/** Starts like a PDF (version line, binary marker comment), ends with %%EOF. */
export function pdfLike(seed: number, size: number): Uint8Array {
  return framed(
    concatBytes([asciiBytes('%PDF-1.7\n%'), Uint8Array.of(0xe2, 0xe3, 0xcf, 0xd3), asciiBytes('\n')]),
    asciiBytes('\n%%EOF\n'),
    seed,
    size,
  );
}

/** Starts with the JPEG SOI and a JFIF APP0 segment, ends with EOI. */
export function jpegLike(seed: number, size: number): Uint8Array {
  const app0 = Uint8Array.of(
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x48,
    0x00,
    0x48,
    0x00,
    0x00,
  );
  return framed(app0, Uint8Array.of(0xff, 0xd9), seed, size);
}

/** Starts with a ZIP local file header for [Content_Types].xml, as Office documents do. */
export function officeLike(seed: number, size: number): Uint8Array {
  return framed(
    concatBytes([Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), asciiBytes('[Content_Types].xml')]),
    new Uint8Array(0),
    seed,
    size,
  );
}

/** Plain bytes with no recognisable signature (an archive or a disk image). */
export function opaqueBytes(seed: number, size: number): Uint8Array {
  return randomBytes(seed, size);
}

/** Readable text that compresses well. */
export function textLike(seed: number, size: number): Uint8Array {
  return compressibleText(seed, size);
}

/** A small text file with CRLF line ends. */
export function textFile(text: string): Uint8Array {
  return utf8Bytes(text.replace(/\r?\n/g, '\r\n'));
}
