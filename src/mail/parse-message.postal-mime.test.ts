/**
 * listAttachments against plain postal-mime, the parser it refines: over the whole replica corpus and a seeded set
 * of damaged messages, the files we list must be the files postal-mime finds (same order, names, types, bytes),
 * except for the deliberate differences below, each of which is recognised, checked for being exactly that
 * difference, and counted. parseMessageWithParts reaches into postal-mime internals for speed and for the
 * differences; if an upgrade changes those internals so that a file is lost or its bytes change, this turns red.
 *
 * The oracle is postal-mime with public options only: `forceRfc822Attachments`, because listing nested messages
 * as files (not inlining them into the body) is what an attachment list is, and arraybuffer content.
 */
import PostalMime, { type Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttachments } from './attachments';
import { CRLF, base64, bytes, filePart, message, multipart, part, standardHeaders, textBody } from './testing/mime';
import { buildCorpus } from '../../tests/replica/corpus/index';
import { seededRandom } from '../../tests/support/seeded-random';

interface File {
  name: string;
  mimeType: string;
  content: Uint8Array;
}

type Difference = 'named text file' | 'nested message named .eml' | 'calendar kept as sent';

async function oracle(raw: Uint8Array): Promise<{ email: Email; files: File[] }> {
  // A copy, so that nothing postal-mime does to its input can reach what listAttachments reads.
  const email = await PostalMime.parse(raw.slice(), {
    forceRfc822Attachments: true,
    attachmentEncoding: 'arraybuffer',
  });
  const files = email.attachments.map((attachment) => ({
    name: attachment.filename ?? '',
    mimeType: attachment.mimeType.toLowerCase(),
    content: new Uint8Array(attachment.content as ArrayBuffer),
  }));
  return { email, files };
}

async function ours(raw: Uint8Array): Promise<File[]> {
  const found = await listAttachments(raw, { inlineImages: true, expandTnef: false, nestedMessages: 'eml' });
  return found.map((attachment) => ({
    name: attachment.fileName,
    mimeType: attachment.mimeType,
    content: attachment.content,
  }));
}

const text = (content: Uint8Array): string => new TextDecoder().decode(content);
const lf = (value: string): string => value.replace(/\r\n/g, '\n');

/**
 * Walks both lists in order. A file of ours that postal-mime also has must be identical; any other file of ours
 * must be one of the deliberate differences; every file of postal-mime's must be ours too. Returns the
 * differences met, so that the caller can see each tolerance is used (and not a dead excuse).
 */
function compare(mine: File[], theirs: File[], email: Email): Difference[] {
  const met: Difference[] = [];
  let next = 0;
  for (const file of mine) {
    const other = theirs[next];
    if (other && other.mimeType === file.mimeType && isNestedMessage(file)) {
      // The nested message is saved as .eml, named by the sender's name or else by its subject (see asEml).
      expect(file.content, `bytes of nested message ${other.name}`).toEqual(other.content);
      if (other.name === '') expect(file.name === '' || file.name.endsWith('.eml'), file.name).toBe(true);
      else expect(file.name).toBe(/\.eml$/i.test(other.name) ? other.name : `${other.name}.eml`);
      if (file.name !== other.name) met.push('nested message named .eml');
      next++;
    } else if (other && other.mimeType === file.mimeType && isCalendar(file)) {
      // postal-mime re-encodes an invitation as UTF-8 with LF line ends and exactly one at the end; we keep the
      // bytes as sent (a CRLF-exact .ics). Same text otherwise.
      expect(file.name).toBe(other.name);
      expect(text(other.content)).toBe(`${lf(text(file.content)).replace(/\n+$/, '')}\n`);
      if (!bytesEqual(file.content, other.content)) met.push('calendar kept as sent');
      next++;
    } else if (other && other.mimeType === file.mimeType && other.name === file.name) {
      expect(file.content.length, `size of ${file.name}`).toBe(other.content.length);
      expect(bytesEqual(file.content, other.content), `bytes of ${file.name}`).toBe(true);
      next++;
    } else {
      // A text part that names a file (Apple Mail's attached .txt) is a file to us, body text to postal-mime.
      expect(['text/plain', 'text/html'], `unexpected extra file ${file.name} (${file.mimeType})`).toContain(
        file.mimeType,
      );
      expect(file.name, 'an extra text part must name a file').not.toBe('');
      const body = lf(text(file.content)).trim();
      const shown = lf(`${email.text ?? ''}\n${email.html ?? ''}`);
      expect(shown.includes(body), `${file.name} is body text to postal-mime`).toBe(true);
      met.push('named text file');
    }
  }
  expect(
    theirs.slice(next).map((file) => `${file.name} (${file.mimeType}, ${file.content.length} bytes)`),
    'files postal-mime finds that we lost',
  ).toEqual([]);
  return met;
}

function isNestedMessage(file: File): boolean {
  return file.mimeType === 'message/rfc822' || file.mimeType === 'message/global';
}

