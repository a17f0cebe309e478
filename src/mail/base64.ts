/**
 * Base64 straight from the raw bytes of a message. Mail bodies arrive as bytes, so decoding them without first
 * turning every line into a string (as postal-mime does) saves a string, a regex and a split per 76-character line,
 * which is most of the time spent on a message with large attachments.
 *
 * `Uint8Array.fromBase64` alone is not enough: it throws on characters outside the alphabet and on padding before
 * the end, both of which real mail contains and which must decode as postal-mime decodes them. It is used where it
 * can be (decodeBase64Natively), Base64Stream does the rest.
 */

const PADDING = -2;
const SKIPPED = -1;

// Sextet value per byte; everything outside the alphabet (line breaks, spaces, stray bytes) is skipped.
const VALUES = (() => {
  const table = new Int8Array(256).fill(SKIPPED);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[0x3d] = PADDING;
  return table;
})();

// The same values pre-shifted to their place in a group of four, so that a whole group is three ORs. Anything not a
// sextet is negative in every table, which makes the OR of a group negative.
const shiftedTable = (shift: number): Int32Array =>
  VALUES.reduce((table, value, byte) => {
    table[byte] = value < 0 ? -1 : value << shift;
    return table;
  }, new Int32Array(256));
const SHIFT_18 = shiftedTable(18);
const SHIFT_12 = shiftedTable(12);
const SHIFT_6 = shiftedTable(6);

/**
 * Decodes base64 that may arrive in several pieces (a body split by the lines of another part, for example). `=`
 * only ends a unit and decoding starts over after it, because some mailers pad every line: this is how postal-mime
 * decodes bodies, and bodies decoded here must come out as it would have decoded them.
 */
export class Base64Stream {
  private out: Uint8Array;
  private used = 0;
  // Sextets not yet written out: `count` bits, in the low bits of `bits`.
  private bits = 0;
  private count = 0;

  /**
   * `encodedLength`: the total number of encoded bytes that will be pushed, to size the output once. `scratch`: an
   * array to decode into instead, if it is large enough, for a caller that takes the result (finishBuffer) before it
   * decodes anything else there.
   */
  constructor(encodedLength: number, scratch?: Uint8Array) {
    const size = Math.floor((encodedLength * 3) / 4) + 3;
    this.out = scratch && scratch.length >= size ? scratch : new Uint8Array(size);
  }

  push(encoded: Uint8Array, start = 0, end = encoded.length): void {
    const out = this.out;
    let used = this.used;
    let bits = this.bits;
    let count = this.count;
    let i = start;
    while (i < end) {
      // Whole groups of four alphabet characters, the bulk of any body, are decoded without the bit accumulator.
      if (count === 0) {
        while (i + 4 <= end) {
          const group =
            SHIFT_18[encoded[i]!]! | SHIFT_12[encoded[i + 1]!]! | SHIFT_6[encoded[i + 2]!]! | VALUES[encoded[i + 3]!]!;
          if (group < 0) break;
          // a Uint8Array keeps the low 8 bits of what is stored
          out[used] = group >> 16;
          out[used + 1] = group >> 8;
          out[used + 2] = group;
          used += 3;
          i += 4;
        }
        if (i >= end) break;
      }
      const value = VALUES[encoded[i++]!]!;
      if (value >= 0) {
        bits = ((bits << 6) | value) & 0xffffff; // only the last few bits are ever pending
        count += 6;
        if (count >= 8) {
          count -= 8;
          out[used++] = (bits >> count) & 0xff;
        }
      } else if (value === PADDING) {
        // Bits left over from an incomplete group carry no whole byte.
        bits = 0;
        count = 0;
      }
    }
    this.used = used;
    this.bits = bits;
    this.count = count;
  }

  /** How many bytes have been decoded so far (into the scratch array, if one was given). */
  get decodedLength(): number {
    return this.used;
  }

  /** The decoded bytes, in a buffer of exactly their length. */
  finish(): Uint8Array {
    return this.out.slice(0, this.used);
  }

