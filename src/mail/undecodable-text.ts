/**
 * Old mail clients write non-ASCII file names and subjects as raw 8-bit bytes in the sender's code page instead of
 * encoding them (RFC 2047/2231). postal-mime reads header bytes as UTF-8, so `Übersicht.pdf` in Latin-1 arrives as
 * `\uFFFDbersicht.pdf`. The raw bytes are still in the message: find the header text around the replacement
 * characters and decode those bytes in the code page such clients used, Windows-1252.
 */

const REPLACEMENT = '\ufffd';
// One invalid UTF-8 sequence becomes one U+FFFD; a Latin-1 run can be a few bytes long per replacement.
const MAX_BYTES_PER_REPLACEMENT = 4;
const latin1Fallback = new TextDecoder('windows-1252');
const utf8 = new TextEncoder();

// The search pattern is built from the text; these bounds keep its cost small whatever a sender puts in a header.
const MAX_TEXT_LENGTH = 1000;
const MAX_GAPS = 32;

export function recoverUndecodableText(raw: Uint8Array, decoded: string): string {
  if (!decoded.includes(REPLACEMENT) || decoded.length > MAX_TEXT_LENGTH) return decoded;
  const pieces = decoded.split(/\ufffd+/);
  const runs = decoded.match(/\ufffd+/g) ?? [];
  if (runs.length > MAX_GAPS) return decoded;
  // Each piece is matched as its UTF-8 bytes read one char per byte; each gap is captured as a run of 8-bit bytes.
  let pattern = '';
  pieces.forEach((piece, i) => {
    pattern += escapeRegExp(bytesAsChars(utf8.encode(piece)));
    const run = runs[i];
    if (run !== undefined) pattern += `([\\x80-\\xff]{${run.length},${run.length * MAX_BYTES_PER_REPLACEMENT}})`;
  });
  const match = new RegExp(pattern).exec(bytesAsChars(raw));
  if (!match) return decoded;
  const gaps = match.slice(1).map((gap) => Uint8Array.from(gap ?? '', (char) => char.charCodeAt(0)));
  // A gap that is valid UTF-8 was a real U+FFFD written by the sender, not a decoding accident.
  if (gaps.some(isValidUtf8)) return decoded;
  // Only the gaps are decoded, so correctly decoded text around them stays as it was.
  let out = pieces[0] ?? '';
  for (let i = 1; i < pieces.length; i++) out += latin1Fallback.decode(gaps[i - 1]) + pieces[i];
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function bytesAsChars(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
