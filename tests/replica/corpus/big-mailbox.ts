/**
 * The big generated mailbox: tens of thousands of messages and gigabytes, the same on every run for a seed, and
 * never held in memory. The plan below decides each message's folder, date and sizes once (a few typed arrays);
 * each message is then described by a small spec made again whenever it is asked for (big-message.ts), and its
 * bytes are produced a piece at a time as a download streams them.
 *
 * Sizes follow what real mailboxes look like: most messages are text of 5–50 KB, a few per cent carry an
 * attachment (most under a megabyte, some of several, a few up to 25 MB, the usual sending limit), added until the
 * mailbox reaches the size asked for.
 */

import type { GeneratedCorpusMessage, GeneratedMessageBody } from '../server/corpus-contract.ts';
import { BigMessage, type BigMessageSpec, rawBytesForEncoded } from './big-message.ts';
import type { Person } from './people.ts';
import { createPrng, seedFrom } from './prng.ts';
import type { CorpusFolder, CorpusMailbox } from './types.ts';

export interface BigMailboxOptions {
  /** How many messages (at least 1). */
  messages: number;
  /** About how many bytes all of them take together; the plan lands within a fraction of a per cent. */
  totalBytes: number;
  /** Same seed, same mailbox, byte for byte. Default 1. */
  seed?: number;
}

/** Sorts after the corpus's other mailboxes, so switching it on leaves their web indexes (/0, /1, /2) as they are. */
export const BIG_MAILBOX = 'zentralarchiv@muster.example';
const OWNER: Person = { name: 'Zentralarchiv Muster AG', email: BIG_MAILBOX };

export const BIG_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/**
 * Folder paths with awkward names for anything that turns them into files: non-ASCII and guillemets, a name that is
 * only `b` below `a` (a path separator in the tree), characters Windows forbids, a reserved Windows device name, a
 * decomposed (NFD) umlaut, and a folder that stays empty.
 */
export const BIG_FOLDERS = {
  inbox: 'INBOX',
  sent: 'Sent',
  drafts: 'Drafts',
  trash: 'Trash',
  archive: 'Archive',
  projects: 'Projekte',
  quarter: 'Projekte/Ä «Q3»',
  a: 'a',
  ab: 'a/b',
  customers: 'Kunden: A|B?',
  mueller: 'Kunden: A|B?/Mu\u0308ller & So\u0308hne',
  device: 'CON',
  empty: 'Leer',
} as const;

export function bigMailboxFolders(): CorpusFolder[] {
  const f = BIG_FOLDERS;
  return [
    { path: f.inbox, name: 'INBOX', role: 'INBOX' },
    { path: f.sent, name: 'Sent', role: 'SENT' },
    { path: f.drafts, name: 'Drafts', role: 'DRAFT' },
    { path: f.trash, name: 'Trash', role: 'TRASH' },
    {
      path: f.archive,
      name: 'Archive',
      role: 'ARCHIVE',
      children: BIG_YEARS.map((year) => ({ path: `${f.archive}/${year}`, name: String(year) })),
    },
    { path: f.projects, name: 'Projekte', children: [{ path: f.quarter, name: 'Ä «Q3»' }] },
    { path: f.a, name: 'a', children: [{ path: f.ab, name: 'b' }] },
    { path: f.customers, name: f.customers, children: [{ path: f.mueller, name: 'Mu\u0308ller & So\u0308hne' }] },
    { path: f.device, name: 'CON' },
    { path: f.empty, name: 'Leer' },
  ];
}

export function bigMailbox(): CorpusMailbox {
  return { email: BIG_MAILBOX, name: OWNER.name, isPrimary: false, folders: bigMailboxFolders() };
}

/** Where messages go, in per cent; 'archive' means the Archive folder of the message's year. */
const FOLDER_WEIGHTS: [string, number][] = [
  [BIG_FOLDERS.inbox, 16],
  [BIG_FOLDERS.sent, 12],
  [BIG_FOLDERS.trash, 2],
  ['archive', 50],
  [BIG_FOLDERS.projects, 2],
  [BIG_FOLDERS.quarter, 6],
  [BIG_FOLDERS.a, 1],
  [BIG_FOLDERS.ab, 4],
  [BIG_FOLDERS.customers, 2],
  [BIG_FOLDERS.mueller, 3],
  [BIG_FOLDERS.device, 2],
];