  /**
   * The decoded bytes as a buffer of their own, made once: `finish().buffer` makes two where the bytes are few (an
   * engine keeps a small array inside its object and gives it a buffer only when asked for one), and a message of
   * thousands of small files made thousands of those.
   */
  finishBuffer(): ArrayBuffer {
    const buffer = new ArrayBuffer(this.used);
    new Uint8Array(buffer).set(this.out.subarray(0, this.used));
    return buffer;
  }
}

// Below this, turning bytes into a string for the engine costs more than decoding them here.
const NATIVE_MINIMUM = 4096;

type FromBase64 = (text: string, options: { lastChunkHandling: 'loose' }) => Uint8Array;
type SetFromBase64 = (
  this: Uint8Array,
  text: string,
  options: { lastChunkHandling: 'loose' | 'stop-before-partial' },
) => { read: number; written: number };

// Base64 is ASCII, which UTF-8 decodes one byte to one character on its fastest path. Anything else (including a
// byte order mark, kept as a character here) is not base64 and makes the engine refuse the text.
const asciiText = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The engine's own decoder (`Uint8Array.fromBase64`: Chrome 140, Firefox 133, Safari 18.2), several times faster
 * than Base64Stream, and it returns a buffer of the exact length, with no copy to trim it. It accepts exactly the
 * clean base64 almost all mail carries: the alphabet, line breaks and spaces, padding only at the end. On those,
 * both decoders give the same bytes; anything else (stray characters, data after padding, a lone last character)
 * it refuses, and this returns undefined so that Base64Stream decodes it the way postal-mime would.
 */
export function decodeBase64Natively(encoded: Uint8Array): Uint8Array | undefined {
  if (encoded.length > NATIVE_SLICE_BYTES) return runToEnd(decodeInSlices(encoded, NATIVE_SLICE_BYTES));
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;
  if (typeof fromBase64 !== 'function' || encoded.length < NATIVE_MINIMUM) return undefined;
  try {
    return fromBase64(asciiText.decode(encoded), { lastChunkHandling: 'loose' });
  } catch {
    return undefined;
  }
}

/**
 * Encoded bytes per slice that the engine decodes: a text of 512 KB and what it decodes to stay in the processor's
 * cache, and the page can run its own work between slices. Measured in Chromium on 34 MB of base64 (text decoded,
 * then `setFromBase64`): 2 MB slices 91–115 ms, 1 MB 70–100 ms, 512 KB 39–62 ms, 256 KB 50–79 ms (six runs each; a
 * bigger text is also a fresh allocation each time, whose pages this machine's kernel takes 1 ms per MB to map).
 */
export const NATIVE_SLICE_BYTES = 512 * 1024;

/**
 * decodeBase64Natively a slice at a time, calling `pause` between slices (to yield to the page). The same bytes, and
 * undefined where it would give undefined.
 */
export async function decodeBase64NativelyInSlices(
  encoded: Uint8Array,
  pause: () => Promise<void> | undefined,
  sliceBytes = NATIVE_SLICE_BYTES,
): Promise<Uint8Array | undefined> {
  if (encoded.length <= sliceBytes) return decodeBase64Natively(encoded);
  const slices = decodeInSlices(encoded, sliceBytes);
  for (let slice = slices.next(); ; slice = slices.next()) {
    if (slice.done) return slice.value;
    await pause();
  }
}

function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The engine's decoder over a slice at a time, yielding after each, with one case more left to Base64Stream than
 * decodeBase64Natively leaves: padding at the end of a slice that is not the last (the whole text might have been
 * refused, or not; Base64Stream then decides, as for any padding inside). `Uint8Array.prototype.setFromBase64` says
 * how much of each slice's text made whole groups; the rest is carried into the next slice.
 *
 * The bytes are decoded into an array of their exact length where the text's lines say what that length is (lines of
 * one length, as mail programs write base64), so that they need no copy to trim: on a 25 MB attachment that copy
 * took 13–15 ms of the page's main thread. Where the lines are uneven, or the length read from them was short, the
 * array is as long as the text could hold, and trimmed at the end as before.
 */
