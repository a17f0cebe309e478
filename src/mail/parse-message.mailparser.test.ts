import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { listAttachments, type MailAttachment } from './attachments';
import { domainToUnicode } from './headers/punycode';
import { parseMessage, type ParsedMessage } from './parse-message';
import { buildCorpus } from '../../tests/replica/corpus/index';

/**
 * Two independent parsers over the whole replica corpus: the extension's reading (postal-mime plus our own
 * attachment logic) and mailparser's simpleParser. Where they disagree, one of them is wrong, unless the
 * disagreement is a known, legitimate difference of opinion listed below for that message, with the reason and a
 * check that the difference is exactly that one and nothing more.
 */

type Field = 'subject' | 'from' | 'to' | 'attachments';

interface Reading {
  subject: string;
  from: string[];
  to: string[];
  attachments: { name: string; size: number; sha: string }[];
}

interface KnownDisagreement {
  field: Field;
  reason: string;
  /** Shows that the two values differ only in the way the reason says. */
  reconcile: (ours: Reading, theirs: Reading) => void;
}

const KNOWN_DISAGREEMENTS: Readonly<Record<string, readonly KnownDisagreement[]>> = {
  'lookalike-punycode-domain': [
    {
      field: 'from',
      reason:
        'mailparser shows an IDN domain in Unicode (Cyrillic "а" in pаypal); postal-mime keeps the xn-- form as sent, ' +
        'which is what the header inspector needs to flag the lookalike. Same address either way.',
      reconcile: (ours, theirs) => {
        expect(ours.from.map(unicodeAddress)).toEqual(theirs.from);
        expect(ours.from.some((address) => address.includes('xn--'))).toBe(true);
      },
    },
  ],
  'hostile-names-control-bidi-long': [
    {
      field: 'attachments',
      reason:
        'postal-mime (4.2) turns the CR LF inside an RFC 2231 file name into a space, so that the name cannot end a ' +
        'header it is written into; mailparser keeps the line break. Same files, same bytes.',
      reconcile: (ours, theirs) => {
        expect(ours.attachments).toEqual(
          theirs.attachments.map((file) => ({ ...file, name: file.name.replace(/[\r\n]+/g, ' ') })),
        );
      },
    },
  ],
  'malformed-nested-boundary-reused': [
    {
      field: 'attachments',
      reason:
        'A nested multipart declares the boundary of its parent. postal-mime (4.2) reads every delimiter line as the ' +
        "outer multipart's, as Python and Go do, so notes.txt lies after the outer terminator, in the epilogue; " +
        'mailparser reads them as the inner one and finds notes.txt.',
      reconcile: (ours, theirs) => {
        expect(ours.attachments).toEqual([]);
        expect(theirs.attachments.map((file) => file.name)).toEqual(['notes.txt']);
      },
    },
  ],
};

function unicodeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at + 1)}${domainToUnicode(address.slice(at + 1))}`;
}

async function sha256(data: Uint8Array): Promise<string> {
  // A copy: digest() wants a view on a plain ArrayBuffer, not on whatever buffer the attachment shares.
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(data));
  return Buffer.from(digest).toString('hex');
}

function postalAddresses(value: ParsedMessage['from'] | ParsedMessage['to']): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => (entry.group ? entry.group.map((member) => member.address) : [entry.address]));
}

function mailparserAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((object) =>
    object.value.flatMap((entry) =>
      entry.group ? entry.group.map((member) => member.address ?? '') : [entry.address ?? ''],
    ),
  );
}

async function ourReading(raw: Uint8Array): Promise<Reading> {
  const message = await parseMessage(raw);
  // The same view mailparser gives: every part, inline images and winmail.dat included, nested messages as files.
  const attachments: MailAttachment[] = await listAttachments(raw, { inlineImages: true, expandTnef: false });
  return {
    subject: message.subject ?? '',
    from: postalAddresses(message.from),
    to: postalAddresses(message.to),
    attachments: await Promise.all(
      attachments.map(async (attachment) => ({
        name: attachment.fileName,
        size: attachment.size,
        sha: await sha256(attachment.content),
      })),
    ),
  };
}

async function theirReading(raw: Uint8Array): Promise<Reading> {
  const parsed: ParsedMail = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.length));
  return {
    subject: parsed.subject ?? '',
    from: mailparserAddresses(parsed.from),
    to: mailparserAddresses(parsed.to),
    attachments: await Promise.all(
      parsed.attachments.map(async (attachment) => ({
        name: attachment.filename ?? '',
        size: attachment.size,
        sha: await sha256(new Uint8Array(attachment.content)),
      })),
    ),
  };
}

const FIELDS: readonly Field[] = ['subject', 'from', 'to', 'attachments'];
const corpus = buildCorpus();

describe('postal-mime based reading vs mailparser, whole corpus', () => {
  it('lists disagreements only for messages that exist', () => {
    const ids = new Set(corpus.map((message) => message.id));
    for (const id of Object.keys(KNOWN_DISAGREEMENTS)) expect(ids.has(id), id).toBe(true);
  });

  it.each(corpus.map((message) => [message.id, message] as const))('%s', async (id, message) => {
    const [ours, theirs] = await Promise.all([ourReading(message.raw), theirReading(message.raw)]);
    const known = KNOWN_DISAGREEMENTS[id] ?? [];
    for (const field of FIELDS) {
      const disagreement = known.find((entry) => entry.field === field);
      if (disagreement) {
        // Still a disagreement (otherwise the entry is stale and must go), and only the one described.
        expect(ours[field], `${field}: ${disagreement.reason}`).not.toEqual(theirs[field]);
        disagreement.reconcile(ours, theirs);
      } else {
        expect(ours[field], field).toEqual(theirs[field]);
      }
    }
  });
});
