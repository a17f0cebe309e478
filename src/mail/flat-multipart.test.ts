/**
 * readFlatMultipart against two independent readers, postal-mime alone and mailparser, and against the
 * postal-mime route it stands in for (parseMessageWithParts): over seeded multipart/mixed messages of plain parts in
 * every form it reads (line ends, folding, spacing, quoting, header order and case, names in either header or
 * none, encodings, bodies with lines that look like delimiters, empty bodies, small and large files) the same files
 * with the same names, types and bytes; and over the forms it leaves to postal-mime, nothing. Plus the reason it
 * exists: a message of 4,000 files of one name listed in a small multiple of the time of one file of the same size.
 */
import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { adversarialPairs } from '../../tests/replica/corpus/adversarial';
import { seededRandom } from '../../tests/support/seeded-random';
import { listAttachments } from './attachments';
import { readFlatMultipart } from './flat-multipart';
import { parseMessageWithParts } from './parse-message';

interface File {
  name: string;
  mimeType: string;
  content: number[];
}

type Random = () => number;

const pick = <T>(random: Random, choices: readonly T[]): T => choices[Math.floor(random() * choices.length)]!;

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

function base64Lines(data: Uint8Array, width: number, eol: string): string {
  const text = Buffer.from(data).toString('base64');
  if (width <= 0) return text + eol;
  let out = '';
  for (let i = 0; i < text.length; i += width) out += text.slice(i, i + width) + eol;
  return out;
}

const NAMES = ['a.pdf', 'Rechnung 2026.pdf', 'scan_01.PNG', 'notes.txt', 'x', 'report.final.v2.docx', 'a=b?.bin'];
const FILE_TYPES = ['application/pdf', 'image/png', 'application/octet-stream', 'text/csv', 'text/plain'];
const BOUNDARIES = ['b', '=_part_1_xyz', 'XyZ-123.abc', 'with space', "----=_NextPart_000_0001'+"];

function headerName(random: Random, name: string): string {
  return pick(random, [name, name.toLowerCase(), name.toUpperCase()]);
}

