/**
 * A real (tiny, single-colour) PNG, so inline images in the corpus render in the replica's webmail page. Written
 * from the PNG spec: signature, IHDR, one IDAT holding a zlib stream of stored (uncompressed) deflate blocks, IEND.
 */

import { concatBytes } from './bytes.ts';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, false);
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = new TextEncoder().encode(type);
  return concatBytes([u32(data.length), typeBytes, data, u32(crc32(concatBytes([typeBytes, data])))]);
}

/** zlib wrapper around stored deflate blocks (at most 65535 bytes each). */
function zlibStored(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0x78, 0x01)];
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  for (let i = 0; i < blocks; i++) {
    const block = data.subarray(i * 65535, (i + 1) * 65535);
    const len = block.length;
    const final = i === blocks - 1 ? 1 : 0;
    parts.push(Uint8Array.of(final, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff), block);
  }
  parts.push(u32(adler32(data)));
  return concatBytes(parts);
}

export function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = 1 + width * 3; // each scanline starts with filter type 0
  const pixels = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(rgb, y * row + 1 + x * 3);
  }
  return concatBytes([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(pixels)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
