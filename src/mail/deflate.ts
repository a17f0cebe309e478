/**
 * Raw DEFLATE (RFC 1951) tuned for speed over ratio, for the text attachments of a zip.
 *
 * A greedy LZ77 with one hash probe per position (like zlib's level 1 and LZ4) and a dynamic Huffman code per
 * block. General-purpose JS deflaters (pako, fflate) spend two to three times longer for a few percent smaller
 * output; zipping mail attachments is bound by time, since the archive goes to a local disk. Blocks that would not
 * shrink are stored as they are, so incompressible input costs at most a few bytes per 64 KiB.
 *
 * Work is done in steps (`RawDeflater.step`) so that a caller can report progress and honour a cancel between them.
 */

const WINDOW = 32 * 1024;
const MIN_MATCH = 4; // a 4-byte hash; 3-byte matches rarely pay for themselves
const MAX_MATCH = 258;
const HASH_BITS = 16;
const HASH_SHIFT = 32 - HASH_BITS;
// Symbols per block: large enough to amortise a block header, small enough for the code to follow the data.
const BLOCK_SYMBOLS = 1 << 15;
// After this many positions in a row without a match the scan starts skipping ahead, a little further each time
// (LZ4's trick), so a stretch of incompressible bytes is crossed quickly; skipped bytes are still written, as literals.
const SKIP_AFTER = 64;

const LITLEN_CODES = 286;
const DIST_CODES = 30;
const CODELEN_CODES = 19;
const MAX_BITS = 15;
const MAX_CODELEN_BITS = 7;
const END_OF_BLOCK = 256;
const CODELEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Length 3..258 → index into LENGTH_BASE (the code is 257 + index). */
const LENGTH_INDEX = new Uint8Array(MAX_MATCH + 1);
/** Distance − 1 → distance code: directly up to 256, beyond that by (distance − 1) >> 7, as zlib does. */
const DIST_CODE_NEAR = new Uint8Array(256);
const DIST_CODE_FAR = new Uint8Array(256);

for (let index = 0; index < LENGTH_BASE.length; index++) {
  const end = index + 1 < LENGTH_BASE.length ? LENGTH_BASE[index + 1]! : MAX_MATCH + 1;
  for (let length = LENGTH_BASE[index]!; length < end; length++) LENGTH_INDEX[length] = index;
}
LENGTH_INDEX[MAX_MATCH] = LENGTH_BASE.length - 1;
for (let code = 0; code < DIST_CODES; code++) {
  const first = DIST_BASE[code]! - 1;
  const last = first + (1 << DIST_EXTRA[code]!) - 1;
  for (let d = first; d <= last; d++) {
    if (d < 256) DIST_CODE_NEAR[d] = code;
    else DIST_CODE_FAR[d >> 7] = code;
  }
}

function distanceCode(distanceMinusOne: number): number {
  return distanceMinusOne < 256 ? DIST_CODE_NEAR[distanceMinusOne]! : DIST_CODE_FAR[distanceMinusOne >> 7]!;
}

/** Compresses all of `data` at once. */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const deflater = new RawDeflater(data);
  while (!deflater.step(Infinity));
  return deflater.result();
}

export class RawDeflater {
  private readonly data: Uint8Array;
  private readonly view: DataView;
  private readonly head = new Int32Array(1 << HASH_BITS).fill(-WINDOW - 1);
  private readonly symbols = new Uint32Array(BLOCK_SYMBOLS);
  private readonly litLenFreq = new Uint32Array(LITLEN_CODES);
  private readonly distFreq = new Uint32Array(DIST_CODES);
  private symbolCount = 0;
  private blockStart = 0;
  private position = 0;
  private misses = 0;
  private readonly out: BitWriter;

  constructor(data: Uint8Array) {
    this.data = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.out = new BitWriter(data.length + (data.length >> 8) + 64);
  }

  /** Input bytes consumed so far. */
  get done(): number {
    return this.position;
  }

