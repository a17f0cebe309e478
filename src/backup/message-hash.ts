import { sha256Hex, streamingSha256 } from './sha256';

/**
 * Messages up to this size are read whole and hashed by Web Crypto. With four downloads at once that is at most
 * 32 MB held, twice over while Web Crypto copies it.
 */
export const WHOLE_MESSAGE_BYTES = 8 * 2 ** 20;

/**
 * Lets one larger message at a time be read whole too: holding it and Web Crypto's copy of it stays within twice
 * the largest message, which the backup's memory bound allows. Any other large message meanwhile is hashed as it
 * streams, by @noble/hashes, a chunk at a time: slower, but memory stays flat.
 */
export class LargeMessageTurn {
  #taken = false;

  /** A release function if the turn was free (call it once hashed), null if another large message has it. */
  take(): (() => void) | null {
    if (this.#taken) return null;
    this.#taken = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#taken = false;
    };
  }
}

export interface ReadMessage {
  /** SHA-256 in hex, as `sha256sum` prints it. */
  sha256: string;
  /** The first bytes (up to `headBytes`), to tell a message from an HTML or JSON page without reading it again. */
  head: Uint8Array;
}

/** Reads a message the browser holds as a Blob once: its SHA-256 and its first bytes. */
export async function readMessage(message: Blob, largeTurn: LargeMessageTurn, headBytes: number): Promise<ReadMessage> {
  const release = message.size <= WHOLE_MESSAGE_BYTES ? () => {} : largeTurn.take();
  if (release) {
    try {
      const whole = await message.arrayBuffer();
      const head = new Uint8Array(whole.slice(0, headBytes));
      return { sha256: await sha256Hex(whole), head };
    } finally {
      release();
    }
  }
  const hash = streamingSha256();
  let head: Uint8Array = new Uint8Array(0);
  const reader = message.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (head.length < headBytes) head = joined(head, chunk.value.subarray(0, headBytes - head.length));
    hash.update(chunk.value);
  }
  return { sha256: hash.hex(), head };
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
