import { runInNewContext } from 'node:vm';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { MailError } from './errors';
import { ParserInternalsChanged, installPartHooks, parseMessage, parseMessageWithParts } from './parse-message';
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
  it('keeps each part as sent: postal-mime re-encodes a calendar invitation, the part content does not', async () => {
    const invitation = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n\r\n';
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [
        textBody(),
        filePart('application/pdf; name=a.pdf', 'attachment', '%PDF'),
        part(['Content-Type: text/csv; name=b.csv', 'Content-Transfer-Encoding: 7bit'], 'x;y\r\n1;2'),
        filePart('text/calendar; method=REQUEST; charset=utf-8', undefined, invitation),
      ]),
    );
    const { parts } = await parseMessageWithParts(raw);
    const text = (content: ArrayBuffer | Uint8Array | string): string =>
      typeof content === 'string' ? content : new TextDecoder().decode(content);
    expect(parts.map((p) => text(p.content))).toEqual(['%PDF', 'x;y\r\n1;2', invitation]);
    // postal-mime alone gives the invitation LF-only, with exactly one line break at the end; not here, either.
    expect(text(parts[2]!.attachment.content)).toBe(invitation);
    const plain = await new PostalMime({ attachmentEncoding: 'arraybuffer' }).parse(raw);
    expect(text(plain.attachments[2]!.content)).toBe('BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n');
  });

  it('decodes the html of the body, which tells the inline images, and not its plain text, which nobody reads', async () => {
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [
        textBody('plain text\r\n'),
        part(['Content-Type: text/html; charset=utf-8'], '<p>html <img src="cid:logo"></p>\r\n'),
      ]),
    );
    const { message: parsed } = await parseMessageWithParts(raw);
    expect(parsed.html).toContain('<p>html <img src="cid:logo"></p>');
    expect(`${parsed.text} ${parsed.html}`).not.toContain('plain text');
    expect((await parseMessage(raw)).text).toContain('plain text');
  });

  it('leaves message/rfc822 parts as attachments instead of merging them into the body', async () => {
    const inner = message(['Subject: inner'], part(['Content-Type: text/html'], '<p>inner text</p>\r\n'));
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [
        part(['Content-Type: text/html'], '<p>outer</p>\r\n'),
        part(['Content-Type: message/rfc822'], new TextDecoder().decode(inner)),
      ]),
    );
    const { message: parsed, parts } = await parseMessageWithParts(raw);
    expect(parts.map((p) => p.attachment.mimeType)).toEqual(['message/rfc822']);
    expect(parsed.html).toContain('outer');
    expect(parsed.html).not.toContain('inner text');
    // What postal-mime does by default, and the attachment list must not.
    expect((await parseMessage(raw)).html).toContain('inner text');
  });

  it('reads boundaries whose bytes come from another realm, as TextEncoder gives them in a Firefox content script', async () => {
    const parser = new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
    const boundaries = (parser as unknown as { boundaries: { value: Uint8Array }[] }).boundaries;
    boundaries.push = (...added) =>
      Array.prototype.push.apply(
        boundaries,
        added.map((boundary) => ({ ...boundary, value: runInNewContext('Uint8Array').from(boundary.value) })),
      );
    const contents = installPartHooks(parser);
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [textBody(), filePart('application/pdf; name=a.pdf', 'attachment', '%PDF-1.7')]),
    );
    const { attachments } = await parser.parse(raw);
    expect(attachments.map((a) => new TextDecoder().decode(contents.get(a)))).toEqual(['%PDF-1.7']);
  });

  describe('fails loudly, never quietly, when the postal-mime internals it hooks change', () => {
    // Each case changes one internal on a single parser instance, the way an update of postal-mime could.
    type Internals = Record<string, unknown>;
    const raw = message(
      standardHeaders(),
      multipart('mixed', 'b1', [textBody(), filePart('application/pdf; name=a.pdf', 'attachment', '%PDF-1.7')]),
    );
    const parser = (): PostalMime & Internals =>
      new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' }) as PostalMime & Internals;

    it('hooks an untouched parser and parses with it', async () => {
      const hooked = parser();
      const contents = installPartHooks(hooked);
      const { attachments } = await hooked.parse(raw);
      expect(attachments.map((a) => new TextDecoder().decode(contents.get(a)))).toEqual(['%PDF-1.7']);
    });

    it.each(['readLine', 'processLine', 'isInlineTextNode', 'collectAttachment'])('%s missing', (name) => {
      const changed = parser();
      changed[name] = undefined;
      expect(() => installPartHooks(changed)).toThrow(ParserInternalsChanged);
    });

    it('processLine with the parameters of another version (4.0.0: line, isFinal)', () => {
      const changed = parser();
      changed.processLine = (_line: Uint8Array, _isFinal: boolean) => Promise.resolve();
      expect(() => installPartHooks(changed)).toThrow(/processLine takes 2 parameters/);
    });

    it('the bytes readLine reads no longer a Uint8Array over the message buffer', async () => {
      const changed = parser();
      let stored: Uint8Array | undefined;
      Object.defineProperty(changed, 'av', {
        set: (value: Uint8Array) => void (stored = value),
        get: () => stored && Array.from(stored),
      });
      installPartHooks(changed);
      await expect(changed.parse(raw)).rejects.toThrow(ParserInternalsChanged);
    });

    it('the base64 decoder with another shape (its output renamed)', async () => {
      const changed = parser();
      const root = changed.root as Internals & { setupContentDecoder(encoding: string): void };
      const setup = root.setupContentDecoder;
      root.setupContentDecoder = function (this: Internals, encoding: string) {
        setup.call(this, encoding);
        const decoder = this.contentDecoder as Internals;
        decoder.written = decoder.output;
        delete decoder.output;
      };
      installPartHooks(changed);
      const single = message(standardHeaders(), filePart('application/pdf; name=a.pdf', 'attachment', '%PDF'));
      await expect(changed.parse(single)).rejects.toThrow(/base64 decoder/);
    });

    // Changes the decoder postal-mime sets up for the top-level body, the way another version could have it.
    function withRootDecoder(changed: PostalMime & Internals, change: (decoder: Internals) => void): void {
      const root = changed.root as Internals & { setupContentDecoder(encoding: string): void };
      const setup = root.setupContentDecoder;
      root.setupContentDecoder = function (this: Internals, encoding: string) {
        setup.call(this, encoding);
        change(this.contentDecoder as Internals);
      };
    }

    it('the decoder of a 7bit body with another shape (no run of the message)', async () => {
      const changed = parser();
      withRootDecoder(changed, (decoder) => delete decoder.runStart);
      installPartHooks(changed);
      await expect(changed.parse(message(standardHeaders(), textBody()))).rejects.toThrow(/decoder of a 7bit body/);
    });

    it('the quoted-printable decoder with another shape (its pending line break renamed)', async () => {
      const changed = parser();
      withRootDecoder(changed, (decoder) => {
        decoder.pendingBreak = decoder.pendingLineBreak;
        delete decoder.pendingLineBreak;
      });
      installPartHooks(changed);
      const single = message(standardHeaders(), part(['Content-Transfer-Encoding: quoted-printable'], 'gr=C3=BC=\r\n'));
      await expect(changed.parse(single)).rejects.toThrow(/quoted-printable decoder/);
    });

    it('the open boundaries missing, or kept in another shape', async () => {
      const missing = parser();
      delete missing.boundaries;
      expect(() => installPartHooks(missing)).toThrow(/boundaries is missing/);
      const renamed = parser();
      const boundaries = renamed.boundaries as Internals[];
      boundaries.push = (...added: Internals[]) =>
        Array.prototype.push.apply(
          boundaries,
          added.map(({ value, ...rest }) => ({ ...rest, delimiter: value })),
        );
      installPartHooks(renamed);
      await expect(renamed.parse(raw)).rejects.toThrow(/open boundary/);
    });

    it('a node that no longer decodes its text with getTextContent', async () => {
      const changed = parser();
      (changed.root as Internals).getTextContent = undefined;
      installPartHooks(changed);
      const error = await changed.parse(message(standardHeaders(), textBody())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ParserInternalsChanged);
      expect((error as Error).message).toContain('getTextContent');
    });

    it('collectAttachment no longer adding the attachment it is given', async () => {
      const changed = parser();
      changed.collectAttachment = function (_node: unknown, _content: unknown, _related: unknown, _depth: unknown) {};
      installPartHooks(changed);
      await expect(changed.parse(raw)).rejects.toThrow(/did not add one attachment/);
    });

    it('a node whose parsed Content-Disposition parameters moved elsewhere', async () => {
      const changed = parser();
      const root = changed.root as Internals & { setupContentDecoder(encoding: string): void };
      const setup = root.setupContentDecoder;
      root.setupContentDecoder = function (this: Internals & { contentDisposition: { parsed: Internals } }, encoding) {
        setup.call(this, encoding);
        const parsed = this.contentDisposition.parsed;
        parsed.parameters = parsed.params;
        delete parsed.params;
      };
      installPartHooks(changed);
      await expect(changed.parse(message(standardHeaders(), textBody()))).rejects.toThrow(ParserInternalsChanged);
    });
  });

  describe('decodes base64 bodies exactly as postal-mime does', () => {
    // Small deterministic generator, so that a failure can be reproduced from its seed.
    function randomSource(seed: number): (below: number) => number {
      let state = seed >>> 0 || 1;
      return (below) => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) % below;
      };
    }

    const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
    // Lines that start with dashes test where a run of base64 lines is cut: before anything that may be a boundary.
    const JUNK = [
      ...['=', '==', ' ', '\t', '*', '-', '\r', '\u00c3', '\u00ff', '\r\n\r\n', '===YQ'],
      ...['\r\n--', '\r\n-', '\n--outerX', '\r\n--inne', '\r\n--outer\t'],
    ];

    // Base64 of random bytes, broken into random lines, with padding, junk and odd line breaks thrown in.
    function messyBase64(random: (below: number) => number): string {
      const data = Uint8Array.from({ length: random(300) }, () => random(256));
      let encoded = '';
      for (const byte of data) encoded += String.fromCharCode(byte);
      encoded = btoa(encoded);
      if (random(3) === 0) encoded = encoded.replace(/=+$/, '');
      let out = '';
      let at = 0;
      while (at < encoded.length) {
        const take = 1 + random(90);
        out += encoded.slice(at, at + take);
        at += take;
        if (random(4) === 0) out += JUNK[random(JUNK.length)]!;
        out += random(5) === 0 ? '\n' : '\r\n';
      }
      return out;
    }

    function randomMessage(random: (below: number) => number): Uint8Array {
      const b64 = (headers: string[]): string =>
        part([...headers, 'Content-Transfer-Encoding: base64'], messyBase64(random));
      const parts = [
        b64(['Content-Type: text/plain; charset=utf-8']),
        b64(['Content-Type: application/octet-stream; name=a.bin', 'Content-Disposition: attachment']),
        b64(['Content-Type: text/calendar; method=request']),
        b64(['Content-Type: image/png', 'Content-ID: <logo>']),
        // a multipart that claims base64 itself: its preamble and epilogue are body lines split by its children
        [
          'Content-Type: multipart/mixed; boundary=inner',
          'Content-Transfer-Encoding: base64',
          '',
          messyBase64(random) + '--inner',
          b64(['Content-Type: application/pdf; name=b.pdf']),
          '--inner--',
          messyBase64(random),
        ].join('\r\n'),
      ];
      const chosen = parts.filter(() => random(3) !== 0);
      const body = multipart('mixed', 'outer', chosen);
      // sometimes the message just stops, without the closing boundary or a final line break
      const cut = random(4) === 0 ? body.length - random(Math.min(body.length, 40)) : body.length;
      return latin1(
        ['Subject: base64', 'Content-Type: multipart/mixed; boundary=outer', '', body.slice(0, cut)].join('\r\n'),
      );
    }

    async function plainPostalMime(raw: Uint8Array) {
      return new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' }).parse(raw);
    }

    const contents = (attachments: { content: ArrayBuffer | Uint8Array | string }[]): number[][] =>
      attachments.map((a) => Array.from(typeof a.content === 'string' ? bytes(a.content) : new Uint8Array(a.content)));
    // parseMessageWithParts keeps a calendar as sent where postal-mime re-encodes it; parseMessage decodes it alike.
    const notCalendars = <T extends { attachment: { mimeType: string } }>(parts: T[]) =>
      parts.filter((p) => p.attachment.mimeType !== 'text/calendar');

    it('on malformed and oddly wrapped bodies', async () => {
      for (let seed = 1; seed <= 300; seed++) {
        const raw = randomMessage(randomSource(seed));
        const expected = await new PostalMime({ attachmentEncoding: 'arraybuffer' }).parse(raw);
        const actual = await parseMessage(raw);
        expect({ seed, text: actual.text, html: actual.html, contents: contents(actual.attachments) }).toEqual({
          seed,
          text: expected.text,
          html: expected.html,
          contents: contents(expected.attachments),
        });
        const { parts } = await parseMessageWithParts(raw);
        const expectedParts = (await plainPostalMime(raw)).attachments.map((attachment) => ({ attachment }));
        expect({ seed, contents: contents(notCalendars(parts).map((p) => ({ content: p.content }))) }).toEqual({
          seed,
          contents: contents(notCalendars(expectedParts).map((p) => p.attachment)),
        });
      }
    });

    it('when the message is a view into a larger buffer', async () => {
      const raw = randomMessage(randomSource(7));
      const padded = new Uint8Array(raw.length + 64).fill(0x41);
      padded.set(raw, 32);
      const view = padded.subarray(32, 32 + raw.length);
      const { parts } = await parseMessageWithParts(view);
      const expected = (await plainPostalMime(raw)).attachments.map((attachment) => ({ attachment }));
      expect(contents(notCalendars(parts).map((p) => ({ content: p.content })))).toEqual(
        contents(notCalendars(expected).map((p) => p.attachment)),
      );
    });
  });
});