  /** Consumes about `budget` more input bytes; true once everything is written. */
  step(budget: number): boolean {
    const data = this.data;
    const n = data.length;
    const stop = Math.min(n, this.position + budget);
    // The last positions cannot start a 4-byte match; they are flushed as literals once the input ends.
    const scanEnd = Math.min(stop, n - MIN_MATCH);
    const head = this.head;
    const symbols = this.symbols;
    const litLenFreq = this.litLenFreq;
    const distFreq = this.distFreq;
    let count = this.symbolCount;
    let misses = this.misses;
    let i = this.position;

    // DataView reads four bytes (unaligned) in one go, which V8 compiles to a single load.
    const view = this.view;
    while (i < scanEnd) {
      const word = view.getInt32(i, true);
      const hash = Math.imul(word, 0x9e3779b1) >>> HASH_SHIFT;
      const candidate = head[hash]!;
      head[hash] = i;
      if (i - candidate <= WINDOW && view.getInt32(candidate, true) === word) {
        const distance = i - candidate;
        const maxLength = Math.min(MAX_MATCH, n - i);
        let length = MIN_MATCH;
        while (length + 4 <= maxLength && view.getInt32(candidate + length, true) === view.getInt32(i + length, true)) {
          length += 4;
        }
        while (length < maxLength && data[candidate + length] === data[i + length]) length++;
        symbols[count++] = (length << 16) | (distance - 1);
        litLenFreq[257 + LENGTH_INDEX[length]!]!++;
        distFreq[distanceCode(distance - 1)]!++;
        i += length;
        misses = 0;
      } else if (misses < SKIP_AFTER) {
        const byte = word & 0xff;
        symbols[count++] = byte;
        litLenFreq[byte]!++;
        misses++;
        i++;
      } else {
        const until = Math.min(i + 1 + ((misses++ - SKIP_AFTER) >> 4), scanEnd, i + BLOCK_SYMBOLS - 1 - count);
        while (i < until) {
          const byte = data[i++]!;
          symbols[count++] = byte;
          litLenFreq[byte]!++;
        }
      }
      if (count >= BLOCK_SYMBOLS - 1) {
        this.symbolCount = count;
        this.flushBlock(i, false);
        count = 0;
      }
    }

    if (stop === n) {
      while (i < n) {
        if (count >= BLOCK_SYMBOLS - 1) {
          this.symbolCount = count;
          this.flushBlock(i, false);
          count = 0;
        }
        const byte = data[i++]!;
        symbols[count++] = byte;
        litLenFreq[byte]!++;
      }
      this.symbolCount = count;
      this.position = i;
      this.misses = misses;
      this.flushBlock(i, true);
      return true;
    }
    this.symbolCount = count;
    this.position = i;
    this.misses = misses;
    return false;
  }

  result(): Uint8Array {
    return this.out.bytes();
  }

  /** Writes the symbols gathered since the last block as one block, dynamic or stored, whichever is smaller. */
  private flushBlock(end: number, final: boolean): void {
    const litLenFreq = this.litLenFreq;
    const distFreq = this.distFreq;
    litLenFreq[END_OF_BLOCK] = 1;
    const litLenLengths = huffmanLengths(litLenFreq, MAX_BITS);
    const distLengths = huffmanLengths(distFreq, MAX_BITS);
    const header = codeLengthHeader(litLenLengths, distLengths);

    let dynamicBits = 3 + header.bits;
    for (let s = 0; s < LITLEN_CODES; s++) {
      const extra = s > 256 ? LENGTH_EXTRA[s - 257]! : 0;
      dynamicBits += litLenFreq[s]! * (litLenLengths[s]! + extra);
    }
    for (let d = 0; d < DIST_CODES; d++) dynamicBits += distFreq[d]! * (distLengths[d]! + DIST_EXTRA[d]!);
    const rawLength = end - this.blockStart;
    const storedBits = (Math.ceil(rawLength / 0xffff) || 1) * 5 * 8 + rawLength * 8 + 8;

    if (storedBits <= dynamicBits) this.writeStored(end, final);
    else this.writeDynamic(final, header, litLenLengths, distLengths, dynamicBits);

    this.blockStart = end;
    this.symbolCount = 0;
    litLenFreq.fill(0);
    distFreq.fill(0);
  }

