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

/** SHA-256 of a message the browser holds as a Blob, in hex as `sha256sum` prints it. */
export async function sha256OfMessage(message: Blob, largeTurn: LargeMessageTurn): Promise<string> {
  if (message.size <= WHOLE_MESSAGE_BYTES) return sha256Hex(new Uint8Array(await message.arrayBuffer()));
  const release = largeTurn.take();
  if (release) {
    try {
      return await sha256Hex(new Uint8Array(await message.arrayBuffer()));
    } finally {
      release();
    }
  }
  const hash = streamingSha256();
  const reader = message.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) hash.update(chunk.value);
  return hash.hex();
}
