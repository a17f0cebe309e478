import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LargeMessageTurn, readMessage, WHOLE_MESSAGE_BYTES } from './message-hash';

const HEAD = 256;
const sha256OfMessage = async (blob: Blob, turn: LargeMessageTurn) => (await readMessage(blob, turn, HEAD)).sha256;

const sha256sum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('readMessage', () => {
  it('gives what sha256sum gives, for a small message, an empty one and one above the whole-message size', async () => {
    const turn = new LargeMessageTurn();
    for (const bytes of [randomBytes(300_000), new Uint8Array(0), randomBytes(WHOLE_MESSAGE_BYTES + 1)]) {
      expect(await sha256OfMessage(new Blob([bytes]), turn)).toBe(sha256sum(bytes));
    }
    // The large one gave its turn back.
    expect(turn.take()).not.toBeNull();
  });

  it('still gives the right digest for a large message while another large one holds the turn (streamed)', async () => {
    const turn = new LargeMessageTurn();
    const release = turn.take();
    expect(release).not.toBeNull();
    const bytes = randomBytes(WHOLE_MESSAGE_BYTES + 12_345);
    expect(await sha256OfMessage(new Blob([bytes]), turn)).toBe(sha256sum(bytes));
    release!();
  });
});

describe('LargeMessageTurn', () => {
  it('is had by one at a time, and free again once released (a second release changes nothing)', () => {
    const turn = new LargeMessageTurn();
    const first = turn.take()!;
    expect(turn.take()).toBeNull();
    first();
    const second = turn.take()!;
    first();
    expect(turn.take()).toBeNull();
    second();
    expect(turn.take()).not.toBeNull();
  });
});

describe('readMessage head', () => {
  it('gives the first bytes of a whole-read message, of a streamed one and of one shorter than asked', async () => {
    const turn = new LargeMessageTurn();
    const taken = turn.take()!;
    for (const bytes of [randomBytes(5_000), randomBytes(WHOLE_MESSAGE_BYTES + 1), randomBytes(100)]) {
      const { head } = await readMessage(new Blob([bytes]), turn, HEAD);
      expect(Buffer.from(head).equals(bytes.subarray(0, HEAD))).toBe(true);
    }
    taken();
  });
});
