import { sha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 of what a backup writes, as `sha256sum` prints it (lower-case hex).
 *
 * A message is hashed whole by Web Crypto: native code, off the page's main thread in browsers, about eight to twelve
 * times @noble/hashes' speed (bench/backup: hashing was a fifth of a backup's time). Short strings (names) are hashed
 * at once, synchronously, by @noble/hashes (audited, no dependencies, pinned).
 */

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export interface StreamingSha256 {
  update(chunk: Uint8Array): void;
  hex(): string;
}

export function streamingSha256(): StreamingSha256 {
  const hash = sha256.create();
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => hex(hash.digest()),
  };
}

function hex(digest: Uint8Array): string {
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