  private writeStored(end: number, final: boolean): void {
    const out = this.out;
    let start = this.blockStart;
    do {
      const length = Math.min(0xffff, end - start);
      const last = final && start + length === end;
      out.bits(last ? 1 : 0, 3);
      out.alignToByte();
      out.ensure(length + 4);
      out.byte(length & 0xff);
      out.byte(length >>> 8);
      out.byte(~length & 0xff);
      out.byte((~length >>> 8) & 0xff);
      out.copy(this.data.subarray(start, start + length));
      start += length;
    } while (start < end);
  }

  private writeDynamic(
    final: boolean,
    header: CodeLengthHeader,
    litLenLengths: Uint8Array,
    distLengths: Uint8Array,
    bitCount: number,
  ): void {
    const out = this.out;
    out.ensure((bitCount >> 3) + 16);
    out.bits(final ? 0b101 : 0b100, 3);
    out.bits(header.litLenCount - 257, 5);
    out.bits(header.distCount - 1, 5);
    out.bits(header.codeLengthCount - 4, 4);
    for (let k = 0; k < header.codeLengthCount; k++) out.bits(header.codeLengthLengths[CODELEN_ORDER[k]!]!, 3);
    const clCodes = canonicalCodes(header.codeLengthLengths);
    for (const item of header.items) {
      const symbol = item & 0x1f;
      out.bits(clCodes[symbol]!, header.codeLengthLengths[symbol]!);
      if (symbol === 16) out.bits(item >>> 5, 2);
      else if (symbol === 17) out.bits(item >>> 5, 3);
      else if (symbol === 18) out.bits(item >>> 5, 7);
    }

    const litLenCodes = canonicalCodes(litLenLengths);
    const distCodes = canonicalCodes(distLengths);
    // The hot loop keeps the bit buffer in locals; BitWriter.bits would be a call per field. Each field is at most
    // 15 bits and is added to fewer than 16 pending ones, so the buffer never passes 31 bits: hence the same flush
    // of 16 bits, written out before each field rather than called, since a helper could not update the locals.
    const bytes = out.buffer;
    let pos = out.position;
    let buffer = out.pending;
    let used = out.pendingBits;
    const symbols = this.symbols;
    const count = this.symbolCount;
    for (let k = 0; k < count; k++) {
      const symbol = symbols[k]!;
      if (symbol < 256) {
        buffer |= litLenCodes[symbol]! << used;
        used += litLenLengths[symbol]!;
      } else {
        const length = symbol >>> 16;
        const distanceMinusOne = symbol & 0xffff;
        const lengthIndex = LENGTH_INDEX[length]!;
        const lengthSymbol = 257 + lengthIndex;
        buffer |= litLenCodes[lengthSymbol]! << used;
        used += litLenLengths[lengthSymbol]!;
        const lengthExtra = LENGTH_EXTRA[lengthIndex]!;
        if (lengthExtra) {
          if (used >= 16) {
            bytes[pos++] = buffer;
            bytes[pos++] = buffer >>> 8;
            buffer >>>= 16;
            used -= 16;
          }
          buffer |= (length - LENGTH_BASE[lengthIndex]!) << used;
          used += lengthExtra;
        }
        if (used >= 16) {
          bytes[pos++] = buffer;
          bytes[pos++] = buffer >>> 8;
          buffer >>>= 16;
          used -= 16;
        }
        const distCode = distanceCode(distanceMinusOne);
        buffer |= distCodes[distCode]! << used;
        used += distLengths[distCode]!;
        const distExtra = DIST_EXTRA[distCode]!;
        if (distExtra) {
          if (used >= 16) {
            bytes[pos++] = buffer;
            bytes[pos++] = buffer >>> 8;
            buffer >>>= 16;
            used -= 16;
          }
          buffer |= (distanceMinusOne + 1 - DIST_BASE[distCode]!) << used;
          used += distExtra;
        }
      }
      if (used >= 16) {
        bytes[pos++] = buffer;
        bytes[pos++] = buffer >>> 8;
        buffer >>>= 16;
        used -= 16;
      }
    }
    out.position = pos;
    out.pending = buffer;
    out.pendingBits = used;
    out.bits(litLenCodes[END_OF_BLOCK]!, litLenLengths[END_OF_BLOCK]!);
    if (final) out.alignToByte();
  }
}