const PEOPLE: Person[] = [
  { name: 'Petra Müller', email: 'p.mueller@treuhand-mueller.example' },
  { name: 'Claire Dubois', email: 'claire.dubois@atelier-lumiere.example' },
  { name: '田中 美咲', email: 'm.tanaka@sakura-trading.example' },
  { name: 'Jonas Keller', email: 'jonas.keller@baufirma-keller.example' },
  { name: 'Łukasz Wiśniewski', email: 'lukasz@wisniewski-bau.example' },
  { name: "O'Brien, Seán", email: 'sean.obrien@dublin-consult.example' },
  { name: 'Marco Bianchi', email: 'marco@bianchi-design.example' },
  { name: 'Sofia Kowalski', email: 'sofia.kowalski@contoso-bau.example' },
  { name: '', email: 'noreply@rechnungen.example' },
  { name: 'Anna Meier', email: 'anna.meier@muster.example' },
  { name: 'Thomas Brunner', email: 'thomas.brunner@kunde-brunner.example' },
  { name: 'Zoë Ñúñez', email: 'zoe@nunez-arquitectura.example' },
];

/** Subject patterns; `#` becomes the message's number. Non-ASCII ones go on the wire in one of three ways. */
const SUBJECTS = [
  'Offerte Nr. #',
  'Meeting notes #',
  'Rechnung # – Zahlungserinnerung',
  'Réunion de chantier n° #',
  'Pläne Überbauung Lägern, Stand #',
  '見積書の送付 #',
  'Invoice # for services rendered',
  'Protokoll «Q3» #',
  '📎 Unterlagen # anbei',
  'Terminbestätigung #: Besprechung am Montag mit allen Beteiligten der Baustelle in Zürich-Oerlikon',
  'Weekly report #',
  'Счёт № #',
];

const ATTACHMENTS: { name: string; mimeType: string }[] = [
  { name: 'Offerte.pdf', mimeType: 'application/pdf' },
  { name: 'Pläne Überbauung.pdf', mimeType: 'application/pdf' },
  { name: 'IMG_#.jpg', mimeType: 'image/jpeg' },
  { name: 'Baustelle Fotos.zip', mimeType: 'application/zip' },
  { name: 'Protokoll «Q3».pdf', mimeType: 'application/pdf' },
  { name: '見積書.pdf', mimeType: 'application/pdf' },
];

const START = Date.UTC(2019, 0, 3, 7);
const END = Date.UTC(2026, 10, 28, 18);
/** Messages in INBOX newer than this are unread more often, as a real inbox is. */
const RECENT = Date.UTC(2026, 9, 1);

const MIN_ATTACHMENT = 30_000;
/** The common 25 MB sending limit, less room for the text and headers. */
const MAX_ATTACHMENT = 25 * 2 ** 20 - 60_000;
/** Headers and MIME parts of a message, as the plan estimates them before the exact sizes are known. */
const HEADER_ESTIMATE = 900;
const ATTACHMENT_PART_ESTIMATE = 450;

function logUniform(next: () => number, low: number, high: number): number {
  return Math.round(low * (high / low) ** (next() / 2 ** 32));
}

/** Decisions about message `index` that do not depend on the size plan. */
interface Draws {
  hasMessageId: boolean;
  folderWeight: number;
  person: Person;
  subjectPattern: number;
  subjectStyle: number;
  replies: boolean;
  replyDistance: number;
  unreadChance: number;
  flagged: boolean;
  fromLines: boolean;
  attachmentKind: number;
  delay: number;
}

export class BigMailboxPlan {
  readonly messageCount: number;
  readonly seed: number;
  /** Exact text body length of each message. */
  private readonly textBytes: Uint32Array;
  /** Raw (decoded) attachment length of each message; 0 for none. */
  private readonly attachmentBytes: Uint32Array;
  /** Exact message sizes, filled in as they are first asked for (0 = not yet). */
  private readonly sizes: Float64Array;
  private exactTotal: number | undefined;

  constructor(options: BigMailboxOptions) {
    const count = Math.floor(options.messages);
    if (!(count >= 1)) throw new Error('big mailbox: messages must be at least 1');
    if (!(options.totalBytes >= 0)) throw new Error('big mailbox: totalBytes must be a number of bytes');
    this.messageCount = count;
    this.seed = options.seed ?? 1;
    this.textBytes = new Uint32Array(count);
    this.attachmentBytes = new Uint32Array(count);
    this.sizes = new Float64Array(count);
    let estimate = 0;
    for (let i = 0; i < count; i++) {
      const next = createPrng(seedFrom(`${this.seed}:${i}:text-size`));
      this.textBytes[i] = logUniform(next, 3_800, 46_000);
      estimate += this.textBytes[i]! + HEADER_ESTIMATE;
    }
    this.planAttachments(options.totalBytes - estimate);
  }