function* decodeInSlices(encoded: Uint8Array, sliceBytes: number): Generator<void, Uint8Array | undefined, void> {
  const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 }).setFromBase64;
  if (typeof setFromBase64 !== 'function') return undefined;
  const exactLength = decodedLengthOfEvenLines(encoded);
  if (exactLength !== undefined) {
    const decoded = yield* decodeSlices(encoded, new Uint8Array(exactLength), setFromBase64, sliceBytes);
    if (decoded !== NO_ROOM) return decoded;
  }
  const atMost = new Uint8Array(Math.floor((encoded.length * 3) / 4) + 3);
  const decoded = yield* decodeSlices(encoded, atMost, setFromBase64, sliceBytes);
  return decoded === NO_ROOM ? undefined : decoded;
}

const NO_ROOM = Symbol('no room');

/** The slices decoded into `out`; NO_ROOM if `out` filled up before the text was all read. */
function* decodeSlices(
  encoded: Uint8Array,
  out: Uint8Array,
  setFromBase64: SetFromBase64,
  sliceBytes: number,
): Generator<void, Uint8Array | undefined | typeof NO_ROOM, void> {
  let written = 0;
  let carried = '';
  for (let start = 0; start < encoded.length; start += sliceBytes) {
    const end = Math.min(encoded.length, start + sliceBytes);
    const last = end === encoded.length;
    const text = carried + asciiText.decode(encoded.subarray(start, end));
    let result: { read: number; written: number };
    try {
      result = setFromBase64.call(out.subarray(written), text, {
        lastChunkHandling: last ? 'loose' : 'stop-before-partial',
      });
    } catch {
      return undefined;
    }
    written += result.written;
    carried = text.slice(result.read);
    // Full, with characters left to decode: the length read from the lines was short.
    if (written === out.length && /[^\s=]/.test(carried)) return NO_ROOM;
    if (!last && endsInPadding(text, result.read)) return undefined;
    yield;
  }
  return written === out.length ? out : out.slice(0, written);
}

const LF = 0x0a;
const CR = 0x0d;
const EQUALS = 0x3d;
/** Lines looked at, spread over the text, before its length is trusted to follow from the first line's. */
const LINES_CHECKED = 16;

/**
 * The decoded length of base64 written in lines of one length (the first line's, a multiple of 4; the last one
 * shorter or as long) with the same line break after each; undefined when the text does not look so. Lines spread
 * over the text are checked, not all of them: a wrong answer costs time, never bytes (decodeSlices finds the array
 * short, or trims it).
 */
function decodedLengthOfEvenLines(encoded: Uint8Array): number | undefined {
  const firstBreak = encoded.indexOf(LF);
  if (firstBreak <= 0) return undefined;
  const breakLength = encoded[firstBreak - 1] === CR ? 2 : 1;
  const lineLength = firstBreak + 1 - breakLength;
  if (lineLength === 0 || lineLength % 4 !== 0) return undefined;
  const stride = lineLength + breakLength;
  let end = encoded.length;
  while (end > 0 && (encoded[end - 1] === LF || encoded[end - 1] === CR || encoded[end - 1] === 0x20)) end--;
  const wholeLines = Math.floor(end / stride);
  for (let k = 1; k <= LINES_CHECKED; k++) {
    const line = Math.floor((wholeLines * k) / LINES_CHECKED);
    if (line > 0 && encoded[line * stride - 1] !== LF) return undefined;
  }
  const lastLine = end - wholeLines * stride;
  const characters = wholeLines * lineLength + lastLine;
  if (lastLine > lineLength || characters % 4 !== 0) return undefined;
  const padding = (encoded[end - 1] === EQUALS ? 1 : 0) + (encoded[end - 2] === EQUALS ? 1 : 0);
  return (characters / 4) * 3 - padding;
}

// Whether the last character read before `end`, line breaks and spaces aside, is padding.
function endsInPadding(text: string, end: number): boolean {
  for (let i = end - 1; i >= 0; i--) {
    const char = text.charCodeAt(i);
    if (char === 0x3d) return true;
    if (char !== 0x0a && char !== 0x0d && char !== 0x20 && char !== 0x09) return false;
  }
  return false;
}