function isCalendar(file: File): boolean {
  return file.mimeType === 'text/calendar' || file.mimeType === 'application/ics';
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function pseudoRandomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** Messages written to be damaged the ways real mail is: the shapes the speed hooks must survive. */
function damagedMessages(): [string, Uint8Array][] {
  const random = seededRandom(0x0d_a4_a6_ed);
  const photo = pseudoRandomBytes(random, 6000);
  const scan = pseudoRandomBytes(random, 9000);
  const notes = 'Zeile 1\r\nZeile 2 mit Umlaut: =C3=BC\r\nEnde';
  const parts = [
    textBody(),
    filePart('image/jpeg; name="photo.jpg"', 'attachment; filename="photo.jpg"', photo),
    part(['Content-Type: text/csv; name="list.csv"', 'Content-Transfer-Encoding: 7bit'], 'a;b\r\nc;d\r\n'),
    part(
      ['Content-Type: application/octet-stream; name="notes.bin"', 'Content-Transfer-Encoding: quoted-printable'],
      notes,
    ),
    filePart('application/pdf; name="scan.pdf"', 'attachment; filename="scan.pdf"', scan),
  ];
  const whole = message(standardHeaders('Damaged'), multipart('mixed', 'b0undary', parts));
  const source = text(whole);
  const withoutClose = source.replace(`--b0undary--${CRLF}`, '');
  const cutInLast = source.slice(0, source.lastIndexOf('--b0undary--') - 500);
  return [
    ['intact', whole],
    ['no closing boundary', bytes(withoutClose)],
    ['no closing boundary, no final line break', bytes(withoutClose.replace(/\r\n$/, ''))],
    ['cut inside the last part', bytes(cutInLast)],
    ['cut inside the last part, mid-line', bytes(cutInLast.slice(0, -37))],
    ['LF line ends', bytes(source.replace(/\r\n/g, '\n'))],
    ['LF line ends, cut inside the last part', bytes(cutInLast.replace(/\r\n/g, '\n'))],
    ['blank lines before each boundary', bytes(source.replace(/\r\n--b0undary/g, '\r\n\r\n\r\n--b0undary'))],
    ['base64 padded on every line', bytes(source.replace(base64(photo), paddedLines(photo)))],
    [
      'base64 with stray characters',
      bytes(source.replace(base64(scan), base64(scan).replace(/\r\n/g, '\r\n!*\u00e9 '))),
    ],
    [
      'only a base64 attachment, no boundary at all',
      message(standardHeaders('Bare'), filePart('application/pdf; name="bare.pdf"', 'attachment', scan)),
    ],
  ];
}

// Each 3-byte-unaligned chunk padded on its own line, as some mailers write it.
function paddedLines(data: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += 56) lines.push(base64(data.subarray(i, i + 56)));
  return lines.join(CRLF);
}

/** Corpus messages with files, cut and bent at seeded places: truncation, LF line ends, a dropped last line. */
function fuzzedCorpus(count: number): [string, Uint8Array][] {
  const random = seededRandom(0x5eed_f11e);
  const sources = buildCorpus().filter((m) => m.raw.length < 400_000 && (m.expect.attachments?.length ?? 0) > 0);
  const cases: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[Math.floor(random() * sources.length)]!;
    const raw = source.raw;
    const bodyStart = endOfHeaders(raw);
    const at = bodyStart + Math.floor(random() * (raw.length - bodyStart));
    const kind = Math.floor(random() * 3);
    const mutated =
      kind === 0
        ? raw.slice(0, at)
        : kind === 1
          ? bytes(text(raw.slice(0, at)).replace(/\r\n/g, '\n'))
          : raw.filter((_, index) => index < at || index > at + 80);
    cases.push([`#${i} ${['cut', 'cut, LF line ends', '80 bytes dropped'][kind]} at ${at} of ${source.id}`, mutated]);
  }
  return cases;
}

/** Where the top-level header block ends, so that mutations damage the body, which is what is tested here. */
function endOfHeaders(raw: Uint8Array): number {
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === 0x0a && (raw[i - 1] === 0x0a || (raw[i - 1] === 0x0d && raw[i - 2] === 0x0a))) return i + 1;
  }
  return 0;
}

