import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { listAttachments, type MailAttachment } from './attachments';
import { MailError } from './errors';
import { parseMessage } from './parse-message';
import { isTnef, readTnef } from './tnef';
import { buildZip } from './zip';
import { zipEntriesForAttachments } from './zip-layout';
import { buildCorpus, type CorpusMessage, type ExpectedInnerFile } from '../../tests/replica/corpus/index';

/**
 * The replica corpus says, for each message, what a correct reader finds in it: hand-written facts from how the
 * message was built, never computed by a parser. listAttachments must agree with every one of them.
 */

const corpus = buildCorpus();
const withAttachmentFacts = corpus.filter((message) => message.expect.attachments !== undefined);

interface InnerListing {
  subject?: string;
  files: ExpectedInnerFile[];
}

/** What a container attachment holds, read the way the extension reads it. */
async function openContainer(
  attachment: MailAttachment,
): Promise<{ listing: InnerListing; children: MailAttachment[] }> {
  if (attachment.mimeType === 'message/rfc822') {
    const children = await listAttachments(attachment.content, { inlineImages: true, expandTnef: false });
    const parsed = await parseMessage(attachment.content);
    return {
      listing: { ...(parsed.subject === undefined ? {} : { subject: parsed.subject }), files: children.map(innerFile) },
      children,
    };
  }
  expect(isTnef(attachment.content), `${attachment.fileName} is TNEF`).toBe(true);
  const { files } = readTnef(attachment.content);
  return {
    listing: {
      files: files.map((file) => ({ name: file.fileName, size: file.content.length, mimeType: file.mimeType })),
    },
    children: [],
  };
}

/**
 * The corpus records names as sent. postal-mime (4.2) turns each run of CR and LF in a decoded file name into a
 * space, so that a name written into a header cannot end it; that is the name a reader gives back.
 */
function asReadBack(name: string): string {
  return name.replace(/[\r\n]+/g, ' ');
}

function innerFile(attachment: MailAttachment): ExpectedInnerFile {
  return { name: attachment.fileName, size: attachment.size, mimeType: attachment.mimeType };
}

describe('listAttachments on the replica corpus', () => {
  it('has messages with facts to check', () => {
    expect(withAttachmentFacts.length).toBeGreaterThan(10);
  });

  it.each(withAttachmentFacts.map((message) => [message.id, message] as const))(
    '%s: names, sizes, types, inline',
    async (_id, message) => {
      const found = await listAttachments(message.raw, { inlineImages: true, expandTnef: false });
      expect(
        found.map((attachment) => ({
          name: attachment.fileName,
          size: attachment.size,
          mimeType: attachment.mimeType,
          ...(attachment.inline ? { inline: true } : {}),
        })),
      ).toEqual(
        message.expect.attachments!.map(({ name, size, mimeType, inline }) => ({
          name: asReadBack(name),
          size,
          mimeType,
          ...(inline ? { inline } : {}),
        })),
      );
      for (const attachment of found) expect(attachment.content.length).toBe(attachment.size);
    },
  );

  it.each(
    corpus.filter((message) => message.expect.subject !== undefined).map((message) => [message.id, message] as const),
  )('%s: subject', async (_id, message) => {
    expect((await parseMessage(message.raw)).subject).toBe(message.expect.subject);
  });

  const withContainers = corpus.filter((message) => message.expect.containers?.length);
  it.each(withContainers.map((message) => [message.id, message] as const))(
    '%s: what containers hold',
    async (_id, message) => {
      // Containers may sit inside containers (a forward of a forward), so every level is opened and indexed by name.
      const byName = new Map<string, MailAttachment>();
      const queue = await listAttachments(message.raw, { inlineImages: true, expandTnef: false });
      while (queue.length) {
        const attachment = queue.shift()!;
        byName.set(attachment.fileName, attachment);
        if (attachment.mimeType === 'message/rfc822') queue.push(...(await openContainer(attachment)).children);
      }
      for (const expected of message.expect.containers!) {
        const container = byName.get(expected.container);
        expect(container, expected.container).toBeDefined();
        const { listing } = await openContainer(container!);
        if (expected.subject !== undefined) expect(listing.subject).toBe(expected.subject);
        expect(listing.files.map(({ name, size }) => ({ name, size }))).toEqual(
          expected.files.map(({ name, size }) => ({ name, size })),
        );
        expected.files.forEach((file, i) => {
          if (file.mimeType !== undefined) expect(listing.files[i]!.mimeType).toBe(file.mimeType);
        });
      }
    },
  );

  it.each(corpus.filter((message) => message.expect.malformed).map((message) => [message.id, message] as const))(
    '%s: malformed input yields a listing or a MailError, never a crash',
    async (_id, message) => {
      for (const nestedMessages of ['eml', 'expand'] as const) {
        const outcome = await listAttachments(message.raw, { nestedMessages, inlineImages: true }).catch(
          (error: unknown) => error,
        );
        if (!Array.isArray(outcome)) expect(outcome).toBeInstanceOf(MailError);
      }
    },
  );

  it('zips every message with attachments in both nested-message modes, and the zip opens again', async () => {
    const messages = corpus.filter(
      (message: CorpusMessage) => message.expect.attachments?.length && message.raw.length < 2_000_000,
    );
    for (const message of messages) {
      for (const nestedMessages of ['eml', 'expand'] as const) {
        const attachments = await listAttachments(message.raw, { nestedMessages, inlineImages: true });
        const entries = zipEntriesForAttachments(attachments);
        const reopened = await JSZip.loadAsync(await (await buildZip(entries)).arrayBuffer(), { checkCRC32: true });
        for (const entry of entries) {
          expect(await reopened.file(entry.path)!.async('uint8array'), `${message.id}: ${entry.path}`).toEqual(
            entry.data,
          );
        }
      }
    }
  });
});
