/**
 * Hostile mail that costs the receiver time and memory rather than trust (issue 13): thousands of attachments of
 * one name, megabytes of blank lines, hundreds of thousands of empty MIME parts. Each comes with an "ordinary"
 * message of the same size, so a bench or test can say how much worse the hostile one is on the same machine.
 *
 * Not part of the project corpus: many tests walk every corpus message (parsers, differential checks, the
 * replica's own), and these would add minutes to each. The replica serves them only when asked
 * (`startReplica({ adversarial: true })`, `cli.ts --adversarial`), in a folder of their own, so the counts of the
 * other folders stay what the other tests expect. Generated at call time from fixed seeds, never committed.
 */

import { type Chunk, asciiBytes } from './bytes.ts';
import { mailDate } from './dates.ts';
import { attachment, defineMessage, defineRawMessage, type Attachment } from './define.ts';
import { pdfLike } from './files.ts';
import { infomaniakArrival } from './infomaniak-trace.ts';
import { ANNA } from './mailboxes.ts';
import { type LeafPart, multipart, type Part, textPart } from './mime-builder.ts';
import { ANNA_MEIER, formatAddress } from './people.ts';
import { compressibleText, seedFrom } from './prng.ts';
import { messageId } from './tokens.ts';
import type { CorpusMessage } from './types.ts';

export const ADVERSARIAL_FOLDER = 'Adversarial';

/** The bench rows' names (`adversarial.<row>`), one per kind of hostile message. */
export type AdversarialRow = 'same_name_4000' | 'blank_lines_16MB' | 'empty_parts_200k';

export interface AdversarialPair {
  row: AdversarialRow;
  hostile: CorpusMessage;
  /** About as many bytes, built the way everyday mail is. */
  ordinary: CorpusMessage;
}

export const SAME_NAME_COUNT = 4000;
export const SAME_NAME = 'a.pdf';
export const BLANK_LINES_BYTES = 16 * 1024 * 1024;
export const EMPTY_PARTS_COUNT = 200_000;

/** The bytes of the `index`-th (1-based) `a.pdf`: each one differs, so a file saved under the wrong number shows. */
export function sameNameContent(index: number): Uint8Array {
  return pdfLike(seedFrom(`adversarial:a.pdf:${index}`), 64);
}

/** The bytes of Rechnung.pdf, the one real file of the blank-lines and empty-parts messages. */
export function invoiceContent(): Uint8Array {
  return pdfLike(seedFrom('adversarial:invoice'), 100_000);
}

/** The one real file of the blank-lines and empty-parts messages and of the blank-lines message's twin. */
function invoicePdf(): Attachment {
  return attachment({
    content: invoiceContent(),
    mimeType: 'application/pdf',
    name: 'Rechnung.pdf',
  });
}

const SENDER = 'Scan Service <scans@print-shop.example>';
const SENDER_DOMAIN = 'print-shop.example';

interface Envelope {
  id: string;
  subject: string;
  /** Local Swiss time of arrival. */
  at: string;
}

function headersFor({ id, subject, at }: Envelope): { headers: string[]; internalDate: string } {
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: `mail.${SENDER_DOMAIN} (mail.${SENDER_DOMAIN} [192.0.2.77])`,
    at,
    authResults: ['dkim=none (message not signed)', `spf=pass smtp.mailfrom=scans@${SENDER_DOMAIN}`],
    spam: 'ham',
  });
  return {
    internalDate: arrival.internalDate,
    headers: [
      ...arrival.headers,
      `From: ${SENDER}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(at)}`,
      `Message-ID: ${messageId(id, SENDER_DOMAIN)}`,
    ],
  };
}

function rendered(envelope: Envelope, body: Part, files: Attachment[]): CorpusMessage {
  const { headers, internalDate } = headersFor(envelope);
  return defineMessage({
    id: envelope.id,
    mailbox: ANNA,
    folder: ADVERSARIAL_FOLDER,
    seen: false,
    flagged: false,
    internalDate,
    expect: { subject: envelope.subject, attachments: files.map((file) => file.expected) },
    headers,
    body,
  });
}

function sameNameMessage(): CorpusMessage {
  const files = Array.from({ length: SAME_NAME_COUNT }, (_, i) =>
    attachment({ content: sameNameContent(i + 1), mimeType: 'application/pdf', name: SAME_NAME }),
  );
  const envelope = {
    id: 'adversarial-same-name-4000',
    subject: `Scans: ${SAME_NAME_COUNT} pages, each ${SAME_NAME}`,
    at: '2026-11-05T09:00:00+01:00',
  };
  return rendered(envelope, multipart('mixed', [textPart('Your scans.\n'), ...files.map((f) => f.part)]), files);
}