/** One message per deliberate difference: the corpus has no calendar invitation and no attached text file. */
function deliberateDifferences(): [string, Uint8Array][] {
  const invitation =
    'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Bauabnahme\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const nested = text(message(['Subject: Offerte Seeblick'], textBody('Anbei die Offerte.\r\n')));
  return [
    [
      'calendar invitation with CRLF line ends',
      message(
        standardHeaders('Einladung'),
        multipart('mixed', 'cal', [
          textBody(),
          part(
            ['Content-Type: text/calendar; method=REQUEST; charset=utf-8', 'Content-Transfer-Encoding: 7bit'],
            invitation,
          ),
          filePart('application/ics; name="invite.ics"', 'attachment; filename="invite.ics"', invitation),
        ]),
      ),
    ],
    [
      'text file attached inline, as Apple Mail does',
      message(
        standardHeaders('Notizen'),
        multipart('mixed', 'apple', [
          textBody(),
          part(
            [
              'Content-Type: text/plain; charset=utf-8; name="notes.txt"',
              'Content-Disposition: inline; filename="notes.txt"',
              'Content-Transfer-Encoding: 7bit',
            ],
            'Erste Zeile\r\nZweite Zeile\r\n',
          ),
        ]),
      ),
    ],
    [
      'nested messages, one named without .eml and one without a name',
      message(
        standardHeaders('Fwd'),
        multipart('mixed', 'fwd', [
          textBody(),
          part(['Content-Type: message/rfc822; name="Offerte"', 'Content-Disposition: attachment'], nested),
          part(['Content-Type: message/rfc822'], nested),
        ]),
      ),
    ],
  ];
}

const corpus = buildCorpus();
const FUZZ_CASES = 150;

/**
 * `Uint8Array.fromBase64` as its specification (TC39 "ArrayBuffer to/from Base64", lastChunkHandling "loose")
 * defines it, for a test engine that lacks it (Node 20): the browsers have it, and there listAttachments decodes
 * clean base64 with it. Strict where the engine is: ASCII whitespace is skipped, anything else outside the alphabet
 * and padding anywhere but at the end throw; a last chunk of 2 or 3 characters without padding decodes.
 */
function specifiedFromBase64(text: string): Uint8Array {
  const compact = text.replace(/[\t\n\f\r ]/g, '');
  const valid = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact);
  if (!valid || compact.length % 4 === 1) throw new SyntaxError('not base64 the engine accepts');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

describe('listAttachments vs plain postal-mime', () => {
  const met = new Set<Difference>();

  async function check(raw: Uint8Array): Promise<File[]> {
    const [mine, { email, files }] = await Promise.all([ours(raw), oracle(raw)]);
    for (const difference of compare(mine, files, email)) met.add(difference);
    return files;
  }

  it.each(corpus.map((m) => [m.id, m.raw] as const))('corpus: %s', async (_id, raw) => {
    await check(raw);
  });

  it.each(deliberateDifferences())('deliberate difference: %s', async (_name, raw) => {
    await check(raw);
  });

  it.each(damagedMessages())('damaged: %s', async (_name, raw) => {
    expect((await check(raw)).length, 'postal-mime finds files in it').toBeGreaterThan(0);
  });

  it(`fuzz: ${FUZZ_CASES} corpus messages cut or bent at seeded places`, async () => {
    for (const [name, raw] of fuzzedCorpus(FUZZ_CASES)) {
      let mine: File[];
      try {
        mine = await ours(raw);
      } catch (error) {
        // Refusing a message is allowed only where postal-mime finds nothing to save.
        const { files } = await oracle(raw);
        expect(files, `${name}: refused (${String(error)}) although postal-mime finds files`).toEqual([]);
        continue;
      }
      const { email, files } = await oracle(raw);
      try {
        compare(mine, files, email);
      } catch (error) {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  });

  it('met every deliberate difference at least once, so none of them is a dead excuse', () => {
    expect([...met].sort()).toEqual([
      'calendar kept as sent',
      'named text file',
      'nested message named .eml',
    ] satisfies Difference[]);
  });
});

describe('listAttachments vs plain postal-mime, with the engine decoding clean base64 as browsers do', () => {
  const own = Object.getOwnPropertyDescriptor(Uint8Array, 'fromBase64');
  beforeAll(() => {
    if (!own) Object.defineProperty(Uint8Array, 'fromBase64', { value: specifiedFromBase64, configurable: true });
  });
  afterAll(() => {
    if (!own) delete (Uint8Array as { fromBase64?: unknown }).fromBase64;
  });

  it('the stand-in agrees with the platform on clean base64 and refuses what the engine refuses', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    expect(specifiedFromBase64(base64(data))).toEqual(data);
    expect(specifiedFromBase64('YWI')).toEqual(bytes('ab'));
    for (const refused of ['YQ==YWI=', 'YWJj*', 'Y', 'YQ=']) expect(() => specifiedFromBase64(refused)).toThrow();
  });

  it.each([...corpus.map((m) => [`corpus: ${m.id}`, m.raw] as const), ...damagedMessages()])('%s', async (_, raw) => {
    const [mine, { email, files }] = await Promise.all([ours(raw), oracle(raw)]);
    compare(mine, files, email);
  });

  it(`fuzz: ${FUZZ_CASES} corpus messages cut or bent at seeded places`, async () => {
    for (const [name, raw] of fuzzedCorpus(FUZZ_CASES)) {
      const { email, files } = await oracle(raw);
      const mine = await ours(raw).catch(() => undefined);
      if (mine === undefined) expect(files, `${name}: refused although postal-mime finds files`).toEqual([]);
      else compare(mine, files, email);
    }
  });
});
