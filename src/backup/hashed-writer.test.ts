import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashedFileWriter, WHOLE_MESSAGE_BYTES } from './hashed-writer';

/** A writable that keeps what it is given, as the file would hold it, and counts the writes. */
function recordingWritable() {
  const writes: Uint8Array[] = [];
  const writable = {
    write: async (data: Uint8Array) => void writes.push(Uint8Array.from(data)),
  } as unknown as FileSystemWritableFileStream;
  const file = () => Buffer.concat(writes);
  return { writable, writes, file };
}

async function writeInChunks(writer: HashedFileWriter, bytes: Uint8Array, chunk: number): Promise<string> {
  for (let at = 0; at < bytes.length; at += chunk) await writer.write(bytes.subarray(at, at + chunk));
  return writer.finish();
}

const sha256sum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('HashedFileWriter', () => {
  it('holds a message of the announced size and writes it in one go, with the digest sha256sum gives', async () => {
    const message = randomBytes(300_000);
    const { writable, writes, file } = recordingWritable();
    const digest = await writeInChunks(new HashedFileWriter(writable, message.length), message, 16_384);
    expect(digest).toBe(sha256sum(message));
    expect(file().equals(message)).toBe(true);
    expect(writes).toHaveLength(1);
  });

  it('streams chunk by chunk when the size is unknown or too large to hold', async () => {
    const message = randomBytes(200_000);
    for (const announced of [null, WHOLE_MESSAGE_BYTES + 1]) {
      const { writable, writes, file } = recordingWritable();
      const digest = await writeInChunks(new HashedFileWriter(writable, announced), message, 65_536);
      expect(digest).toBe(sha256sum(message));
      expect(file().equals(message)).toBe(true);
      expect(writes.length).toBe(4);
    }
  });

  it('keeps every byte in order when more comes than was announced', async () => {
    const message = randomBytes(100_000);
    const { writable, file } = recordingWritable();
    const digest = await writeInChunks(new HashedFileWriter(writable, 30_000), message, 7_000);
    expect(digest).toBe(sha256sum(message));
    expect(file().equals(message)).toBe(true);
  });

  it('writes less than announced as it came (the caller refuses the short message)', async () => {
    const message = randomBytes(1_000);
    const { writable, file } = recordingWritable();
    const digest = await writeInChunks(new HashedFileWriter(writable, 5_000), message, 300);
    expect(digest).toBe(sha256sum(message));
    expect(file().equals(message)).toBe(true);
  });

  it('hashes an empty message as sha256sum does', async () => {
    const { writable } = recordingWritable();
    expect(await new HashedFileWriter(writable, 0).finish()).toBe(sha256sum(new Uint8Array(0)));
  });
});