  /**
   * Gives attachments to messages in a scattered but fixed order until the budget is spent; the last one takes
   * what is left, so the total lands close to the size asked for.
   */
  private planAttachments(budget: number): void {
    const n = this.messageCount;
    let stride = Math.floor(n * 0.618) + 1;
    while (gcd(stride, n) !== 1) stride += 1;
    const offset = seedFrom(`${this.seed}:offset`) % n;
    let remaining = budget;
    for (let k = 0; k < n && remaining >= MIN_ATTACHMENT + ATTACHMENT_PART_ESTIMATE; k++) {
      const index = (offset + k * stride) % n;
      const next = createPrng(seedFrom(`${this.seed}:${index}:attachment-size`));
      const band = next() % 100;
      let encoded =
        band < 60
          ? logUniform(next, MIN_ATTACHMENT, 800_000)
          : band < 93
            ? logUniform(next, 800_000, 6_000_000)
            : logUniform(next, 6_000_000, MAX_ATTACHMENT);
      encoded = Math.min(encoded, remaining - ATTACHMENT_PART_ESTIMATE, MAX_ATTACHMENT);
      this.attachmentBytes[index] = rawBytesForEncoded(encoded);
      remaining -= encoded + ATTACHMENT_PART_ESTIMATE;
    }
  }

  /** Exact size of message `index`, without making its bytes. */
  sizeOf(index: number): number {
    let size = this.sizes[index]!;
    if (size === 0) {
      size = this.message(index).size;
      this.sizes[index] = size;
    }
    return size;
  }

  /** Exact size of the whole mailbox (builds every spec once: a second or so for 30,000 messages). */
  totalBytes(): number {
    if (this.exactTotal === undefined) {
      let total = 0;
      for (let i = 0; i < this.messageCount; i++) total += this.sizeOf(i);
      this.exactTotal = total;
    }
    return this.exactTotal;
  }

  /** The largest message's size: what "at most twice the largest message" budgets are measured against. */
  largestMessage(): number {
    let largest = 0;
    for (let i = 0; i < this.messageCount; i++) largest = Math.max(largest, this.sizeOf(i));
    return largest;
  }

  private draws(index: number): Draws {
    const next = createPrng(seedFrom(`${this.seed}:${index}`));
    return {
      hasMessageId: next() % 50 !== 0,
      folderWeight: next() % 100,
      person: PEOPLE[next() % PEOPLE.length]!,
      subjectPattern: next() % SUBJECTS.length,
      subjectStyle: next() % 5,
      replies: next() % 100 < 8,
      replyDistance: 1 + (next() % 5),
      unreadChance: next() % 100,
      flagged: next() % 100 < 2,
      fromLines: next() % 100 < 15,
      attachmentKind: next() % ATTACHMENTS.length,
      delay: 3 + (next() % 57),
    };
  }

  /** The Date instant of message `index`: spread evenly over 2019–2026, strictly increasing with the index. */
  private dateOf(index: number): number {
    const jitter = ((seedFrom(`${this.seed}:${index}:jitter`) % 800) - 400) / 1000;
    const at = START + ((END - START) * (index + 0.5 + jitter)) / this.messageCount;
    return Math.floor(at / 1000) * 1000;
  }

  private messageIdOf(index: number, draws: Draws): string | null {
    if (!draws.hasMessageId) return null;
    const domain = (this.folderOf(index, draws) === BIG_FOLDERS.sent ? OWNER : draws.person).email.split('@')[1];
    return `<${seedFrom(`${this.seed}:${index}:mid`).toString(16)}.${index}.${this.seed}@${domain}>`;
  }

  private folderOf(index: number, draws: Draws): string {
    let weight = draws.folderWeight;
    for (const [folder, share] of FOLDER_WEIGHTS) {
      if (weight < share)
        return folder === 'archive'
          ? `${BIG_FOLDERS.archive}/${new Date(this.dateOf(index)).getUTCFullYear()}`
          : folder;
      weight -= share;
    }
    return BIG_FOLDERS.inbox;
  }

  spec(index: number): BigMessageSpec {
    const draws = this.draws(index);
    const folder = this.folderOf(index, draws);
    const pattern = SUBJECTS[draws.subjectPattern]!;
    let subject = pattern.replace('#', String(1000 + index));
    let inReplyTo: string | null = null;
    const answered = index - draws.replyDistance;
    if (draws.replies && answered >= 0) {
      const earlier = this.draws(answered);
      inReplyTo = this.messageIdOf(answered, earlier);
      if (inReplyTo) subject = `Re: ${SUBJECTS[earlier.subjectPattern]!.replace('#', String(1000 + answered))}`;
    }
    const attachmentBytes = this.attachmentBytes[index]!;
    const kind = ATTACHMENTS[draws.attachmentKind]!;
    return {
      label: `big:${this.seed}:${index}`,
      owner: OWNER,
      correspondent: draws.person,
      sent: folder === BIG_FOLDERS.sent,
      at: this.dateOf(index),
      subject,
      subjectStyle: subjectStyle(subject, draws.subjectStyle),
      messageId: this.messageIdOf(index, draws),
      inReplyTo,
      textBytes: this.textBytes[index]!,
      fromLines: draws.fromLines,
      attachment: attachmentBytes
        ? { name: kind.name.replace('#', String(index)), mimeType: kind.mimeType, bytes: attachmentBytes }
        : null,
    };
  }

