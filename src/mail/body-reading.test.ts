/**
 * Bodies read in runs of lines (readLineQuickly, endOfRun, QuotedPrintableRuns) against plain postal-mime, which
 * reads them line by line: over seeded messages whose bodies hold every line shape that decides something (line
 * breaks of every kind, lines that look like boundaries, quoted-printable escapes and soft breaks, trailing blanks,
 * bodies that begin without the blank line after the headers, messages cut anywhere), the text, html and files must
 * be the same.
 */
import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../tests/support/seeded-random';
import { parseMessage, parseMessageWithParts } from './parse-message';

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

// Pieces of lines. Dashes: some lines are boundaries, some start like one (`--outerX` is none: a boundary line may
// only end in blanks), some only start with dashes.
const PIECES = [
  ...['', ' ', '\t', 'text', 'Zeile mit Umlaut \u00fc', '\u00c3\u00bc', 'a\rb', '\r'],
  ...['=', '==', '=3D', '=C3=BC', '=c3=bc', '=4', '=ZZ', '= ', '=\t', 'soft=', 'x=  ', '=0D=0A'],
  ...['-', '--', '-- ', '--x', '--outerX', '--inne', '--outer', '--inner', '--inner--', '--outer-- ', '---'],
  ...['--deepest', '--deepest\t', '--deep'],
];
const LINE_BREAKS = ['\r\n', '\r\n', '\r\n', '\n', '\r\r\n', '\r\n\r\n', '\r\n\r\n\r\n'];
const ENCODINGS = ['7bit', '8bit', 'binary', 'quoted-printable', 'Quoted-Printable', '', 'x-unknown', 'base64'];

type Random = () => number;
const below = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)]!;

function randomBody(random: Random): string {
  let body = '';
  const lines = below(random, 12);
  for (let i = 0; i < lines; i++) {
    const pieces = below(random, 4);
    for (let j = 0; j < pieces; j++) body += pick(random, PIECES);
    body += pick(random, LINE_BREAKS);
  }
  return body;
}

function randomPart(random: Random, depth: number): string {
  const type = pick(random, [
    'text/plain; charset=utf-8',
    'text/plain; charset=iso-8859-1',
    'text/html',
    'text/calendar; method=request',
    'application/octet-stream; name=a.bin',
    'text/plain; name=notes.txt',
    'multipart',
    'message/rfc822',
    'multipart',
  ]);
  if (type === 'multipart' && depth < 2) {
    const boundary = depth === 0 ? 'inner' : 'deepest';
    const parts = Array.from({ length: 1 + below(random, 3) }, () => randomPart(random, depth + 1));
    return [
      `Content-Type: multipart/${pick(random, ['mixed', 'alternative'])}; boundary=${boundary}`,
      '',
      randomBody(random) + parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--`,
      randomBody(random),
    ].join('\r\n');
  }
  if (type === 'message/rfc822') {
    return [
      'Content-Type: message/rfc822',
      '',
      'Subject: nested',
      `Content-Type: text/plain`,
      '',
      randomBody(random),
    ].join('\r\n');
  }
  const headers = [`Content-Type: ${type === 'multipart' ? 'text/plain' : type}`];
  headers.push(`Content-Transfer-Encoding: ${pick(random, ENCODINGS)}`);
  // Sometimes the body begins right after the headers, without the blank line: its first line ends them.
  const separator = below(random, 5) === 0 ? '' : '\r\n';
  const firstLine = pick(random, ['first line', 'first line ending in a soft break=', '=C3=BCber=', '']);
  return `${headers.join('\r\n')}\r\n${separator}${firstLine}\r\n${randomBody(random)}`;
}

function randomMessage(random: Random): Uint8Array {
  const parts = Array.from({ length: below(random, 4) }, () => randomPart(random, 0));
  let body = randomBody(random) + parts.map((p) => `--outer\r\n${p}\r\n`).join('') + '--outer--\r\n';
  body += randomBody(random);
  // Sometimes the message stops anywhere: inside a line, between CR and LF, without its closing boundary.
  if (below(random, 4) === 0) body = body.slice(0, below(random, body.length + 1));
  return latin1(['Subject: runs', 'Content-Type: multipart/mixed; boundary=outer', '', body].join('\r\n'));
}

interface Seen {
  text?: string | undefined;
  html?: string | undefined;
  files: { name: string | null; mimeType: string; content: number[] }[];
}

const seen = (email: Email): Seen => ({
  text: email.text,
  html: email.html,
  files: email.attachments.map((a) => ({
    name: a.filename,
    mimeType: a.mimeType,
    content: Array.from(new Uint8Array(a.content as ArrayBuffer)),
  })),
});

// Files whose content is the part's bytes in both: parseMessageWithParts also lists named text parts and keeps a
// calendar as sent (the differential test checks those differences); everything else must be byte for byte.
const bytesAsSent = (files: { mimeType: string; content: number[] }[]) =>
  files.filter((file) => !['text/plain', 'text/html', 'text/calendar'].includes(file.mimeType));

describe('bodies read in runs of lines give what postal-mime gives line by line', () => {
  it('text, html and files of seeded messages with lines of every shape', async () => {
    for (let seed = 1; seed <= 600; seed++) {
      const raw = randomMessage(seededRandom(seed));
      const expected = seen(await new PostalMime({ attachmentEncoding: 'arraybuffer' }).parse(raw));
      expect({ seed, ...seen(await parseMessage(raw)) }).toEqual({ seed, ...expected });

      const plain = await new PostalMime({ forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' }).parse(
        raw,
      );
      const { parts } = await parseMessageWithParts(raw);
      const ours = parts.map(({ attachment, content }) => ({
        mimeType: attachment.mimeType,
        content: Array.from(new Uint8Array(content)),
      }));
      expect({ seed, files: bytesAsSent(ours) }).toEqual({
        seed,
        files: bytesAsSent(seen(plain).files).map(({ mimeType, content }) => ({ mimeType, content })),
      });
    }
  });
});
