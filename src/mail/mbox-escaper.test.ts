import { describe, expect, it } from 'vitest';
import { MboxrdBodyEscaper, createMboxStream, fromLine } from './mbox';
import { seededRandom } from '../../tests/support/seeded-random';

/** What the whole-message writer puts after the From_ line: the reference the streaming escaper must match. */
async function wholeMessageBody(raw: Uint8Array): Promise<Uint8Array> {
  const all = new Uint8Array(await new Response(createMboxStream([{ raw }])).arrayBuffer());
  const head = new TextEncoder().encode(`${fromLine({ raw })}\n`);
  return all.subarray(head.length);
}

function streamed(raw: Uint8Array, cuts: number[]): Uint8Array {
  const escaper = new MboxrdBodyEscaper();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, raw.length]) {
    parts.push(escaper.push(raw.subarray(at, cut)));
    at = cut;
  }
  parts.push(escaper.finish());
  return Buffer.concat(parts);
}

const PIECES = ['From ', '>From ', '>>From x', 'From', 'Fro', '>', '\r\n', '\n', '\r', 'text', ' ', 'F', 'rom '];

describe('MboxrdBodyEscaper', () => {
  it('writes what the whole-message writer writes, however the message is cut into chunks', async () => {
    const random = seededRandom(15);
    for (let round = 0; round < 400; round++) {
      let text = '';
      const count = Math.floor(random() * 40);
      for (let n = 0; n < count; n++) text += PIECES[Math.floor(random() * PIECES.length)];
      const raw = new TextEncoder().encode(text);
      const cuts = [
        ...new Set(Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * raw.length))),
      ]
        .filter((cut) => cut > 0)
        .sort((a, b) => a - b);
      const expected = await wholeMessageBody(raw);
      expect(Buffer.from(streamed(raw, cuts)).toString('latin1'), JSON.stringify({ text, cuts })).toBe(
        Buffer.from(expected).toString('latin1'),
      );
      // One byte at a time, the hardest cut.
      const everyByte = Array.from({ length: Math.max(0, raw.length - 1) }, (_, i) => i + 1);
      expect(Buffer.from(streamed(raw, everyByte)).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('quotes a From line in the body and drops the envelope line of a message that has one', () => {
    const raw = new TextEncoder().encode('From old@x Mon\r\nSubject: a\r\n\r\nFrom here\r\n>From there\r\nend');
    expect(new TextDecoder().decode(streamed(raw, [3, 20]))).toBe('Subject: a\n\n>From here\n>>From there\nend\n\n');
  });

  it('counts the quote marks at a line start instead of holding them, and writes them all once the line is decided', () => {
    const escaper = new MboxrdBodyEscaper();
    const quotes = new Uint8Array(1_000_000).fill(0x3e);
    let total = escaper.push(new TextEncoder().encode('A: b\n\n')).length;
    total += escaper.push(quotes).length;
    total += escaper.push(new TextEncoder().encode('From x\n')).length + escaper.finish().length;
    expect(total).toBe(6 + 1 + 1_000_000 + 7 + 1);
  });
});
