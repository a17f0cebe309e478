import { describe, expect, it } from 'vitest';
import { MailError } from './errors';
import { parseMessage, parseMessageWithParts, partHooksAvailable } from './parse-message';
import { bytes, filePart, message, multipart, part, standardHeaders, textBody } from './testing/mime';

async function errorOf(promise: Promise<unknown>): Promise<MailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

describe('parseMessage', () => {
  it('parses a message from bytes or an ArrayBuffer', async () => {
    const raw = message(standardHeaders('=?utf-8?Q?Gr=C3=BC=C3=9Fe?='), textBody('Hallo\r\n'));
    for (const input of [raw, raw.slice().buffer]) {
      const parsed = await parseMessage(input);
      expect(parsed.subject).toBe('Grüße');
      expect(parsed.from).toEqual({ name: 'Anna Meier', address: 'anna@example.org' });
      expect(parsed.text).toBe('Hallo\n');
    }
  });

  it('reads a view into a larger buffer without its neighbours', async () => {
    const raw = message(standardHeaders('inside'), textBody('x'));
    const padded = new Uint8Array(raw.length + 20);
    padded.set(bytes('Subject: outside\r\n\r\n'), 0);
    padded.set(raw, 20);
    expect((await parseMessage(padded.subarray(20))).subject).toBe('inside');
  });

  it('reports empty and blank input as empty_input', async () => {
    expect((await errorOf(parseMessage(new Uint8Array(0)))).code).toBe('empty_input');
    expect((await errorOf(parseMessage(new ArrayBuffer(0)))).code).toBe('empty_input');
    expect((await errorOf(parseMessage(bytes(' \r\n\t\n')))).code).toBe('empty_input');
  });

  it('reports bytes without any header field as malformed_message', async () => {
    expect((await errorOf(parseMessage(bytes('just some text\nwithout headers\n')))).code).toBe('malformed_message');
    expect((await errorOf(parseMessage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).code).toBe(
      'malformed_message',
    );
  });

  it('turns postal-mime failures on its safety limits into malformed_message', async () => {
    // Deeper MIME nesting than postal-mime accepts.
    let body = textBody();
    for (let depth = 0; depth < 300; depth++) body = multipart('mixed', `b${depth}`, [body]);
    const error = await errorOf(parseMessage(message(standardHeaders(), body)));
    expect(error.code).toBe('malformed_message');
    expect(error.cause).toBeInstanceOf(Error);
    // Headers beyond postal-mime's size limit.
    const huge = message([...standardHeaders(), `X-Filler: ${'x'.repeat(3 * 1024 * 1024)}`], textBody());
    expect((await errorOf(parseMessage(huge))).code).toBe('malformed_message');
  });

  it('accepts a message that starts with an mbox From_ line', async () => {
    const raw = bytes(`From anna@example.org Wed Nov  4 16:02:11 2026\r\nSubject: mbox\r\n\r\nbody\r\n`);
    expect((await parseMessage(raw)).subject).toBe('mbox');
  });
});

describe('parseMessageWithParts', () => {
  it('still has the postal-mime internals it refines (fails after an incompatible postal-mime update)', () => {
    expect(partHooksAvailable()).toBe(true);
  });

  it('records transfer encoding and body position of each attachment part', async () => {
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [
        textBody(),
        filePart('application/pdf; name=a.pdf', 'attachment', '%PDF'),
        part(['Content-Type: text/csv; name=b.csv', 'Content-Transfer-Encoding: 7bit'], 'x;y\r\n1;2'),
      ]),
    );
    const { parts } = await parseMessageWithParts(raw);
    expect(parts.map((p) => p.transferEncoding)).toEqual(['base64', '7bit']);
    const csv = parts[1]!.body!;
    expect(new TextDecoder().decode(raw.subarray(csv.start, csv.end))).toBe('x;y\r\n1;2');
    const pdf = parts[0]!.body!;
    expect(new TextDecoder().decode(raw.subarray(pdf.start, pdf.end))).toBe('JVBERg==');
  });

  it('leaves message/rfc822 parts as attachments instead of merging them into the body', async () => {
    const inner = message(['Subject: inner'], textBody('inner text\r\n'));
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [
        textBody('outer\r\n'),
        part(['Content-Type: message/rfc822'], new TextDecoder().decode(inner)),
      ]),
    );
    const { message: parsed, parts } = await parseMessageWithParts(raw);
    expect(parts.map((p) => p.attachment.mimeType)).toEqual(['message/rfc822']);
    expect(parsed.text).not.toContain('inner text');
  });
});