function parameter(random: Random, name: string, value: string, eol: string): string {
  const token = /^[!#$%&'+.^_`|~0-9A-Za-z-]+$/.test(value);
  const quoted = !token || random() < 0.6 ? `"${value}"` : value;
  return `${pick(random, [';', '; ', `;${eol} `, `;${eol}\t`, ' ; '])}${name}=${quoted}`;
}

/** One multipart/mixed message of plain parts, in a form picked by `random`; its files, as a reader should list them. */
function flatMessage(random: Random): Uint8Array {
  const eol = pick(random, ['\r\n', '\n']);
  const boundary = pick(random, BOUNDARIES);
  const lines = [
    'Received: from mail.example (mail.example [192.0.2.1])',
    '\tby mx.example; Thu, 5 Nov 2026 09:00:01 +0100',
    'From: Anna <anna@example.org>',
    'Subject: Grüße und Dateien',
    'MIME-Version: 1.0',
    `${headerName(random, 'Content-Type')}: ${pick(random, ['multipart/mixed', 'Multipart/Mixed'])}${parameter(random, 'boundary', boundary, eol)}${random() < 0.3 ? parameter(random, 'charset', 'utf-8', eol) : ''}`,
  ];
  let body = random() < 0.5 ? `This is a multi-part message in MIME format.${eol}` : '';
  const count = 1 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    body += `--${boundary}${random() < 0.2 ? ' \t' : ''}${eol}`;
    const headers: string[] = [];
    let content: Uint8Array;
    if (random() < 0.25) {
      // Body text, which nobody lists.
      if (random() < 0.7) headers.push(`Content-Type: text/plain${parameter(random, 'charset', 'utf-8', eol)}`);
      if (random() < 0.3) headers.push('Content-Disposition: inline');
      content = new TextEncoder().encode(`Hello,${eol}--${boundary}x is no delimiter${eol}see attached.`);
    } else {
      const type = pick(random, FILE_TYPES);
      const name = pick(random, NAMES);
      const where = pick(random, ['filename', 'name', 'both', 'none']);
      const disposition =
        type === 'text/plain' ? 'attachment' : pick(random, ['attachment', 'inline', 'ATTACHMENT', '']);
      // Where both are given, they differ: the file is named by Content-Disposition's.
      const typeName = where === 'both' ? `type-${name}` : name;
      headers.push(
        `Content-Type: ${type}${where === 'name' || where === 'both' ? parameter(random, 'name', typeName, eol) : ''}`,
      );
      if (disposition || where === 'filename' || where === 'both') {
        const named = where === 'filename' || where === 'both' ? parameter(random, 'filename', name, eol) : '';
        headers.push(`Content-Disposition: ${disposition || 'attachment'}${named}`);
      }
      if (random() < 0.3) headers.push(`Content-ID: <part${i}@example.org>`);
      content = randomBytes(random, random() < 0.1 ? 5000 : Math.floor(random() * 300));
      // A CR that ends a file sent as it is, right before the line break: postal-mime (and so we) read it as part of
      // the line break, mailparser as the file's. A difference between the two oracles, not one of ours.
      if (content.at(-1) === 0x0d) content[content.length - 1] = 0x2e;
    }
    const encoding = pick(random, ['base64', 'base64', '7bit', '8bit', 'binary', '']);
    // An empty file sent as it is: postal-mime (and so we) give no bytes, mailparser the delimiter's line break.
    if (encoding !== 'base64' && content.length === 0) content = Uint8Array.of(0x41);
    if (encoding) headers.push(`Content-Transfer-Encoding: ${pick(random, [encoding, encoding.toUpperCase()])}`);
    for (const header of headers.sort(() => random() - 0.5)) {
      const colon = header.indexOf(':');
      body += `${headerName(random, header.slice(0, colon))}${header.slice(colon)}${eol}`;
    }
    body += eol;
    const bodyText =
      encoding === 'base64'
        ? base64Lines(content, pick(random, [76, 64, 0]), eol)
        : // The line break before a delimiter is the delimiter's; a second one ends the file's own last line.
          Buffer.from(content).toString('latin1') + (random() < 0.3 ? eol : '') + eol;
    body += bodyText;
  }
  body += `--${boundary}--${eol}${random() < 0.3 ? `epilogue${eol}` : ''}`;
  const text = `${lines.join(eol)}${eol}${eol}${body}`;
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

function utf8Message(text: string): Uint8Array {
  return new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
}

async function flatFiles(raw: Uint8Array): Promise<File[] | undefined> {
  return readFlatMultipart(raw)?.map(({ attachment, content }) => ({
    name: attachment.filename ?? '',
    mimeType: attachment.mimeType,
    content: [...new Uint8Array(content as ArrayBuffer)],
  }));
}

async function postalMimeFiles(raw: Uint8Array): Promise<File[]> {
  const email = await PostalMime.parse(raw.slice(), {
    forceRfc822Attachments: true,
    attachmentEncoding: 'arraybuffer',
  });
  return email.attachments.map((attachment) => ({
    name: attachment.filename ?? '',
    mimeType: attachment.mimeType.toLowerCase(),
    content: [...new Uint8Array(attachment.content as ArrayBuffer)],
  }));
}

async function mailparserFiles(raw: Uint8Array): Promise<Omit<File, 'mimeType'>[]> {
  // mailparser refuses more than 1,000 parts by default; postal-mime takes 10,000.
  const options = { skipTextToHtml: true, skipHtmlToText: true, maxChildNodes: 10_000 };
  const parsed = await simpleParser(Buffer.from(raw), options as Parameters<typeof simpleParser>[1]);
  return parsed.attachments.map((attachment) => ({
    name: attachment.filename ?? '',
    content: [...attachment.content],
  }));
}

describe('readFlatMultipart', () => {
  it('lists what postal-mime, mailparser and the postal-mime route list, over 300 seeded messages', async () => {
    const random = seededRandom(13);
    let read = 0;
    for (let n = 0; n < 300; n++) {
      const raw = flatMessage(random);
      const flat = await flatFiles(raw);
      if (!flat) continue;
      read++;
      const context = `message ${n}:\n${new TextDecoder('latin1').decode(raw).slice(0, 1500)}`;
      expect(flat, context).toEqual(await postalMimeFiles(raw));
      expect(
        flat.map(({ name, content }) => ({ name, content })),
        context,
      ).toEqual(await mailparserFiles(raw));
      const route = (await parseMessageWithParts(raw)).parts;
      expect(
        readFlatMultipart(raw)!.map(({ attachment }) => [attachment.disposition, attachment.contentId ?? null]),
        context,
      ).toEqual(route.map(({ attachment }) => [attachment.disposition, attachment.contentId ?? null]));
    }
    // Each form above is one it reads: a test that skipped most messages would prove little.
    expect(read).toBe(300);
  }, 120_000);

  it('4,000 files of one name: the same files as postal-mime and mailparser list', async () => {
    const { hostile } = adversarialPairs().find((pair) => pair.row === 'same_name_4000')!;
    const flat = await flatFiles(hostile.raw);
    expect(flat).toHaveLength(4000);
    expect(flat).toEqual(await postalMimeFiles(hostile.raw));
    expect(flat!.map(({ name, content }) => ({ name, content }))).toEqual(await mailparserFiles(hostile.raw));
  }, 60_000);

  const file = (headers: string, body = 'JVBERi0xLjcK') =>
    `--b\n${headers}\nContent-Transfer-Encoding: base64\n\n${body}\n`;
  const envelope = (parts: string, type = 'multipart/mixed; boundary="b"') =>
    `From: a@example.org\nSubject: x\nContent-Type: ${type}\n\n${parts}--b--\n`;

  it.each([
    ['an encoded-word name', file('Content-Type: application/pdf; name="=?utf-8?q?R=C3=A9sum=C3=A9.pdf?="')],
    ['an RFC 2231 name', file("Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf")],
    ['a comment', file('Content-Type: application/pdf (scan); name="a.pdf"')],
    ['a backslash in a quoted name', file('Content-Type: application/pdf; name="a\\"b.pdf"')],
    ['a repeated Content-Type', file('Content-Type: application/pdf\nContent-Type: image/png')],
    ['a repeated parameter', file('Content-Type: application/pdf; name="a.pdf"; name="b.pdf"')],
    ['a UTF-8 name', file('Content-Type: application/pdf; name="Grüße.pdf"')],
    ['an html body', '--b\nContent-Type: text/html\n\n<img src="cid:x">\n' + file('Content-ID: <x>')],
    ['a nested multipart', '--b\nContent-Type: multipart/alternative; boundary="c"\n\n--c\n\nx\n--c--\n'],
    ['a nested message', '--b\nContent-Type: message/rfc822\n\nSubject: inner\n\nhi\n'],
    ['a quoted-printable file', '--b\nContent-Type: text/csv\nContent-Transfer-Encoding: quoted-printable\n\na=3Db\n'],
    ['a calendar', '--b\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n'],
    ['a part that ends in its headers', '--b\nContent-Type: application/pdf\n' + file('')],
    ['a name followed by a space before its colon', file('Content-Type : application/pdf')],
  ])('leaves %s to postal-mime', async (_, parts) => {
    const raw = utf8Message(envelope(parts));
    expect(readFlatMultipart(raw)).toBeUndefined();
  });

  it.each([
    ['no closing delimiter', utf8Message(envelope(file('Content-Type: application/pdf')).replace('--b--\n', ''))],
    [
      'another multipart',
      utf8Message(envelope(file('Content-Type: application/pdf'), 'multipart/related; boundary=b')),
    ],
    ['a single part', utf8Message('Subject: x\nContent-Type: application/pdf\n\nJVBERi0xLjcK\n')],
    ['more parts than postal-mime takes', utf8Message(envelope(file('Content-Type: application/pdf').repeat(10_000)))],
    [
      // Read in one pass it would be one long task of the page; the parser yields to the page as it reads.
      'more than 4 MB, which the parser reads a slice at a time',
      utf8Message(envelope(file('Content-Type: application/pdf', 'QUJD'.repeat(19).concat('\n').repeat(70_000)))),
    ],
  ])('leaves a message with %s to postal-mime', (_, raw) => {
    expect(readFlatMultipart(raw)).toBeUndefined();
  });

  it('lists 4,000 files of one name in a small multiple of the time of one file of the same size', async () => {
    const { hostile, ordinary } = adversarialPairs().find((pair) => pair.row === 'same_name_4000')!;
    const timed = async (raw: Uint8Array) => {
      const started = performance.now();
      await listAttachments(raw);
      return performance.now() - started;
    };
    // Rounds taken in turns, each one's ratio, and their median: other tests run beside this one, and the load
    // they make changes from round to round more than within one.
    const ratios: number[] = [];
    for (let round = 0; round < 11; round++) {
      const oneFile = await timed(ordinary.raw);
      ratios.push((await timed(hostile.raw)) / oneFile);
    }
    ratios.sort((a, b) => a - b);
    // Medians measured on two busy cores: 7 to 11 (about 20 ms against 2); through postal-mime's node per part, 24.
    expect(ratios[5]).toBeLessThan(16);
  }, 60_000);
});
