/**
 * A body postal-mime hands through as it is (7bit, 8bit, binary or an unknown encoding), gathered as ranges of the
 * message and copied once into a buffer of its own: the result of postal-mime 4.2's PassThroughDecoder, without
 * the Blob that one builds and reads back for every part. A Blob costs little once, but a message of thousands of
 * empty parts made thousands of them (in a browser, each a round trip to the blob store).
 *
 * Its rules are postal-mime's: each line is written as it came, and its line break only when the next line arrives,
 * so the one before a boundary (which belongs to the boundary) is not content. A "line" may be a run of lines with
 * their line breaks inside (see readLineQuickly in parse-message.ts): the bytes are the same.
 */
import type { EarlierLines } from './body-runs';

// A range of bytes to copy: consecutive ones of the message merge into one.
interface Piece {
  buffer: ArrayBufferLike;
  start: number;
  end: number;
}

export class PassedThroughBody {
  private readonly pieces: Piece[] = [];
  private pendingLineBreak: Uint8Array | null;

  constructor(private readonly earlier?: EarlierLines) {
    this.pendingLineBreak = earlier?.pendingLineBreak ?? null;
  }

  update(line: Uint8Array, lineBreak: Uint8Array): void {
    if (this.pendingLineBreak) this.append(this.pendingLineBreak);
    this.append(line);
    this.pendingLineBreak = lineBreak;
  }

  /** `boundaryEnded`: a boundary ended the body and owns the last line break; else (end of message) it is content. */
  async finalize(boundaryEnded = false): Promise<ArrayBuffer> {
    if (!boundaryEnded && this.pendingLineBreak) this.append(this.pendingLineBreak);
    const head = this.earlier && new Uint8Array(await this.earlier.decoded());
    let length = head?.length ?? 0;
    for (const piece of this.pieces) length += piece.end - piece.start;
    const whole = new Uint8Array(length);
    if (head) whole.set(head, 0);
    let at = head?.length ?? 0;
    for (const { buffer, start, end } of this.pieces) {
      whole.set(new Uint8Array(buffer, start, end - start), at);
      at += end - start;
    }
    return whole.buffer;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const start = bytes.byteOffset;
    const last = this.pieces.at(-1);
    if (last && last.buffer === bytes.buffer && last.end === start) last.end = start + bytes.length;
    else this.pieces.push({ buffer: bytes.buffer, start, end: start + bytes.length });
  }
}
