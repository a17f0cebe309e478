/**
 * Memory to take messages in whole, reused from one message to the next.
 *
 * A backup reads every message once into the page to hash and check it. Reading each into a fresh buffer (as
 * `Response.arrayBuffer()` or `Blob.arrayBuffer()` do) leaves a gigabyte mailbox's worth of dead buffers behind,
 * which the JavaScript engine collects only now and then: the bench measured the page's memory grow by 160–200 MB
 * on a mailbox whose largest message is 24 MB. Here the bytes are read straight into buffers kept in a pool
 * (`ReadableStreamBYOBReader` where the body is a byte stream, a copy per chunk otherwise), and the pool holds at
 * most `budgetBytes` — or, when one message is larger than that, that message alone. A message that does not fit
 * beside what others hold waits for them.
 */

/**
 * What a backup keeps for messages in memory: any message up to this size is read beside the others, a larger one
 * alone. Web Crypto copies a message to hash it, so the page holds at most this (or the largest message) plus the
 * largest message again: within the bound of twice the largest message plus a constant.
 */
export const MESSAGE_MEMORY_BYTES = 32 * 2 ** 20;

const ROUND_SMALL = 64 * 2 ** 10;
const ROUND_LARGE = 2 ** 20;

export interface MessageBuffer {
  /** The message's bytes once read (a view on pooled memory: valid until released). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Gives the memory back to the pool; once only, and the bytes must not be used after it. */
  release(): void;
}

interface Held {
  buffer: ArrayBuffer;
  /** What the pool counts against its budget for this reader (a detached buffer reads 0 bytes long). */
  counted: number;
}

export class MessageBuffers {
  readonly #budgetBytes: number;
  /** Buffers nobody holds, to be handed out again. */
  #free: ArrayBuffer[] = [];
  #freeBytes = 0;
  #heldBytes = 0;
  #waiters: (() => void)[] = [];

  constructor(budgetBytes: number) {
    this.#budgetBytes = budgetBytes;
  }

  /** Bytes the pool holds: handed out and free. What the page's memory owes to messages. */
  get bytes(): number {
    return this.#freeBytes + this.#heldBytes;
  }

  /**
   * Reads `body` to its end into pooled memory. `expectedBytes` (the listing's size, or Content-Length) sizes the
   * buffer at once; a body longer than it, or of unknown length, moves to a larger one as it grows. Rejects as the
   * body does (a cut connection, an abort); the memory is then back in the pool.
   */
  async read(body: ReadableStream<Uint8Array>, expectedBytes: number | null, signal?: AbortSignal) {
    // One byte more than expected: a body that ends exactly there is seen to end without moving to a larger buffer.
    const buffer = await this.#take((expectedBytes ?? ROUND_SMALL) + 1, signal);
    const held: Held = { buffer, counted: buffer.byteLength };
    try {
      const length = await readInto(body, held, (needed) => this.#grow(held, needed));
      let released = false;
      const read: MessageBuffer = {
        bytes: new Uint8Array(held.buffer, 0, length),
        release: () => {
          if (released) return;
          released = true;
          this.#give(held);
        },
      };
      return read;
    } catch (error) {
      this.#give(held);
      throw error;
    }
  }

  async #take(bytes: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    for (;;) {
      signal?.throwIfAborted();
      const fitting = this.#bestFree(bytes);
      if (fitting) {
        this.#free.splice(this.#free.indexOf(fitting), 1);
        this.#freeBytes -= fitting.byteLength;
        this.#heldBytes += fitting.byteLength;
        return fitting;
      }
      const capacity = roundUp(bytes);
      // Room is made by letting free buffers go, smallest first (the large ones are the rare ones worth keeping).
      while (this.#free.length > 0 && this.bytes + capacity > this.#budgetBytes) {
        const dropped = this.#free.shift()!;
        this.#freeBytes -= dropped.byteLength;
      }
      if (this.bytes + capacity <= this.#budgetBytes || this.#heldBytes === 0) {
        this.#heldBytes += capacity;
        return new ArrayBuffer(capacity);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.#waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** The smallest free buffer of at least `bytes`. */
  #bestFree(bytes: number): ArrayBuffer | undefined {
    let best: ArrayBuffer | undefined;
    for (const buffer of this.#free) {
      if (buffer.byteLength >= bytes && (!best || buffer.byteLength < best.byteLength)) best = buffer;
    }
    return best;
  }

  /** A larger buffer for a body that outgrew its own, holding what was read; the old one goes back. */
  #grow(held: Held, needed: number): ArrayBuffer {
    const capacity = roundUp(Math.max(needed, held.buffer.byteLength * 2));
    // Not waited for: the reader is mid-body. Rare (the listing's size was wrong or missing), and bounded by the body.
    this.#heldBytes += capacity - held.counted;
    held.counted = capacity;
    return new ArrayBuffer(capacity);
  }

  /**
   * Back into the pool. A byte-stream read that failed may have taken the buffer with it (detached, 0 bytes long):
   * that one is only uncounted.
   */
  #give(held: Held) {
    this.#heldBytes -= held.counted;
    held.counted = 0;
    if (held.buffer.byteLength > 0) {
      this.#free.push(held.buffer);
      this.#free.sort((a, b) => a.byteLength - b.byteLength);
      this.#freeBytes += held.buffer.byteLength;
    }
    this.#wakeAll();
  }

  #wakeAll() {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

function roundUp(bytes: number): number {
  const step = bytes <= ROUND_LARGE ? ROUND_SMALL : ROUND_LARGE;
  return Math.ceil(bytes / step) * step;
}

/**
 * Reads the body into `held.buffer` (replaced as the reads transfer it, or by `grow`), and returns the length.
 */
async function readInto(
  body: ReadableStream<Uint8Array>,
  held: Held,
  grow: (needed: number) => ArrayBuffer,
): Promise<number> {
  let length = 0;
  const ensure = (needed: number) => {
    if (needed <= held.buffer.byteLength) return;
    const larger = grow(needed);
    new Uint8Array(larger).set(new Uint8Array(held.buffer, 0, length));
    held.buffer = larger;
  };
  const byob = byobReader(body);
  if (byob) {
    try {
      for (;;) {
        // A read into a full buffer could only answer with nothing: make room first (at least one more chunk's).
        ensure(length + 1);
        const { done, value } = await byob.read(new Uint8Array(held.buffer, length, held.buffer.byteLength - length));
        if (value) held.buffer = value.buffer as ArrayBuffer;
        if (done) return length;
        length += value!.byteLength;
      }
    } finally {
      byob.releaseLock();
    }
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return length;
      ensure(length + value.byteLength);
      new Uint8Array(held.buffer, length, value.byteLength).set(value);
      length += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A BYOB reader when the body is a byte stream (Chromium's and Firefox's fetch bodies are), else null. */
function byobReader(body: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return body.getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}
