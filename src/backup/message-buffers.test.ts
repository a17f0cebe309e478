import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MessageBuffers } from './message-buffers';

const MB = 2 ** 20;

/** A body as fetch gives it: a byte stream (BYOB reads), or a plain stream of chunks (copied), in `chunk` pieces. */
function body(bytes: Uint8Array, kind: 'bytes' | 'chunks', chunk = 64 * 1024, failAfter?: number) {
  let at = 0;
  const next = () => {
    if (failAfter !== undefined && at >= failAfter) throw new TypeError('network error');
    // A copy: a byte stream takes over (detaches) what is enqueued, and a Buffer's slice would be a view of `bytes`.
    const piece = new Uint8Array(bytes.subarray(at, at + chunk));
    at += piece.length;
    return piece;
  };
  if (kind === 'chunks') {
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(next());
      },
    });
  }
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (at >= bytes.length) {
        // A byte source ends a pending BYOB read by answering it with nothing (the streams standard).
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      controller.enqueue(next());
    },
  }) as ReadableStream<Uint8Array>;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('MessageBuffers', () => {
  for (const kind of ['bytes', 'chunks'] as const) {
    it(`reads a body whole, exactly as sent, whether the size was right, missing or too small (${kind})`, async () => {
      const buffers = new MessageBuffers(32 * MB);
      const message = randomBytes(300_000);
      for (const expected of [300_000, null, 1_000, 0]) {
        const read = await buffers.read(body(message, kind), expected);
        expect(same(read.bytes, message)).toBe(true);
        read.release();
      }
      const empty = await buffers.read(body(new Uint8Array(0), kind), 0);
      expect(empty.bytes.length).toBe(0);
      empty.release();
    });
  }

  it('hands the same memory to the next message instead of taking more', async () => {
    const buffers = new MessageBuffers(32 * MB);
    for (let i = 0; i < 50; i++) {
      const message = randomBytes(200_000 + i * 1000);
      const read = await buffers.read(body(message, 'bytes'), message.length);
      expect(same(read.bytes, message)).toBe(true);
      read.release();
    }
    // 50 messages of 200–250 KB through one reader at a time: one buffer of 256 KB, not 50 × 200 KB.
    expect(buffers.bytes).toBeLessThanOrEqual(256 * 1024);
  });

  it('makes a message that does not fit beside the others wait until they are done, and a lone large one pass', async () => {
    const buffers = new MessageBuffers(4 * MB);
    const first = await buffers.read(body(randomBytes(3 * MB), 'bytes'), 3 * MB);
    let secondDone = false;
    const second = buffers.read(body(randomBytes(2 * MB), 'bytes'), 2 * MB).then((read) => {
      secondDone = true;
      return read;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(secondDone).toBe(false);
    expect(buffers.bytes).toBeLessThanOrEqual(4 * MB);
    first.release();
    (await second).release();
    // Larger than the whole budget: it may not wait for room that never comes, so it goes alone.
    const huge = randomBytes(6 * MB);
    const alone = await buffers.read(body(huge, 'chunks', 1 * MB), huge.length);
    expect(same(alone.bytes, huge)).toBe(true);
    alone.release();
  });

  it('rejects a body cut off midway, and gives the memory back for the next message', async () => {
    const buffers = new MessageBuffers(1 * MB);
    const message = randomBytes(900_000);
    for (const kind of ['bytes', 'chunks'] as const) {
      await expect(buffers.read(body(message, kind, 64 * 1024, 300_000), message.length)).rejects.toThrow(
        'network error',
      );
      // Had the failed read kept its share, this one would wait for ever on a budget of 1 MB.
      const read = await buffers.read(body(message, kind), message.length);
      expect(same(read.bytes, message)).toBe(true);
      read.release();
    }
  });

  it('stops waiting for room when the backup is stopped', async () => {
    const buffers = new MessageBuffers(1 * MB);
    const holding = await buffers.read(body(randomBytes(900_000), 'bytes'), 900_000);
    const stop = new AbortController();
    const waiting = buffers.read(body(randomBytes(900_000), 'bytes'), 900_000, stop.signal);
    stop.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    holding.release();
  });
});