/** A message with one text part and one PDF, its PDF sized so that the whole message has `size` bytes (± a line). */
function oneFileOfSize(envelope: Envelope, size: number): CorpusMessage {
  const build = (fileSize: number) => {
    const file = attachment({
      content: pdfLike(seedFrom(`${envelope.id}:file`), fileSize),
      mimeType: 'application/pdf',
      name: 'Scans.pdf',
    });
    return rendered(envelope, multipart('mixed', [textPart('Your scans, in one file.\n'), file.part]), [file]);
  };
  let fileSize = Math.floor((size * 3) / 4);
  let message = build(fileSize);
  // Base64 in 76-character lines: 57 bytes of file take 78 bytes of message.
  for (let round = 0; round < 3 && Math.abs(message.raw.length - size) > 78; round++) {
    fileSize += Math.round(((size - message.raw.length) * 57) / 78);
    message = build(fileSize);
  }
  return message;
}

/** A text/plain part sent as 8bit: its lines go on the wire as they are, with no encoding to undo. */
function eightBitText(bytes: Uint8Array): LeafPart {
  return { headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], body: bytes };
}

function blankLines(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i + 1 < bytes; i += 2) {
    out[i] = 0x0d;
    out[i + 1] = 0x0a;
  }
  return out;
}

function textAndInvoice(envelope: Envelope, text: Uint8Array): CorpusMessage {
  const invoice = invoicePdf();
  return rendered(envelope, multipart('mixed', [eightBitText(text), invoice.part]), [invoice]);
}

/**
 * `count` MIME parts with neither headers nor body between the text and the invoice: each is a delimiter line
 * followed by the next one's line break (RFC 2046 lets a body part be empty headers with no body), 7 bytes apiece.
 * Written out by hand: the boundary must be one character for the parts to be that small.
 */
function emptyPartsMessage(count: number): CorpusMessage {
  const envelope = {
    id: 'adversarial-empty-parts-200k',
    subject: 'Rechnung (Teil 1 von 1)',
    at: '2026-11-05T09:20:00+01:00',
  };
  const { headers, internalDate } = headersFor(envelope);
  const invoice = invoicePdf();
  const chunks: Chunk[] = [
    `${headers.join('\n')}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="e"\n\n`,
    '--e\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\nDie Rechnung im Anhang.\n',
    asciiBytes('\r\n--e\r\n'.repeat(count)),
    `\n--e\n${invoice.part.headers.join('\n')}\n\n`,
    invoice.part.body,
    '\n--e--\n',
  ];
  return defineRawMessage({
    id: envelope.id,
    mailbox: ANNA,
    folder: ADVERSARIAL_FOLDER,
    seen: false,
    flagged: false,
    internalDate,
    expect: { subject: envelope.subject, attachments: [invoice.expected] },
    chunks,
  });
}

let pairs: AdversarialPair[] | undefined;

/** The three hostile messages with their ordinary twins. Memoised, like the corpus: the same bytes every call. */
export function adversarialPairs(): AdversarialPair[] {
  pairs ??= buildPairs();
  return pairs;
}

export function adversarialMessages(): CorpusMessage[] {
  return adversarialPairs().flatMap((pair) => [pair.hostile, pair.ordinary]);
}

function buildPairs(): AdversarialPair[] {
  const sameName = sameNameMessage();
  const emptyParts = emptyPartsMessage(EMPTY_PARTS_COUNT);
  return [
    {
      row: 'same_name_4000',
      hostile: sameName,
      ordinary: oneFileOfSize(
        { id: 'adversarial-same-name-4000-ordinary', subject: 'Scans: one PDF', at: '2026-11-05T09:01:00+01:00' },
        sameName.raw.length,
      ),
    },
    {
      row: 'blank_lines_16MB',
      hostile: textAndInvoice(
        { id: 'adversarial-blank-lines-16mb', subject: 'Rechnung (lange Notiz)', at: '2026-11-05T09:10:00+01:00' },
        blankLines(BLANK_LINES_BYTES),
      ),
      // As many bytes of text, in lines of words as a long log or report has them.
      ordinary: textAndInvoice(
        {
          id: 'adversarial-blank-lines-16mb-ordinary',
          subject: 'Rechnung (langer Bericht)',
          at: '2026-11-05T09:11:00+01:00',
        },
        compressibleText(seedFrom('adversarial:report'), BLANK_LINES_BYTES),
      ),
    },
    {
      row: 'empty_parts_200k',
      hostile: emptyParts,
      ordinary: oneFileOfSize(
        {
          id: 'adversarial-empty-parts-200k-ordinary',
          subject: 'Rechnung (ein Teil)',
          at: '2026-11-05T09:21:00+01:00',
        },
        emptyParts.raw.length,
      ),
    },
  ];
}
