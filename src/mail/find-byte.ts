/**
 * `bytes.indexOf(byte, from)`, four bytes at a time. V8's TypedArray indexOf compares one element per step: looking
 * for the dash that may start a MIME boundary through 34 MB of base64 took 22–47 ms in Chromium, this 15–27 ms (a
 * 34 MB search in the page, several runs). Worth it only for long searches, so a search that ends within a few bytes
 * stays native. Words are read in the platform's byte order, which does not matter here: a word holds the byte
 * wherever it sits, and the bytes are then looked at one by one.
 */
export function indexOfByte(bytes: Uint8Array, byte: number, from = 0): number {
  const length = bytes.length;
  let i = Math.max(0, from);
  const nearEnd = Math.min(length, i + NATIVE_SEARCH_BYTES);
  // The first bytes one by one: a text with the byte on many lines finds it here, with no view made.
  for (; i < nearEnd; i++) if (bytes[i] === byte) return i;
  if (i >= length) return -1;
  // Views of another realm's buffer (a Firefox content script may be handed one) are left to the native search.
  if (!(bytes.buffer instanceof ArrayBuffer)) return bytes.indexOf(byte, i);
  for (; (bytes.byteOffset + i) & 3; i++) {
    if (i >= length) return -1;
    if (bytes[i] === byte) return i;
  }
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (length - i) >>> 2);
  const pattern = Math.imul(byte, 0x01010101);
  for (let w = 0; w < words.length; w++) {
    const x = words[w]! ^ pattern;
    // A zero byte in x, i.e. `byte` somewhere in this word (the classic "has zero byte" test).
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) {
      const at = i + w * 4;
      for (let k = at; k < at + 4; k++) if (bytes[k] === byte) return k;
    }
  }
  for (let k = i + words.length * 4; k < length; k++) if (bytes[k] === byte) return k;
  return -1;
}

const NATIVE_SEARCH_BYTES = 32;
