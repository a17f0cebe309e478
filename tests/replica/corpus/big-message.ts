/**
 * One message of the big generated mailbox (big-mailbox.ts), made from a small spec. Its exact byte length is
 * known from the spec alone: the header block and the MIME skeleton are short strings built on the spot, the text
 * body is written to an exact length, and a base64 attachment's length follows from its raw size. The bytes are
 * produced a piece at a time, so a 25 MB message never exists whole.
 */

// The server's own contract for generated messages, so the two cannot drift apart (types only).
import type {
  GeneratedAttachmentFacts,
  GeneratedMessageBody,
  GeneratedMessageFacts,
} from '../server/corpus-contract.ts';
import { mailDate } from './dates.ts';
import { encodeWords, rfc2231Params } from './header-encoding.ts';
import { formatAddress, type Person } from './people.ts';
import { createPrng, randomBytes, seedFrom } from './prng.ts';

export interface BigMessageSpec {
  /** Stable label: seeds everything about the message and names its MIME boundary. */
  label: string;
  owner: Person;
  correspondent: Person;
  /** Sent by the owner (From: owner) rather than received. */
  sent: boolean;
  /** The Date header's instant, whole seconds. */
  at: number;
  subject: string;
  /** How the subject goes on the wire. */
  subjectStyle: 'plain' | 'q' | 'b' | 'utf8';
  /** Null: the message has no Message-ID at all (some old or broken senders). */
  messageId: string | null;
  /** The message this answers: In-Reply-To and References. */
  inReplyTo: string | null;
  /** Exact byte length of the text body (at least 2: it ends with CRLF). */
  textBytes: number;
  /** Body lines beginning "From " and ">From ", which mbox writers must escape. */
  fromLines: boolean;
  attachment: { name: string; mimeType: string; bytes: number } | null;
}

const CRLF = '\r\n';
const encoder = new TextEncoder();

/** 57 raw bytes make one 76-character base64 line (78 bytes with its CRLF). */
const RAW_PER_LINE = 57;
const LINE_BYTES = 78;
/** An attachment is streamed in runs of up to this many lines. */
const LINES_PER_RUN = 1024;

/**
 * Attachment bytes are runs of lines taken from one fixed pool of random bytes, chosen by seed: serving them is a
 * slice of memory already encoded, not fresh random numbers and base64 for every gigabyte (which ran at about
 * 130 MB/s, slower than the client). Content repeats across messages; nothing here needs it not to.
 */
const POOL_LINES = 8192;
const POOL_RAW = randomBytes(seedFrom('big-mailbox:pool'), POOL_LINES * RAW_PER_LINE);
const POOL_BASE64 = base64WithLineEnds(POOL_RAW);

