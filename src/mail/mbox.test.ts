import { describe, expect, it } from 'vitest';
import { asctime, createMboxStream, fromLine, type MboxMessage } from './mbox';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const total = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    total.set(p, offset);
    offset += p.length;
  }
  return { text: new TextDecoder().decode(total), chunks: parts.length };
}

async function* fromArray(messages: MboxMessage[]): AsyncGenerator<MboxMessage> {
  for (const message of messages) yield message;
}

const date = new Date('2026-11-04T15:02:11Z');

describe('fromLine', () => {
  it('uses the envelope sender and asctime in UTC', () => {
    expect(fromLine({ raw: bytes('Subject: x\r\n\r\n'), envelopeFrom: 'anna@example.org', date })).toBe(
      'From anna@example.org Wed Nov  4 15:02:11 2026',
    );
  });

  it('takes the sender from Return-Path, then From, then MAILER-DAEMON', () => {
    const withReturnPath = bytes('Return-Path: <bounce@lists.example>\r\nFrom: Anna <anna@example.org>\r\n\r\n');
    expect(fromLine({ raw: withReturnPath, date })).toMatch(/^From bounce@lists\.example /);
    expect(fromLine({ raw: bytes('From: "Meier, Anna" <anna@example.org>\r\n\r\n'), date })).toMatch(
      /^From anna@example\.org /,
    );
    expect(fromLine({ raw: bytes('From: anna@example.org (Anna)\r\n\r\n'), date })).toMatch(/^From anna@example\.org /);
    expect(fromLine({ raw: bytes('Return-Path: <>\r\nSubject: bounce\r\n\r\n'), date })).toMatch(
      /^From MAILER-DAEMON /,
    );
    expect(fromLine({ raw: bytes('Subject: none\r\n\r\n'), date })).toMatch(/^From MAILER-DAEMON /);
  });

  it('never lets a space into the sender', () => {
    expect(fromLine({ raw: bytes('Subject: x\r\n\r\n'), envelopeFrom: 'evil sender@example.org', date })).toMatch(
      /^From MAILER-DAEMON /,
    );
  });

  it('takes the date from the Date header when none is given', () => {
    expect(fromLine({ raw: bytes('From: a@example.org\r\nDate: Thu, 05 Mar 2026 09:14:30 +0100\r\n\r\n') })).toBe(
      'From a@example.org Thu Mar  5 08:14:30 2026',
    );
  });
});

describe('asctime', () => {
  it('pads the day with a space and everything else with zeros', () => {
    expect(asctime(new Date('2026-01-09T03:04:05Z'))).toBe('Fri Jan  9 03:04:05 2026');
    expect(asctime(new Date('2026-12-31T23:59:59Z'))).toBe('Thu Dec 31 23:59:59 2026');
  });
});

