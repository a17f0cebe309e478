import { type ParsedMail, simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleCorpus } from './assemble.ts';
import { buildCorpus, buildDeliveryMessage, CORPUS_MAILBOXES, type CorpusMessage, folderPaths } from './index.ts';
import { LONG_NAME } from './messages/hostile-names.ts';
import type { ExpectedContainer } from './types.ts';

const MiB = 1024 * 1024;

function parse(raw: Uint8Array): Promise<ParsedMail> {
  return simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.length));
}

/** Every CR is followed by LF and every LF preceded by CR. */
function usesCrlfOnly(raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x0d && raw[i + 1] !== 0x0a) return false;
    if (raw[i] === 0x0a && raw[i - 1] !== 0x0d) return false;
  }
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** Names and sizes of a parsed message's attachments; mailparser leaves out an empty name, the corpus says ''. */
function namesAndSizes(parsed: ParsedMail): { name: string; size: number }[] {
  return parsed.attachments.map((file) => ({ name: file.filename ?? '', size: file.size }));
}

/**
 * A small TNEF reader, independent of the writer: walks the attribute records, checks every checksum and collects
 * attachment titles and data sizes (a new attachment starts at each attAttachRendData).
 */
function readTnef(data: Uint8Array): { name: string; size: number }[] {
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  expect(view.getUint32(0, true)).toBe(0x223e9f78);
  const files: { name: string; size: number }[] = [];
  let offset = 6;
  while (offset < data.length) {
    const level = view.getUint8(offset);
    const id = view.getUint32(offset + 1, true);
    const length = view.getUint32(offset + 5, true);
    const body = data.subarray(offset + 9, offset + 9 + length);
    const checksum = view.getUint16(offset + 9 + length, true);
    expect(checksum).toBe(body.reduce((sum, byte) => (sum + byte) & 0xffff, 0));
    expect([1, 2]).toContain(level);
    if (id === 0x00069002) files.push({ name: '', size: 0 });
    if (id === 0x00018010) files[files.length - 1]!.name = new TextDecoder('latin1').decode(body.subarray(0, -1));
    if (id === 0x0006800f) files[files.length - 1]!.size = body.length;
    offset += 9 + length + 2;
  }
  expect(offset).toBe(data.length);
  return files;
}

/** Opens forwarded messages named in `containers` and checks what is inside, recursing into nested forwards. */
async function checkMessageContainers(parsed: ParsedMail, containers: ExpectedContainer[]): Promise<number> {
  let checked = 0;
  for (const file of parsed.attachments) {
    const container = containers.find((candidate) => candidate.container === file.filename);
    if (!container || file.contentType !== 'message/rfc822') continue;
    const inner = await parse(file.content);
    expect(inner.subject).toBe(container.subject);
    expect(namesAndSizes(inner)).toEqual(container.files.map(({ name, size }) => ({ name, size })));
    checked += 1 + (await checkMessageContainers(inner, containers));
  }
  return checked;
}

function byId(corpus: CorpusMessage[], id: string): CorpusMessage {
  const message = corpus.find((candidate) => candidate.id === id);
  if (!message) throw new Error(`no corpus message ${id}`);
  return message;
}