function base64WithLineEnds(raw: Uint8Array): Buffer {
  const encoded = Buffer.from(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64'));
  const out = Buffer.allocUnsafe(encoded.length + 2 * Math.ceil(encoded.length / 76));
  let o = 0;
  for (let start = 0; start < encoded.length; start += 76) {
    o += encoded.copy(out, o, start, Math.min(start + 76, encoded.length));
    out[o++] = 0x0d;
    out[o++] = 0x0a;
  }
  return out;
}

/** A stretch of an attachment: its raw bytes and the same as base64 lines. */
interface AttachmentPiece {
  raw: Uint8Array;
  base64: Uint8Array;
}

/** Bytes of a base64 body of `raw` bytes in 76-character lines, each ended by CRLF. */
export function base64BodyLength(raw: number): number {
  if (raw === 0) return 0;
  const characters = 4 * Math.ceil(raw / 3);
  return characters + 2 * Math.ceil(characters / 76);
}

/** Raw bytes whose base64 body comes closest to `encoded` bytes from below. */
export function rawBytesForEncoded(encoded: number): number {
  return Math.max(0, Math.floor((encoded * RAW_PER_LINE) / 78));
}

const MAGIC: Record<string, string> = {
  'application/pdf': '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n',
  'image/jpeg': '\xff\xd8\xff\xe0\x00\x10JFIF\x00',
  'application/zip': 'PK\x03\x04\x14\x00',
};

export class BigMessage implements GeneratedMessageBody {
  readonly size: number;
  private readonly head: Uint8Array;
  private readonly middle: Uint8Array;
  private readonly tail: Uint8Array;
  private readonly headerFields: { name: string; value: string }[];

  constructor(readonly spec: BigMessageSpec) {
    const boundary = `=_big_${seedFrom(spec.label).toString(36)}_${spec.label.length}`;
    this.headerFields = headerFields(spec);
    const headerBlock = this.headerFields.map(({ name, value }) => `${name}: ${value}${CRLF}`).join('');
    const attachment = spec.attachment;
    if (!attachment) {
      this.head = encoder.encode(
        `${headerBlock}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: 8bit${CRLF}${CRLF}`,
      );
      this.middle = new Uint8Array(0);
      this.tail = new Uint8Array(0);
    } else {
      this.head = encoder.encode(
        [
          `${headerBlock}Content-Type: multipart/mixed;${CRLF} boundary="${boundary}"`,
          '',
          'This is a multi-part message in MIME format.',
          `--${boundary}`,
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join(CRLF),
      );
      const ascii = /^[\x20-\x7e]*$/.test(attachment.name) && !/["\\]/.test(attachment.name);
      const nameParam = ascii ? [`name="${attachment.name}"`] : rfc2231Params('name', attachment.name);
      const fileParam = ascii ? [`filename="${attachment.name}"`] : rfc2231Params('filename', attachment.name);
      this.middle = encoder.encode(
        [
          `--${boundary}`,
          [`Content-Type: ${attachment.mimeType}`, ...nameParam].join(`;${CRLF} `),
          'Content-Transfer-Encoding: base64',
          ['Content-Disposition: attachment', ...fileParam].join(`;${CRLF} `),
          '',
          '',
        ].join(CRLF),
      );
      this.tail = encoder.encode(`--${boundary}--${CRLF}`);
    }
    this.size =
      this.head.byteLength +
      spec.textBytes +
      this.middle.byteLength +
      base64BodyLength(attachment?.bytes ?? 0) +
      this.tail.byteLength;
  }

  *chunks(): Iterable<Uint8Array> {
    yield this.head;
    yield encoder.encode(bodyText(this.spec));
    if (!this.spec.attachment) return;
    yield this.middle;
    yield* this.attachmentBase64();
    yield this.tail;
  }

  facts(): GeneratedMessageFacts {
    const { spec } = this;
    const owner = { email: spec.owner.email, name: spec.owner.name };
    const other = { email: spec.correspondent.email, name: spec.correspondent.name };
    const attachment = spec.attachment;
    const attachments: GeneratedAttachmentFacts[] = attachment
      ? [
          {
            partId: '2',
            name: attachment.name,
            mimeType: attachment.mimeType,
            encoding: 'base64',
            size: attachment.bytes,
            content: () => this.attachmentBytes(),
          },
        ]
      : [];
    return {
      msgId: spec.messageId,
      subject: spec.subject,
      date: new Date(spec.at).toISOString(),
      from: [spec.sent ? owner : other],
      to: [spec.sent ? other : owner],
      inReplyTo: spec.inReplyTo,
      references: spec.inReplyTo ? [spec.inReplyTo] : [],
      headers: this.headerFields.map(({ name, value }) => ({ name, value: value.replace(/\r\n[ \t]+/g, ' ') })),
      // A parser turns CRLF into LF; inside a multipart, the CRLF before the boundary belongs to the boundary.
      text: () => {
        const text = bodyText(spec).replace(/\r\n/g, '\n');
        return attachment ? text.slice(0, -1) : text;
      },
      textStart: () => bodyText(spec, TEXT_START).replace(/\r\n/g, '\n'),
      attachments,
    };
  }

  /**
   * The attachment as pieces: runs of whole pool lines (each run's start seeded by the message and the run's
   * number), then a last short line of its own. The first line carries the file type's magic bytes, so it is
   * encoded by itself.
   */
  private *attachmentPieces(): Iterable<AttachmentPiece> {
    const attachment = this.spec.attachment;
    if (!attachment) return;
    const fullLines = Math.floor(attachment.bytes / RAW_PER_LINE);
    const rest = attachment.bytes % RAW_PER_LINE;
    const magic = MAGIC[attachment.mimeType] ?? '';
    for (let first = 0, run = 0; first < fullLines; first += LINES_PER_RUN, run++) {
      const count = Math.min(LINES_PER_RUN, fullLines - first);
      const start = seedFrom(`${this.spec.label}:run:${run}`) % (POOL_LINES - LINES_PER_RUN);
      let skip = 0;
      if (first === 0 && magic) {
        yield withMagic(POOL_RAW.subarray(start * RAW_PER_LINE, (start + 1) * RAW_PER_LINE), magic);
        skip = 1;
      }
      yield {
        raw: POOL_RAW.subarray((start + skip) * RAW_PER_LINE, (start + count) * RAW_PER_LINE),
        base64: POOL_BASE64.subarray((start + skip) * LINE_BYTES, (start + count) * LINE_BYTES),
      };
    }
    if (rest > 0) {
      const start = seedFrom(`${this.spec.label}:last`) % POOL_LINES;
      const raw = POOL_RAW.subarray(start * RAW_PER_LINE, start * RAW_PER_LINE + rest);
      yield fullLines === 0 && magic ? withMagic(raw, magic) : { raw, base64: base64WithLineEnds(raw) };
    }
  }

  private *attachmentBase64(): Iterable<Uint8Array> {
    for (const piece of this.attachmentPieces()) yield piece.base64;
  }

  private attachmentBytes(): Uint8Array {
    const out = new Uint8Array(this.spec.attachment?.bytes ?? 0);
    let offset = 0;
    for (const piece of this.attachmentPieces()) {
      out.set(piece.raw, offset);
      offset += piece.raw.byteLength;
    }
    return out;
  }
}

function withMagic(line: Uint8Array, magic: string): AttachmentPiece {
  const raw = Uint8Array.from(line);
  for (let i = 0; i < Math.min(magic.length, raw.length); i++) raw[i] = magic.charCodeAt(i);
  return { raw, base64: base64WithLineEnds(raw) };
}

function headerFields(spec: BigMessageSpec): { name: string; value: string }[] {
  const from = spec.sent ? spec.owner : spec.correspondent;
  const to = spec.sent ? spec.correspondent : spec.owner;
  const date = mailDate(swissLocal(spec.at));
  const fields: { name: string; value: string }[] = [];
  const add = (name: string, value: string) => fields.push({ name, value });
  if (!spec.sent) {
    const domain = from.email.split('@')[1] ?? 'example.net';
    add('Return-Path', `<${from.email}>`);
    add(
      'Received',
      `from mail.${domain} (mail.${domain} [192.0.2.${(seedFrom(domain) % 200) + 20}])${CRLF}\tby mta-gw.infomaniak.ch (Postfix) with ESMTPS for <${to.email}>;${CRLF}\t${date}`,
    );
  }
  if (spec.messageId) add('Message-ID', spec.messageId);
  add('Date', date);
  add('From', formatAddress(from));
  add('To', formatAddress(to));
  add('Subject', subjectOnWire(spec.subject, spec.subjectStyle));
  if (spec.inReplyTo) {
    add('In-Reply-To', spec.inReplyTo);
    add('References', spec.inReplyTo);
  }
  add('MIME-Version', '1.0');
  return fields;
}

function subjectOnWire(subject: string, style: BigMessageSpec['subjectStyle']): string {
  if (style === 'q') return encodeWords(subject, 'utf-8', 'Q');
  if (style === 'b') return encodeWords(subject, 'utf-8', 'B');
  // 'utf8': raw UTF-8 in the header (RFC 6532), what many mailers send today.
  return subject;
}

/** Local Swiss time of an instant, as the corpus's date helper wants it (summer time from the last Sunday of March). */
function swissLocal(at: number): string {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const lastSunday = (month: number) => {
    const end = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, end.getUTCDate() - end.getUTCDay(), 1);
  };
  const summer = at >= lastSunday(2) && at < lastSunday(9);
  const offset = summer ? 2 : 1;
  const local = new Date(at + offset * 3_600_000).toISOString().slice(0, 19);
  return `${local}+0${offset}:00`;
}

const WORDS = [
  'Angebot',
  'Baustelle',
  'Termin',
  'Rechnung',
  'projet',
  'livraison',
  'réunion',
  'budget',
  'Lieferung',
  'Besprechung',
  'planning',
  'contrat',
  'Zürich',
  'Genève',
  'Offerte',
  'devis',
  'Pläne',
  'échéance',
  'Kosten',
  'Abnahme',
  'Protokoll',
  'suivi',
  'Entwurf',
  'the',
  'and',
  'für',
  'avec',
  'wir',
  'nous',
  'Grüsse',
];

/** Lines an mbox writer must escape ("From " at the start of a line) and lines already escaped once (">From "). */
const FROM_LINES = [
  'From the minutes of the last meeting:',
  '>From the earlier message, quoted by a client that escapes',
  'From time to time the plans change; see below.',
  '>>From a message quoted twice',
];

/** What textStart() makes of the body: a preview shows 150 characters. */
const TEXT_START = 600;

/**
 * The text body, exactly `textBytes` bytes of UTF-8 ending with CRLF, lines well under 998 bytes; with `stopAfter`,
 * only its lines up to that many bytes (the same lines: the rest is made by the same steps).
 */
function bodyText(spec: BigMessageSpec, stopAfter = Infinity): string {
  const next = createPrng(seedFrom(`${spec.label}:text`));
  const greetingName = (spec.sent ? spec.correspondent : spec.owner).name || 'zusammen';
  const lines = [`Grüezi ${greetingName}`, ''];
  let size = lines.reduce((sum, line) => sum + byteLength(line) + 2, 0);
  const target = spec.textBytes;
  for (let n = 0; ; n++) {
    let line: string;
    if (spec.fromLines && n % 40 === 7) line = FROM_LINES[((n / 40) % FROM_LINES.length) | 0]!;
    else if (n % 9 === 8) line = '';
    else {
      const words: string[] = [];
      const count = 6 + (next() % 7);
      for (let i = 0; i < count; i++) words.push(WORDS[next() % WORDS.length]!);
      line = words.join(' ');
    }
    const cost = byteLength(line) + 2;
    if (size + cost > target - 2) break;
    lines.push(line);
    size += cost;
    if (size >= stopAfter) return `${lines.join(CRLF)}${CRLF}`;
  }
  // The last line pads to the exact length with ASCII, so no character is ever cut in half.
  const pad = target - size - 2;
  if (pad < 0) throw new Error(`big mailbox: a text body of ${target} bytes is too short for its greeting`);
  lines.push('-'.repeat(Math.max(0, pad)));
  return `${lines.join(CRLF)}${CRLF}`;
}

function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes +=
      code < 0x80
        ? 1
        : code < 0x800
          ? 2
          : code >= 0xd800 && code < 0xdc00
            ? 4
            : code >= 0xdc00 && code < 0xe000
              ? 0
              : 3;
  }
  return bytes;
}