describe('createMboxStream', () => {
  it('writes messages with From_ lines, LF line ends and a blank line after each', async () => {
    const { text } = await readAll(
      createMboxStream(
        fromArray([
          { raw: bytes('From: a@example.org\r\nSubject: one\r\n\r\nBody one\r\n'), date },
          { raw: bytes('From: b@example.org\r\nSubject: two\r\n\r\nBody two'), date },
        ]),
      ),
    );
    expect(text).toBe(
      'From a@example.org Wed Nov  4 15:02:11 2026\nFrom: a@example.org\nSubject: one\n\nBody one\n\n' +
        'From b@example.org Wed Nov  4 15:02:11 2026\nFrom: b@example.org\nSubject: two\n\nBody two\n\n',
    );
  });

  it('quotes From lines the mboxrd way, already quoted ones included', async () => {
    const body =
      'From here on\r\n>From quoted\r\n>>From twice\r\nFromage\r\n From indented\r\n>Fro partial\r\nfrom lower\r\nFrom';
    const { text } = await readAll(
      createMboxStream(
        fromArray([{ raw: bytes(`Subject: q\r\n\r\n${body}\r\n`), envelopeFrom: 'x@example.org', date }]),
      ),
    );
    expect(text.split('\n').slice(3, 11)).toEqual([
      '>From here on',
      '>>From quoted',
      '>>>From twice',
      'Fromage',
      ' From indented',
      '>Fro partial',
      'from lower',
      'From',
    ]);
  });

  it('can be unquoted back to the original by removing one > (mboxrd round trip)', async () => {
    const lines = ['From a', '>From b', '>>>From c', 'plain', '>not from'];
    const { text } = await readAll(
      createMboxStream(fromArray([{ raw: bytes(`Subject: r\n\n${lines.join('\n')}\n`), date }])),
    );
    const body = text.split('\n').slice(3, 3 + lines.length);
    expect(body.map((line) => line.replace(/^>(>*From )/, '$1'))).toEqual(lines);
  });

  it('replaces a From_ line the message already had', async () => {
    const raw = bytes('From old@example.org Mon Jan  1 00:00:00 2001\r\nFrom: new@example.org\r\n\r\nbody\r\n');
    const { text } = await readAll(createMboxStream(fromArray([{ raw, date }])));
    expect(text).toBe('From new@example.org Wed Nov  4 15:02:11 2026\nFrom: new@example.org\n\nbody\n\n');
  });

  it('keeps bare CRs that are not line ends and 8-bit bytes as they are', async () => {
    const raw = new Uint8Array([...bytes('Subject: x\r\n\r\na\rb '), 0xe4, 0xfc, ...bytes('\r\n')]);
    const reader = createMboxStream(fromArray([{ raw, date }])).getReader();
    const chunks: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(...r.value);
    const body = chunks.slice(chunks.indexOf(0x0a) + 1);
    expect(body).toEqual([...bytes('Subject: x\n\na\rb '), 0xe4, 0xfc, 0x0a, 0x0a]);
  });

  it('streams: a large message arrives in many chunks and messages are pulled one at a time', async () => {
    const line = `${'x'.repeat(99)}\r\n`;
    const big = bytes(`Subject: big\r\n\r\n${line.repeat(20_000)}`);
    let pulled = 0;
    async function* source(): AsyncGenerator<MboxMessage> {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield { raw: big, date };
      }
    }
    const reader = createMboxStream(source()).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(pulled).toBe(1);
    let chunks = 1;
    let largest = first.value!.length;
    let total = first.value!.length;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks++;
      largest = Math.max(largest, r.value.length);
      total += r.value.length;
    }
    expect(pulled).toBe(3);
    expect(chunks).toBeGreaterThan(30);
    expect(largest).toBeLessThanOrEqual(70 * 1024);
    // CRLF became LF: one byte less per line, plus From_ line and separator per message.
    expect(total).toBe(3 * (big.length - 20_002 + 'From MAILER-DAEMON Wed Nov  4 15:02:11 2026\n'.length + 1));
  });

  it('copies lines longer than a chunk without loss', async () => {
    const long = 'y'.repeat(200_000);
    const { text } = await readAll(
      createMboxStream(fromArray([{ raw: bytes(`Subject: l\r\n\r\n${long}\r\nFrom end\r\n`), date }])),
    );
    expect(text.endsWith(`\n\n${long}\n>From end\n\n`)).toBe(true);
  });

  it('stops pulling messages when the reader cancels', async () => {
    let pulled = 0;
    let finished = false;
    async function* source(): AsyncGenerator<MboxMessage> {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield { raw: bytes('Subject: s\r\n\r\nb\r\n'), date };
        }
      } finally {
        finished = true;
      }
    }
    const reader = createMboxStream(source()).getReader();
    await reader.read();
    await reader.cancel();
    expect(pulled).toBeLessThan(5);
    expect(finished).toBe(true);
  });

  it('writes nothing for no messages', async () => {
    expect((await readAll(createMboxStream(fromArray([])))).text).toBe('');
  });
});
