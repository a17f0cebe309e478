import { sha256Hex, streamingSha256, type StreamingSha256 } from './sha256';

/**
 * Messages up to this size are held whole, then hashed by Web Crypto and written in one go: one write instead of
 * one per network chunk, and native hashing. With four downloads at once that is at most 32 MB held; larger
 * messages stream to disk chunk by chunk, so memory stays within the largest message's twice plus a constant.
 */
export const WHOLE_MESSAGE_BYTES = 8 * 2 ** 20;

/**
 * Where a message's bytes go between the network and its file, hashed on the way: the digest proves the file
 * without reading it back.
 */
export class HashedFileWriter {
  readonly #writable: FileSystemWritableFileStream;
  #held: Uint8Array<ArrayBuffer> | null;
  #heldLength = 0;
  #streamed: StreamingSha256 | null = null;

  /** `expectedSize`: what the listing or the response says the message holds, if anything. */
  constructor(writable: FileSystemWritableFileStream, expectedSize: number | null) {
    this.#writable = writable;
    const hold = expectedSize !== null && expectedSize <= WHOLE_MESSAGE_BYTES;
    this.#held = hold ? new Uint8Array(expectedSize) : null;
    if (!hold) this.#streamed = streamingSha256();
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#held) {
      if (this.#heldLength + chunk.byteLength <= this.#held.byteLength) {
        this.#held.set(chunk, this.#heldLength);
        this.#heldLength += chunk.byteLength;
        return;
      }
      // More came than was announced: rather than grow without bound, stream from here on.
      await this.#streamWhatIsHeld();
    }
    this.#streamed!.update(chunk);
    await this.#writable.write(chunk as Uint8Array<ArrayBuffer>);
  }

  /** Writes what is still held; resolves with the SHA-256 of everything written, in hex. */
  async finish(): Promise<string> {
    if (!this.#held) return this.#streamed!.hex();
    const bytes = this.#held.subarray(0, this.#heldLength);
    const [digest] = await Promise.all([sha256Hex(bytes), this.#writable.write(bytes)]);
    return digest;
  }

  async #streamWhatIsHeld(): Promise<void> {
    const bytes = this.#held!.subarray(0, this.#heldLength);
    this.#held = null;
    this.#streamed = streamingSha256();
    this.#streamed.update(bytes);
    await this.#writable.write(bytes);
  }
}