interface CodeLengthHeader {
  litLenCount: number;
  distCount: number;
  codeLengthCount: number;
  codeLengthLengths: Uint8Array;
  /** Code-length alphabet symbols, each `symbol | repeatExtra << 5`. */
  items: number[];
  bits: number;
}

/** The run-length coded code lengths that open a dynamic block (RFC 1951 3.2.7), and their size in bits. */
function codeLengthHeader(litLenLengths: Uint8Array, distLengths: Uint8Array): CodeLengthHeader {
  let litLenCount = LITLEN_CODES;
  while (litLenCount > 257 && litLenLengths[litLenCount - 1] === 0) litLenCount--;
  let distCount = DIST_CODES;
  while (distCount > 1 && distLengths[distCount - 1] === 0) distCount--;
  const lengths = new Uint8Array(litLenCount + distCount);
  lengths.set(litLenLengths.subarray(0, litLenCount));
  lengths.set(distLengths.subarray(0, distCount), litLenCount);

  const items: number[] = [];
  const freq = new Uint32Array(CODELEN_CODES);
  for (let i = 0; i < lengths.length;) {
    const value = lengths[i]!;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    i += run;
    if (value === 0) {
      while (run >= 11) {
        const take = Math.min(run, 138);
        items.push(18 | ((take - 11) << 5));
        freq[18]!++;
        run -= take;
      }
      if (run >= 3) {
        items.push(17 | ((run - 3) << 5));
        freq[17]!++;
        run = 0;
      }
    } else {
      items.push(value);
      freq[value]!++;
      run--;
      while (run >= 3) {
        const take = Math.min(run, 6);
        items.push(16 | ((take - 3) << 5));
        freq[16]!++;
        run -= take;
      }
    }
    for (; run > 0; run--) {
      items.push(value);
      freq[value]!++;
    }
  }

  const codeLengthLengths = huffmanLengths(freq, MAX_CODELEN_BITS);
  let codeLengthCount = CODELEN_CODES;
  while (codeLengthCount > 4 && codeLengthLengths[CODELEN_ORDER[codeLengthCount - 1]!] === 0) codeLengthCount--;
  let bits = 5 + 5 + 4 + codeLengthCount * 3;
  for (const item of items) {
    const symbol = item & 0x1f;
    bits += codeLengthLengths[symbol]! + (symbol === 16 ? 2 : symbol === 17 ? 3 : symbol === 18 ? 7 : 0);
  }
  return { litLenCount, distCount, codeLengthCount, codeLengthLengths, items, bits };
}

/**
 * Code lengths of a Huffman code for `freq`, none longer than `maxBits`. Always at least two codes, so every code is
 * complete (inflaters reject incomplete codes).
 */
