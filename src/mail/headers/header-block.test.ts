import { describe, expect, it } from 'vitest';
import { MailError } from '../errors';
import { parseHeaderFields, splitHeaderBlock, unfoldHeaderBlock } from '../header-block';
import { analyseHeaders } from './analyse';

const encoder = new TextEncoder();

describe('splitHeaderBlock', () => {
  it('finds the blank line with CRLF, LF and mixed line ends', () => {
    for (const [raw, header, body] of [
      ['A: 1\r\nB: 2\r\n\r\nbody', 'A: 1\r\nB: 2\r\n', 'body'],
      ['A: 1\nB: 2\n\nbody', 'A: 1\nB: 2\n', 'body'],
      ['A: 1\r\nB: 2\n\r\nbody', 'A: 1\r\nB: 2\n', 'body'],
      ['A: 1\nB: 2\r\n\nbody', 'A: 1\nB: 2\r\n', 'body'],
    ] as const) {
      const fromString = splitHeaderBlock(raw);
      expect(fromString.header).toBe(header);
      expect(raw.slice(fromString.bodyOffset)).toBe(body);
      const bytes = encoder.encode(raw);
      const fromBytes = splitHeaderBlock(bytes);
      expect(fromBytes.header).toBe(header);
      expect(new TextDecoder().decode(bytes.subarray(fromBytes.bodyOffset))).toBe(body);
    }
  });

  it('treats input without a blank line as headers only, and a leading blank line as no headers', () => {
    expect(splitHeaderBlock('Subject: only headers\r\n')).toEqual({
      header: 'Subject: only headers\r\n',
      bodyOffset: 23,
    });
    expect(splitHeaderBlock('\r\nbody only')).toEqual({ header: '', bodyOffset: 2 });
    expect(splitHeaderBlock(encoder.encode('\nbody'))).toEqual({ header: '', bodyOffset: 1 });
  });

  it('reads valid UTF-8 as UTF-8 and other 8-bit lines byte for byte as Latin-1', () => {
    const utf8 = encoder.encode('Subject: Grüezi\r\n');
    const latin1Line = Uint8Array.from([...'X-Old: caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x0d, 0x0a]));
    const raw = new Uint8Array([...utf8, ...latin1Line, 0x0d, 0x0a, 0x41]);
    const { header } = splitHeaderBlock(raw);
    expect(header).toBe('Subject: Grüezi\r\nX-Old: café\r\n');
  });

  it('drops a byte order mark left by a text editor', () => {
    expect(splitHeaderBlock(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('A: 1\n\nb')])).header).toBe('A: 1\n');
    expect(splitHeaderBlock('\ufeffA: 1\n\nb').header).toBe('A: 1\n');
  });

  it('refuses a "header block" beyond the size limit with MailError too_large', () => {
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x41);
    expect(() => splitHeaderBlock(huge)).toThrow(MailError);
    try {
      splitHeaderBlock(huge);
    } catch (error) {
      expect((error as MailError).code).toBe('too_large');
    }
  });
});

describe('parseHeaderFields', () => {
  it('keeps folded values raw and offers them unfolded', () => {
    const fields = parseHeaderFields('Subject: a long\r\n\tfolded subject\r\nTo: x@example.org\r\n');
    expect(fields).toEqual([
      { name: 'Subject', value: ' a long\r\n\tfolded subject\r\n', unfolded: 'a long folded subject', index: 0 },
      { name: 'To', value: ' x@example.org\r\n', unfolded: 'x@example.org', index: 1 },
    ]);
  });

  it('skips an mbox From_ line and junk, accepts the obsolete space before the colon', () => {
    const fields = parseHeaderFields(
      'From sender@example.org Mon Jan  1 10:00:00 2024\nSubject : hi\nnot a header\n X-Cont: orphan?\nTo: a@example.org\n',
    );
    expect(fields.map((field) => [field.name, field.unfolded])).toEqual([
      ['Subject', 'hi'],
      ['To', 'a@example.org'],
    ]);
  });

  it('unfolds the whole block with one field per line', () => {
    expect(unfoldHeaderBlock('A: one\r\n two\r\n\tthree\r\nB: x\r\n')).toBe('A: one two three\nB: x\n');
  });
});

describe('analysis cost depends on the header block only', () => {
  const headers = [
    'Received: from mail.example.org (mail.example.org [192.0.2.1]) by mx.example.net with ESMTPS id 1; Tue, 2 Jan 2024 10:00:00 +0100',
    'From: Alice <alice@example.org>',
    'To: bob@example.net',
    'Subject: Report',
    'Date: Tue, 2 Jan 2024 09:59:00 +0100',
    'Message-ID: <cost@example.org>',
  ].join('\r\n');

  function messageWithBody(size: number): Uint8Array {
    const head = encoder.encode(`${headers}\r\n\r\n`);
    const raw = new Uint8Array(head.length + size);
    raw.set(head);
    raw.fill(0x61, head.length); // one endless line: scanning it would cost the most
    return raw;
  }

  it('never looks past the blank line', () => {
    const raw = messageWithBody(25 * 1024 * 1024);
    const headerLength = encoder.encode(`${headers}\r\n\r\n`).length;
    // Watch the two ways bytes get read in bulk (searching and decoding), in absolute positions of
    // the message buffer: views made with subarray share it, so their byteOffset tells where they are.
    let furthest = 0;
    const note = (view: Uint8Array, end: number) => {
      if (view.buffer === raw.buffer) furthest = Math.max(furthest, view.byteOffset + end);
    };
    const realIndexOf = Uint8Array.prototype.indexOf;
    const realDecode = TextDecoder.prototype.decode;
    Uint8Array.prototype.indexOf = function (this: Uint8Array, value: number, from?: number) {
      const found = realIndexOf.call(this, value, from);
      note(this, found === -1 ? this.length : found + 1);
      return found;
    };
    TextDecoder.prototype.decode = function (
      this: TextDecoder,
      input?: AllowSharedBufferSource,
      options?: TextDecodeOptions,
    ) {
      if (ArrayBuffer.isView(input))
        note(new Uint8Array(input.buffer, input.byteOffset, input.byteLength), input.byteLength);
      return realDecode.call(this, input, options);
    };
    try {
      expect(analyseHeaders(raw).summary.subject).toBe('Report');
    } finally {
      Uint8Array.prototype.indexOf = realIndexOf;
      TextDecoder.prototype.decode = realDecode;
    }
    expect(furthest).toBeGreaterThan(0);
    expect(furthest).toBeLessThanOrEqual(headerLength);
  });

  it('gives the same report whatever the body contains', () => {
    const zeros = messageWithBody(1024 * 1024);
    const noise = zeros.slice();
    for (let i = noise.length - 1024 * 1024; i < noise.length; i++) noise[i] = (i * 7919) % 256;
    expect(analyseHeaders(noise)).toEqual(analyseHeaders(zeros));
  });

  it('takes about as long for 25 MB as for 5 KB with the same headers', () => {
    const small = messageWithBody(5 * 1024);
    const large = messageWithBody(25 * 1024 * 1024);
    const median = (raw: Uint8Array) => {
      const times: number[] = [];
      for (let round = 0; round < 15; round++) {
        const start = performance.now();
        analyseHeaders(raw);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[7] as number;
    };
    median(small);
    median(large); // warm-up
    const ratio = median(large) / Math.max(median(small), 0.05);
    // Scanning 25 MB would be thousands of times slower; the margin only absorbs timer noise.
    expect(ratio).toBeLessThan(5);
  });
});
