import { indexOfByte } from './find-byte';

/**
 * Runs of body lines: how far the lines of a body can be taken at once, without taking in a line that might be a
 * MIME boundary. postal-mime checks each line that starts with `--` against the boundaries of the multiparts still
 * open, and hands every other line of a body to the body's decoder; a run stops before any line that might match.
 */

/**
 * What a decoder that takes runs takes over from postal-mime's decoder of the same body, should that one have been
 * given a line already (a body that begins without the blank line after the headers starts with the line that ended
 * them): the bytes decoded so far, and the line break still owed after them.
 */
export interface EarlierLines {
  /** The bytes decoded so far, without the line break still owed. */
  decoded(): Promise<ArrayBuffer>;
  pendingLineBreak: Uint8Array | null;
}

const LF = 0x0a;
const DASH = 0x2d;

/**
 * The LF that ends a run of lines from `start` (a line start): the last one before the next line that might be a
 * boundary, else the last LF of the message (-1: there is no LF from `start` on). A line that might be a boundary is
 * a run of its own, up to its LF. Only lines with a dash are looked at, so a body without any is one native search.
 */
export function endOfRun(bytes: Uint8Array, start: number, boundaries: readonly Uint8Array[]): number {
  if (mayBeBoundary(bytes, start, boundaries)) return bytes.indexOf(LF, start);
  const beforeBoundary = nextLineBreakBeforeBoundary(bytes, start, boundaries);
  if (beforeBoundary >= 0) return beforeBoundary;
  const last = bytes.lastIndexOf(LF);
  return last < start ? -1 : last;
}

// The LF in front of the first line after `start` that might be a boundary; -1 if there is none.
function nextLineBreakBeforeBoundary(bytes: Uint8Array, start: number, boundaries: readonly Uint8Array[]): number {
  let from = start;
  for (let dash = indexOfByte(bytes, DASH, from); dash >= 0; dash = indexOfByte(bytes, DASH, from)) {
    if (bytes[dash - 1] === LF && mayBeBoundary(bytes, dash, boundaries)) return dash - 1;
    // No line starts between this dash and the next LF: the search goes on from the line after it, and lines that
    // start with a dash are looked at right away, so that a body full of dashes costs a search per line, not per dash.
    let lineEnd = bytes.indexOf(LF, dash);
    while (lineEnd >= 0 && bytes[lineEnd + 1] === DASH) {
      if (mayBeBoundary(bytes, lineEnd + 1, boundaries)) return lineEnd;
      lineEnd = bytes.indexOf(LF, lineEnd + 1);
    }
    if (lineEnd < 0) return -1;
    from = lineEnd + 1;
  }
  return -1;
}

/**
 * Whether the line at `lineStart` starts with `--` and one of the boundaries. postal-mime's test asks for more (the
 * line must end right there, or with `--` and whitespace), so a line that fails this one is never a boundary to it.
 */
function mayBeBoundary(bytes: Uint8Array, lineStart: number, boundaries: readonly Uint8Array[]): boolean {
  if (bytes[lineStart] !== DASH || bytes[lineStart + 1] !== DASH) return false;
  const at = lineStart + 2;
  for (const boundary of boundaries) {
    let i = 0;
    while (i < boundary.length && bytes[at + i] === boundary[i]) i++;
    if (i === boundary.length) return true;
  }
  return false;
}

/** Where the last of the lines from `start` to `lineEnd` (their last LF, or the end of the message) begins. */
export function startOfLastLine(bytes: Uint8Array, start: number, lineEnd: number): number {
  // lastIndexOf counts a negative position from the end, so an empty last line at `start` is settled here.
  if (lineEnd <= start) return start;
  const lf = bytes.lastIndexOf(LF, lineEnd - 1);
  return lf < start ? start : lf + 1;
}