  message(index: number): BigMessage {
    return new BigMessage(this.spec(index));
  }

  /** The messages in arrival order, each a handful of numbers until a route asks for more. */
  *messages(): Iterable<GeneratedCorpusMessage> {
    for (let index = 0; index < this.messageCount; index++) {
      const draws = this.draws(index);
      const folder = this.folderOf(index, draws);
      const at = this.dateOf(index);
      const recentInbox = folder === BIG_FOLDERS.inbox && at >= RECENT;
      yield {
        id: `big-${this.seed}-${index}`,
        mailbox: BIG_MAILBOX,
        folder,
        seen: folder === BIG_FOLDERS.sent || draws.unreadChance >= (recentInbox ? 40 : 1),
        flagged: draws.flagged,
        internalDate: new Date(at + draws.delay * 1000).toISOString(),
        body: new PlannedBody(this, index),
      };
    }
  }
}

/**
 * A planned message as the store holds it: two fields, everything else made when asked. A class, not an object
 * literal with closures and a getter: those cost over a kilobyte each, 50 MB for 30,000 messages.
 */
class PlannedBody implements GeneratedMessageBody {
  constructor(
    private readonly plan: BigMailboxPlan,
    private readonly index: number,
  ) {}

  get size(): number {
    return this.plan.sizeOf(this.index);
  }

  chunks(): Iterable<Uint8Array> {
    return this.plan.message(this.index).chunks();
  }

  facts() {
    return this.plan.message(this.index).facts();
  }

  threadIds() {
    const spec = this.plan.spec(this.index);
    return { msgId: spec.messageId, relatedIds: spec.inReplyTo ? [spec.inReplyTo] : [] };
  }
}

/** Non-ASCII subjects: RFC 2047 Q, RFC 2047 B, or raw UTF-8 (RFC 6532); ASCII ones as they are. */
function subjectStyle(subject: string, draw: number): BigMessageSpec['subjectStyle'] {
  if (/^[\x20-\x7e]*$/.test(subject)) return 'plain';
  return draw < 2 ? 'q' : draw < 4 ? 'b' : 'utf8';
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** What a control call asks for when it adds messages: whose, where, and the how-manieth addition this is. */
export interface AddedMessageRequest {
  mailbox: { email: string; name: string };
  folder: string;
  /** Counts additions since the last reset, across folders: the same calls give the same messages. */
  sequence: number;
}

/** Added messages are dated after everything in the corpus, a minute apart, so they list first. */
const ADDED_FROM = Date.UTC(2026, 11, 5, 8);

/**
 * A new message for an incremental backup to find: like the big mailbox's own, smaller (text of 4–30 KB, one in
 * four with an attachment under 600 KB), and the same for the same request on every run.
 */
export function addedMessage(request: AddedMessageRequest): { body: BigMessage; internalDate: string } {
  const label = `added:${request.mailbox.email}:${request.folder}:${request.sequence}`;
  const next = createPrng(seedFrom(label));
  const person = PEOPLE[next() % PEOPLE.length]!;
  const subject = SUBJECTS[next() % SUBJECTS.length]!.replace('#', `N${request.sequence}`);
  const kind = ATTACHMENTS[next() % ATTACHMENTS.length]!;
  const withAttachment = next() % 4 === 0;
  const at = ADDED_FROM + request.sequence * 60_000;
  const body = new BigMessage({
    label,
    owner: request.mailbox,
    correspondent: person,
    sent: request.folder === 'Sent',
    at,
    subject,
    subjectStyle: subjectStyle(subject, next() % 5),
    messageId: `<${seedFrom(label).toString(16)}.${request.sequence}@${person.email.split('@')[1]}>`,
    inReplyTo: null,
    textBytes: logUniform(next, 4_000, 30_000),
    fromLines: next() % 3 === 0,
    attachment: withAttachment
      ? {
          name: kind.name.replace('#', String(request.sequence)),
          mimeType: kind.mimeType,
          bytes: rawBytesForEncoded(logUniform(next, 40_000, 600_000)),
        }
      : null,
  });
  return { body, internalDate: new Date(at + 5_000).toISOString() };
}