export function huffmanLengths(freq: ArrayLike<number>, maxBits: number): Uint8Array {
  const n = freq.length;
  const lengths = new Uint8Array(n);
  const used: number[] = [];
  for (let s = 0; s < n; s++) if (freq[s]! > 0) used.push(s);
  if (used.length === 0) used.push(0, 1);
  else if (used.length === 1) used.push(used[0] === 0 ? 1 : 0);
  used.sort((a, b) => (freq[a] ?? 0) - (freq[b] ?? 0) || a - b);

  // Two-queue Huffman construction over leaves sorted by weight; nodes are indices into weight/parent.
  const leafCount = used.length;
  const weight = new Float64Array(2 * leafCount - 1);
  const parent = new Int32Array(2 * leafCount - 1);
  for (let k = 0; k < leafCount; k++) weight[k] = freq[used[k]!] ?? 0;
  let nextLeaf = 0;
  let nextNode = leafCount;
  let created = leafCount;
  const takeSmallest = (): number => {
    if (nextLeaf < leafCount && (nextNode >= created || weight[nextLeaf]! <= weight[nextNode]!)) return nextLeaf++;
    return nextNode++;
  };
  while (created < 2 * leafCount - 1) {
    const a = takeSmallest();
    const b = takeSmallest();
    weight[created] = weight[a]! + weight[b]!;
    parent[a] = created;
    parent[b] = created;
    created++;
  }
  const depth = new Uint16Array(2 * leafCount - 1);
  for (let node = 2 * leafCount - 3; node >= 0; node--) depth[node] = depth[parent[node]!]! + 1;

  const countPerLength = new Uint32Array(Math.max(maxBits, leafCount) + 1);
  let deepest = 0;
  for (let k = 0; k < leafCount; k++) {
    countPerLength[depth[k]!]!++;
    deepest = Math.max(deepest, depth[k]!);
  }
  // JPEG's Adjust_BITS (ITU T.81 K.3): two siblings at the deepest level go; their parent becomes a leaf, and a
  // leaf higher up becomes a parent of two. The Kraft sum stays exactly 1, so the code stays complete.
  for (let bits = deepest; bits > maxBits; bits--) {
    while (countPerLength[bits]! > 0) {
      let higher = bits - 2;
      while (countPerLength[higher] === 0) higher--;
      countPerLength[bits]! -= 2;
      countPerLength[bits - 1]!++;
      countPerLength[higher + 1]! += 2;
      countPerLength[higher]!--;
    }
  }
  // Hand out the lengths again, shortest to the most frequent symbols (the end of `used`).
  let k = leafCount - 1;
  for (let bits = 1; bits <= maxBits; bits++) {
    for (let c = countPerLength[bits]!; c > 0; c--) lengths[used[k--]!] = bits;
  }
  return lengths;
}

/** Canonical Huffman codes (RFC 1951 3.2.2), bit-reversed because deflate writes them starting with the top bit. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const countPerLength = new Uint16Array(MAX_BITS + 1);
  for (const length of lengths) countPerLength[length]!++;
  countPerLength[0] = 0;
  const next = new Uint16Array(MAX_BITS + 1);
  let code = 0;
  for (let bits = 1; bits <= MAX_BITS; bits++) {
    code = (code + countPerLength[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const length = lengths[s]!;
    if (length === 0) continue;
    let value = next[length]!++;
    let reversed = 0;
    for (let b = 0; b < length; b++) {
      reversed = (reversed << 1) | (value & 1);
      value >>>= 1;
    }
    codes[s] = reversed;
  }
  return codes;
}

/** LSB-first bit output into a growing byte buffer. */
class BitWriter {
  buffer: Uint8Array;
  position = 0;
  pending = 0;
  pendingBits = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  ensure(more: number): void {
    if (this.position + more + 8 <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.position + more + 1024));
    grown.set(this.buffer.subarray(0, this.position));
    this.buffer = grown;
  }

  bits(value: number, count: number): void {
    this.ensure(4);
    this.pending |= value << this.pendingBits;
    this.pendingBits += count;
    while (this.pendingBits >= 8) {
      this.buffer[this.position++] = this.pending;
      this.pending >>>= 8;
      this.pendingBits -= 8;
    }
  }

  alignToByte(): void {
    if (this.pendingBits > 0) this.bits(0, 8 - this.pendingBits);
  }

  byte(value: number): void {
    this.buffer[this.position++] = value;
  }

  copy(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.position);
    this.position += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.position);
  }
}