describe('replica corpus', () => {
  let corpus: CorpusMessage[];

  beforeAll(() => {
    corpus = buildCorpus();
  });

  it('has enough messages with unique ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(35);
    expect(new Set(corpus.map((message) => message.id)).size).toBe(corpus.length);
  });

  it('files every message in a folder that exists', () => {
    for (const message of corpus) {
      const mailbox = CORPUS_MAILBOXES.find((candidate) => candidate.email === message.mailbox);
      expect(mailbox, message.id).toBeDefined();
      expect(folderPaths(mailbox!), message.id).toContain(message.folder);
    }
  });

  it('has one primary mailbox and the standard folders in each', () => {
    expect(CORPUS_MAILBOXES.filter((mailbox) => mailbox.isPrimary)).toHaveLength(1);
    for (const mailbox of CORPUS_MAILBOXES) {
      expect(folderPaths(mailbox)).toEqual(
        expect.arrayContaining(['INBOX', 'Sent', 'Drafts', 'Spam', 'Trash', 'Archive']),
      );
    }
  });

  it('mixes seen, unseen and flagged messages across all mailboxes', () => {
    expect(corpus.some((message) => message.seen)).toBe(true);
    expect(corpus.some((message) => !message.seen)).toBe(true);
    expect(corpus.some((message) => message.flagged)).toBe(true);
    for (const mailbox of CORPUS_MAILBOXES)
      expect(corpus.some((message) => message.mailbox === mailbox.email)).toBe(true);
  });

  it('uses CRLF line ends only', () => {
    for (const message of corpus) expect(usesCrlfOnly(message.raw), message.id).toBe(true);
  });

  it('gives internal dates in the autumn of 2026', () => {
    for (const message of corpus) {
      expect(message.internalDate, message.id).toMatch(/^2026-(09|10|11)-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('is memoised and deterministic', () => {
    expect(buildCorpus()).toBe(corpus);
    const started = performance.now();
    const fresh = assembleCorpus();
    // The whole build should stay around a second or two; the margin absorbs slow CI machines.
    expect(performance.now() - started).toBeLessThan(6_000);
    expect(fresh.map((message) => message.id)).toEqual(corpus.map((message) => message.id));
    fresh.forEach((message, index) => expect(sameBytes(message.raw, corpus[index]!.raw), message.id).toBe(true));
  });

  it('keeps the large attachments at their exact sizes', async () => {
    const single = byId(corpus, 'large-single-25mb');
    expect(single.expect.attachments?.map((file) => file.size)).toEqual([25 * MiB]);
    const ten = byId(corpus, 'ten-attachments-2-5mb');
    expect(ten.expect.attachments?.map((file) => file.size)).toEqual(Array(10).fill(2.5 * MiB));
    expect(new Set(ten.expect.attachments?.map((file) => file.mimeType))).toEqual(
      new Set([
        'application/pdf',
        'image/jpeg',
        'text/plain',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ]),
    );
  });

  it('has a 300-byte UTF-8 attachment name', () => {
    expect(new TextEncoder().encode(LONG_NAME).length).toBe(300);
    const names = byId(corpus, 'hostile-names-control-bidi-long').expect.attachments?.map((file) => file.name);
    expect(names).toContain(LONG_NAME);
  });

  it('writes a structurally valid winmail.dat with the files it promises', async () => {
    const message = byId(corpus, 'winmail-dat-tnef');
    const parsed = await parse(message.raw);
    const winmail = parsed.attachments.find((file) => file.filename === 'winmail.dat');
    expect(winmail?.contentType).toBe('application/ms-tnef');
    const expected = message.expect.containers?.find((container) => container.container === 'winmail.dat');
    expect(readTnef(winmail!.content)).toEqual(expected?.files.map(({ name, size }) => ({ name, size })));
  });

  it('puts what it promises inside forwarded messages', async () => {
    const withContainers = corpus.filter(
      (message) => message.id !== 'winmail-dat-tnef' && (message.expect.containers?.length ?? 0) > 0,
    );
    expect(withContainers.length).toBeGreaterThanOrEqual(3);
    for (const message of withContainers) {
      const checked = await checkMessageContainers(await parse(message.raw), message.expect.containers!);
      expect(checked, message.id).toBe(message.expect.containers!.length);
    }
  });

  describe('as mailparser sees it', () => {
    const wellFormed = buildCorpus().filter((message) => !message.expect.malformed);

    it.each(wellFormed.map((message) => [message.id, message] as const))('%s', async (_id, message) => {
      const parsed = await parse(message.raw);
      if (message.expect.subject !== undefined) expect(parsed.subject).toBe(message.expect.subject);
      if (message.expect.attachments !== undefined) {
        expect(namesAndSizes(parsed)).toEqual(message.expect.attachments.map(({ name, size }) => ({ name, size })));
        parsed.attachments.forEach((file, index) => {
          const expected = message.expect.attachments![index]!;
          // mailparser replaces application/octet-stream by a guess from the file name.
          if (expected.mimeType !== 'application/octet-stream')
            expect(file.contentType, file.filename).toBe(expected.mimeType);
          expect(file.contentDisposition === 'inline', file.filename).toBe(expected.inline === true);
        });
      }
    });
  });

  it('parses malformed messages without throwing, keeping their subjects', async () => {
    const malformed = corpus.filter((candidate) => candidate.expect.malformed);
    expect(malformed.length).toBeGreaterThanOrEqual(6);
    for (const message of malformed) {
      const parsed = await parse(message.raw);
      if (message.expect.subject !== undefined) expect(parsed.subject, message.id).toBe(message.expect.subject);
    }
  });
});

describe('buildDeliveryMessage', () => {
  it('gives every message its own Message-ID', async () => {
    const first = await parse(buildDeliveryMessage({ subject: 'Eins' }));
    const second = await parse(buildDeliveryMessage({ subject: 'Eins' }));
    expect(first.messageId).toBeTruthy();
    expect(first.messageId).not.toBe(second.messageId);
    expect(first.subject).toBe('Eins');
  });

  it('uses the given sender, recipient, date and attachments', async () => {
    const content = new TextEncoder().encode('Menge;Preis\r\n3;12.50\r\n');
    const raw = buildDeliveryMessage({
      from: { name: 'Petra Müller', email: 'p.mueller@treuhand-mueller.example' },
      to: 'lea.rossi@studio-rossi.example',
      subject: 'Übersicht',
      text: 'Siehe Anhang.',
      date: new Date('2026-11-20T10:00:00Z'),
      attachments: [{ name: 'Übersicht.csv', mimeType: 'text/csv', content }],
    });
    expect(usesCrlfOnly(raw)).toBe(true);
    const parsed = await parse(raw);
    expect(parsed.subject).toBe('Übersicht');
    expect(parsed.from?.value).toEqual([{ name: 'Petra Müller', address: 'p.mueller@treuhand-mueller.example' }]);
    expect(parsed.date?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(parsed.text?.trim()).toBe('Siehe Anhang.');
    expect(namesAndSizes(parsed)).toEqual([{ name: 'Übersicht.csv', size: content.length }]);
  });
});
