import { sha256 } from '@noble/hashes/sha2.js';

/**
 * SHA-256 fed chunk by chunk, as a message streams to disk: the digest proves the file without reading it back.
 * Web Crypto has no incremental digest, so this is @noble/hashes (audited, no dependencies, pinned).
 */
export interface StreamingSha256 {
  update(chunk: Uint8Array): void;
  /** Lower-case hex, as sha256sum prints it. */
  hex(): string;
}

export function streamingSha256(): StreamingSha256 {
  const hash = sha256.create();
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => Array.from(hash.digest(), (byte) => byte.toString(16).padStart(2, '0')).join(''),
  };
}
