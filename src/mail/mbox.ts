import { parseMailDate } from './dates';
import { parseHeaderFields, splitHeaderBlock } from './header-block';

/**
 * Writes messages as one mbox file (RFC 4155, the "mboxrd" flavour): every message starts with a
 * `From sender date` line, lines of the message that already start with `From ` or `>From `, `>>From `… get one more
 * `>` so that readers neither split a message there nor lose a `>` the author wrote, line ends become LF, and an
 * empty line follows each message. The output is produced as the reader pulls it, one slice of one message at a time,
 * so a bulk export of thousands of messages never sits in memory as a whole.
 */

export interface MboxMessage {
  raw: Uint8Array;
  /** Envelope sender for the From_ line; taken from Return-Path or From when omitted. */
  envelopeFrom?: string;
  /** Date for the From_ line; taken from the Date header when omitted. */
  date?: Date;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
const FALLBACK_SENDER = 'MAILER-DAEMON';
// Big enough that per-chunk overhead is negligible, small enough that a 25 MB message does not become one chunk.
const CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();

export function createMboxStream(
  messages: AsyncIterable<MboxMessage> | Iterable<MboxMessage>,
): ReadableStream<Uint8Array> {
  const chunks = mboxChunks(messages);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

async function* mboxChunks(messages: AsyncIterable<MboxMessage> | Iterable<MboxMessage>): AsyncGenerator<Uint8Array> {
  for await (const message of messages) {
    const headers = readTopHeaders(message.raw);
    yield encoder.encode(`${fromLine(message, headers)}\n`);
    yield* escapedBody(withoutEnvelopeLine(message.raw));
  }
}

/** The `From ` separator line: sender without spaces, then the date in asctime format (UTC). */
export function fromLine(message: MboxMessage, headers = readTopHeaders(message.raw)): string {
  const sender = cleanSender(message.envelopeFrom) ?? senderFromHeaders(headers) ?? FALLBACK_SENDER;
  const date = validDate(message.date) ?? headerDate(headers.get('date'));
  return `From ${sender} ${asctime(date ?? new Date())}`;
}

/** `Mon Jan  2 15:04:05 2006`, the format the From_ line has used since the first mbox. */
export function asctime(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${day} ${time} ${date.getUTCFullYear()}`;
}

/**
 * The message with LF line ends and mboxrd quoting, then the blank line that separates it from the next one, in
 * slices of about CHUNK_BYTES.
 */
function* escapedBody(raw: Uint8Array): Generator<Uint8Array> {
  const out = new Uint8Array(CHUNK_BYTES + 512);
  let used = 0;
  const put = (byte: number): void => {
    out[used++] = byte;
  };
  let lineStart = 0;
  while (lineStart < raw.length) {
    let lineEnd = raw.indexOf(LF, lineStart);
    const hasBreak = lineEnd >= 0;
    if (!hasBreak) lineEnd = raw.length;
    // A CR right before the LF is the CRLF line end; drop it.
    const contentEnd = hasBreak && lineEnd > lineStart && raw[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const line = raw.subarray(lineStart, contentEnd);
    if (needsQuoting(line)) put(GT);
    // Long lines are copied in slices so the buffer never has to grow.
    for (let offset = 0; offset < line.length;) {
      const room = out.length - used - 1;
      const take = Math.min(room, line.length - offset);
      out.set(line.subarray(offset, offset + take), used);
      used += take;
      offset += take;
      if (used >= CHUNK_BYTES) {
        yield out.slice(0, used);
        used = 0;
      }
    }
    put(LF);
    if (used >= CHUNK_BYTES) {
      yield out.slice(0, used);
      used = 0;
    }
    lineStart = lineEnd + 1;
  }
  // Every line above ended with LF, including a last line that had none; this is the separating empty line.
  put(LF);
  yield out.slice(0, used);
}

/** `From `, `>From `, `>>From `…: the lines mboxrd quotes with one more `>`. */
function needsQuoting(line: Uint8Array): boolean {
  let i = 0;
  while (i < line.length && line[i] === GT) i++;
  if (line.length - i < FROM_.length) return false;
  for (let k = 0; k < FROM_.length; k++) if (line[i + k] !== FROM_[k]) return false;
  return true;
}

/** A message saved from an mbox may still start with its own From_ line; the writer adds a fresh one. */
function withoutEnvelopeLine(raw: Uint8Array): Uint8Array {
  if (!startsWithFrom(raw)) return raw;
  const lf = raw.indexOf(LF);
  return lf < 0 ? new Uint8Array(0) : raw.subarray(lf + 1);
}

function startsWithFrom(raw: Uint8Array): boolean {
  return FROM_.every((byte, i) => raw[i] === byte);
}

/** The top-level header fields, lower-case names, first occurrence wins. Never scans the body. */
function readTopHeaders(raw: Uint8Array): Map<string, string> {
  const headers = new Map<string, string>();
  let block: string;
  try {
    block = splitHeaderBlock(withoutEnvelopeLine(raw)).header;
  } catch {
    return headers; // no end of headers in sight: the From_ line falls back to MAILER-DAEMON and now
  }
  for (const field of parseHeaderFields(block)) {
    const name = field.name.toLowerCase();
    if (!headers.has(name)) headers.set(name, field.unfolded);
  }
  return headers;
}

function senderFromHeaders(headers: Map<string, string>): string | undefined {
  return cleanSender(addressIn(headers.get('return-path'))) ?? cleanSender(addressIn(headers.get('from')));
}

function addressIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>]*)>/.exec(value);
  if (angle) return angle[1];
  return value.split(/[\s,;]+/).find((token) => token.includes('@'));
}

// The From_ line is split on spaces by readers, so the sender must be one token of printable ASCII; `<>` (a bounce's
// empty Return-Path) is no sender at all.
function cleanSender(sender: string | undefined): string | undefined {
  const trimmed = sender?.trim();
  if (!trimmed || !/^[!-~]+$/.test(trimmed)) return undefined;
  return trimmed;
}

function headerDate(value: string | undefined): Date | undefined {
  const parsed = value === undefined ? null : parseMailDate(value);
  return parsed ? new Date(parsed.epochMs) : undefined;
}

function validDate(date: Date | undefined): Date | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * The body of one mbox entry, streamed: the same bytes `createMboxStream` writes after the From_ line (an envelope
 * line of the message dropped, line ends made LF, `>From ` quoting, the separating empty line), computed chunk by
 * chunk so that a message can be copied into an mbox from a file without being held in memory. Chunks may split a
 * line, a CRLF or a `From ` anywhere; lines of any length cost no memory beyond the output of a chunk.
 */
export class MboxrdBodyEscaper {
  // At the start: deciding whether the message begins with its own envelope line (then skipped up to its LF).
  #start: number[] | null = [];
  #skippingEnvelope = false;
  // At the start of each line: how many '>' were seen and how much of "From " followed them, not yet written.
  #atLineStart = true;
  #quotes = 0;
  #matched = 0;
  #pendingCR = false;
  #bytesInLine = 0;
  #out = new Uint8Array(CHUNK_BYTES);
  #used = 0;

  /** The escaped bytes for `chunk` (may be empty while a decision waits for the next chunk). */
  push(chunk: Uint8Array): Uint8Array {
    this.#used = 0;
    this.#feed(chunk);
    return this.#out.slice(0, this.#used);
  }

  /** What is left, ending with the empty line that separates this message from the next. */
  finish(): Uint8Array {
    this.#used = 0;
    if (this.#start !== null) {
      const held = Uint8Array.from(this.#start);
      this.#start = null;
      this.#feedBody(held);
    }
    if (!this.#skippingEnvelope) {
      this.#flushLineStart();
      if (this.#pendingCR) this.#put(CR); // a last line without LF keeps its CR, as the whole-message writer does
      this.#pendingCR = false;
      if (this.#bytesInLine > 0) this.#put(LF);
    }
    this.#put(LF);
    return this.#out.slice(0, this.#used);
  }

  #feed(chunk: Uint8Array): void {
    let from = 0;
    if (this.#start !== null) {
      while (from < chunk.length && this.#start.length < FROM_.length) this.#start.push(chunk[from++]!);
      if (this.#start.length < FROM_.length) return;
      const held = Uint8Array.from(this.#start);
      this.#start = null;
      if (FROM_.every((byte, i) => held[i] === byte)) this.#skippingEnvelope = true;
      else this.#feedBody(held);
    }
    if (this.#skippingEnvelope) {
      const lf = chunk.indexOf(LF, from);
      if (lf < 0) return;
      this.#skippingEnvelope = false;
      from = lf + 1;
    }
    this.#feedBody(chunk.subarray(from));
  }

  #feedBody(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.#atLineStart) {
        const byte = bytes[i]!;
        if (this.#matched === 0 && byte === GT) {
          this.#quotes++;
          this.#bytesInLine++;
          i++;
          continue;
        }
        if (byte === FROM_[this.#matched]) {
          this.#matched++;
          this.#bytesInLine++;
          i++;
          if (this.#matched === FROM_.length) {
            this.#put(GT);
            this.#flushLineStart();
          }
          continue;
        }
        this.#flushLineStart();
        continue; // this byte is read again as part of the line
      }
      // Inside a line: copy up to the next CR or LF in one go.
      let end = i;
      while (end < bytes.length && bytes[end] !== LF && bytes[end] !== CR) end++;
      if (end > i) {
        if (this.#pendingCR) this.#put(CR);
        this.#pendingCR = false;
        this.#putAll(bytes.subarray(i, end));
        this.#bytesInLine += end - i;
        i = end;
        continue;
      }
      const byte = bytes[i++]!;
      if (byte === CR) {
        if (this.#pendingCR) this.#put(CR); // only the CR right before LF is dropped
        this.#pendingCR = true;
        this.#bytesInLine++;
      } else {
        this.#pendingCR = false;
        this.#put(LF);
        this.#bytesInLine = 0;
        this.#atLineStart = true;
      }
    }
  }

  /** Writes the '>'s and the part of "From " held at a line start, which turned out to need no quoting. */
  #flushLineStart(): void {
    if (!this.#atLineStart) return;
    for (let n = 0; n < this.#quotes; n++) this.#put(GT);
    for (let n = 0; n < this.#matched; n++) this.#put(FROM_[n]!);
    this.#quotes = 0;
    this.#matched = 0;
    this.#atLineStart = false;
  }

  #put(byte: number): void {
    if (this.#used === this.#out.length) this.#grow(1);
    this.#out[this.#used++] = byte;
  }

  #putAll(bytes: Uint8Array): void {
    if (this.#used + bytes.length > this.#out.length) this.#grow(bytes.length);
    this.#out.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  #grow(extra: number): void {
    const bigger = new Uint8Array(Math.max(this.#out.length * 2, this.#used + extra));
    bigger.set(this.#out.subarray(0, this.#used));
    this.#out = bigger;
  }
}
