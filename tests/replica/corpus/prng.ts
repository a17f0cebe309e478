/**
 * Seeded pseudo-random bytes for the corpus. Big attachments are generated at call time instead of committed,
 * so the generator must give the same bytes on every machine and every run: a fixed algorithm (xorshift32)
 * with a fixed seed, no Math.random, no crypto.
 */

/** A deterministic source of 32-bit numbers. Never returns to 0, so any non-zero seed works. */
export function createPrng(seed: number): () => number {
  // xorshift32 gets stuck at 0; map a 0 seed to an arbitrary non-zero constant instead.
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** Incompressible bytes, like an already-compressed archive or a photo. */
export function randomBytes(seed: number, length: number): Uint8Array {
  const next = createPrng(seed);
  const out = new Uint8Array(length);
  const whole = length - (length % 4);
  // Four bytes per step keeps 25 MB well under a second.
  const view = new DataView(out.buffer);
  for (let i = 0; i < whole; i += 4) view.setUint32(i, next(), true);
  for (let i = whole; i < length; i++) out[i] = next() & 0xff;
  return out;
}

const WORDS = [
  'Angebot',
  'Baustelle',
  'Termin',
  'Rechnung',
  'projet',
  'livraison',
  'réunion',
  'budget',
  'Lieferung',
  'Besprechung',
  'planning',
  'contrat',
  'Muster',
  'Zürich',
  'Genève',
  'Lausanne',
  'Offerte',
  'devis',
  'Bauleitung',
  'Pläne',
  'échéance',
  'Kosten',
  'Abnahme',
  'Protokoll',
  'note',
  'suivi',
  'Stand',
  'Entwurf',
];

/** Readable, highly compressible text (a log or a report) with mixed German and French words. */
export function compressibleText(seed: number, length: number): Uint8Array {
  const next = createPrng(seed);
  const encoder = new TextEncoder();
  const lines: string[] = [];
  let size = 0;
  let lineNo = 1;
  while (size < length) {
    const words: string[] = [];
    const count = 6 + (next() % 8);
    for (let i = 0; i < count; i++) words.push(WORDS[next() % WORDS.length]!);
    const line = `${String(lineNo++).padStart(6, '0')} ${words.join(' ')}\r\n`;
    lines.push(line);
    size += encoder.encode(line).length;
  }
  const full = encoder.encode(lines.join(''));
  return cutAtCharBoundary(full, length);
}

/**
 * Cut UTF-8 to an exact byte length without splitting a character: a partial last character is replaced by
 * ASCII padding, so the text stays valid UTF-8 and the size stays exact.
 */
function cutAtCharBoundary(bytes: Uint8Array, length: number): Uint8Array {
  const out = bytes.slice(0, length);
  let start = length;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start > 0 && (out[start - 1]! & 0xc0) === 0x80) start--;
  if (start > 0 && out[start - 1]! >= 0xc0) {
    const lead = out[start - 1]!;
    const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (length - (start - 1) < needed) out.fill(0x2e, start - 1); // '.'
  }
  return out;
}

/** A numeric seed from a readable label (FNV-1a), so call sites can say `seedFrom('dkim:keller')`. */
export function seedFrom(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
