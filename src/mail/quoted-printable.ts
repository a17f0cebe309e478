/**
 * Quoted-printable bodies decoded from runs of lines, with the result postal-mime's own decoder gives line by line.
 *
 * postal-mime hands a quoted-printable decoder one line at a time, one await each, so a body of megabytes of short
 * lines costs millions of steps. This decoder takes a whole run of lines at once (see readLineQuickly in
 * parse-message.ts) and splits it into lines itself, in one pass over the bytes, without a view or a string per
 * line. Its rules are postal-mime 4.2's, line by line:
 * - the line break of a line is written only when the next line arrives, so the one before a boundary (which
 *   belongs to the boundary) is not content, and the break written is the one the line came with;
 * - spaces and tabs at the end of a line were added in transit and are dropped (RFC 2045 6.7 rule 3), before a
 *   soft line break (`=` at the end) is looked for: a soft break joins the line to the next one;
 * - `=XY` with two hexadecimal digits (either case) is one byte; any other `=` stays as it is.
 */

import type { EarlierLines } from './body-runs';

const CR = 0x0d;
const LF = 0x0a;
const EQUALS = 0x3d;

export class QuotedPrintableRuns {
  private out = new Uint8Array(0);
  private used = 0;
  // The line break owed: where it lies (a run, or the separate break of a run's last line); null for none.
  private pendingBytes: Uint8Array | null;
  private pendingStart = 0;
  private pendingEnd: number;

  constructor(private readonly earlier?: EarlierLines) {
    this.pendingBytes = earlier?.pendingLineBreak ?? null;
    this.pendingEnd = this.pendingBytes?.length ?? 0;
  }

  /**
   * `lines`: one line or several, each but the last with its own line break; `lineBreak`: the last one's. As postal-mime
   * reads them, a line ends at an LF, and its line break is the CRs before that LF and the LF.
   */
  update(lines: Uint8Array, lineBreak: Uint8Array): void {
    // Decoded, the lines are never longer than they are encoded, nor the breaks.
    this.reserve(this.pendingEnd - this.pendingStart + lines.length + lineBreak.length);
    let lineStart = 0;
    // Byte by byte rather than with indexOf: lines are short, and a call per line would cost more than the bytes.
    for (let lf = 0; lf < lines.length; lf++) {
      if (lines[lf] !== LF) continue;
      let end = lf;
      while (end > lineStart && lines[end - 1] === CR) end--;
      if (this.line(lines, lineStart, end)) this.owe(lines, end, lf + 1);
      lineStart = lf + 1;
    }
    if (this.line(lines, lineStart, lines.length)) this.owe(lineBreak, 0, lineBreak.length);
  }

  /** `boundaryEnded`: a boundary ended the body and owns the last line break; else (end of message) it is content. */
  async finalize(boundaryEnded = false): Promise<ArrayBuffer> {
    if (!boundaryEnded) this.writePending();
    const head = this.earlier ? new Uint8Array(await this.earlier.decoded()) : new Uint8Array(0);
    const whole = new Uint8Array(head.length + this.used);
    whole.set(head, 0);
    whole.set(this.out.subarray(0, this.used), head.length);
    return whole.buffer;
  }

  // One line without its break: writes the break owed before it, decodes the line, and says whether the line's own
  // break is owed (false after a soft line break).
  private line(bytes: Uint8Array, start: number, end: number): boolean {
    this.writePending();
    let length = end;
    while (length > start && (bytes[length - 1] === 0x20 || bytes[length - 1] === 0x09)) length--;
    const softBreak = length > start && bytes[length - 1] === EQUALS;
    if (softBreak) length--;

    const out = this.out;
    let used = this.used;
    for (let i = start; i < length; i++) {
      const byte = bytes[i]!;
      if (byte === EQUALS && i + 2 < length) {
        const high = hexValue(bytes[i + 1]!);
        const low = hexValue(bytes[i + 2]!);
        if (high >= 0 && low >= 0) {
          out[used++] = (high << 4) | low;
          i += 2;
          continue;
        }
      }
      out[used++] = byte;
    }
    this.used = used;
    return !softBreak;
  }

  private owe(bytes: Uint8Array, start: number, end: number): void {
    this.pendingBytes = bytes;
    this.pendingStart = start;
    this.pendingEnd = end;
  }

  private writePending(): void {
    const pending = this.pendingBytes;
    if (!pending) return;
    this.reserve(this.pendingEnd - this.pendingStart);
    // A line break is a byte or two: copied in place, without a view and a call per line.
    const out = this.out;
    let used = this.used;
    for (let i = this.pendingStart; i < this.pendingEnd; i++) out[used++] = pending[i]!;
    this.used = used;
    this.pendingBytes = null;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.used + extra, this.out.length * 2));
    grown.set(this.out.subarray(0, this.used), 0);
    this.out = grown;
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}
