import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVERSARIAL_FOLDER,
  adversarialMessages,
  adversarialPairs,
  SAME_NAME_COUNT,
  sameNameContent,
} from '../corpus/adversarial.ts';
import { CORPUS_MAILBOXES } from '../corpus/index.ts';
import { folderIdFromPath, projectCorpus, startReplica, type Replica } from '../index.ts';
import type { MailboxJson, MessageJson, MessageUidsJson, SuccessEnvelope } from './api-json.ts';
import { call } from './testing/https-client.ts';

// The hostile messages of corpus/adversarial.ts through the replica API: served only when asked, in a folder of
// their own, each listed with every attachment its builder put in. mailparser gives up on a message of more than
// 1,000 parts, and the replica then listed none of the 4,000 "a.pdf" nor the PDF behind 200,000 empty parts.

let replica: Replica;
const listed = new Map<string, MessageJson>();

const api = (path: string) =>
  call(replica, `${replica.origins.mail}${path}`, { headers: { Authorization: `Bearer ${replica.demo.token}` } });
const data = async <T>(path: string) => (await api(path)).json<SuccessEnvelope<T>>().data;

beforeAll(async () => {
  replica = await startReplica({ adversarial: true });
  const mailbox = (await data<MailboxJson[]>('/api/mailbox')).find((m) => m.is_primary)!;
  const folder = `/api/mail/${mailbox.uuid}/folder/${folderIdFromPath(ADVERSARIAL_FOLDER)}`;
  // By uid and raw bytes, not by the thread list: every message is matched to its source byte for byte.
  const { messages_uids: uids } = await data<MessageUidsJson>(`${folder}/mobile/date-ordered-messages-uids`);
  for (const uid of uids) {
    const message = await data<MessageJson>(`${folder}/message/${uid}?prefered_format=plain`);
    const raw = (await api(message.download_resource)).body;
    const source = adversarialMessages().find((candidate) => raw.equals(candidate.raw));
    if (source) listed.set(source.id, message);
  }
}, 180_000);
afterAll(() => replica?.close());

describe('the adversarial messages', () => {
  it('are served only when asked for, all in the primary mailbox folder of their own', () => {
    const primary = CORPUS_MAILBOXES.find((mailbox) => mailbox.isPrimary)!.email;
    expect(projectCorpus().messages.filter((m) => m.folder === ADVERSARIAL_FOLDER)).toEqual([]);
    expect(projectCorpus({ adversarial: true }).messages.length).toBe(projectCorpus().messages.length + 6);
    for (const message of adversarialMessages()) {
      expect(message.folder, message.id).toBe(ADVERSARIAL_FOLDER);
      expect(message.mailbox, message.id).toBe(primary);
    }
    expect([...listed.keys()].sort()).toEqual(
      adversarialMessages()
        .map((m) => m.id)
        .sort(),
    );
  });

  it('come each with an ordinary message of the same size', () => {
    for (const { row, hostile, ordinary } of adversarialPairs()) {
      expect(Math.abs(hostile.raw.length - ordinary.raw.length) / hostile.raw.length, row).toBeLessThan(0.001);
    }
  });

  it('list every attachment they hold, 4,000 of one name included', () => {
    for (const source of adversarialMessages()) {
      const message = listed.get(source.id)!;
      expect(message.subject, source.id).toBe(source.expect.subject);
      const attachments = message.attachments.map((a) => ({ name: a.name, size: a.size, mimeType: a.mime_type }));
      expect(attachments, source.id).toEqual(source.expect.attachments);
    }
    expect(listed.get('adversarial-same-name-4000')!.attachments).toHaveLength(SAME_NAME_COUNT);
  });

  it("put the 4,000 files of one name in the server's archive, numbered in the order of the message", async () => {
    const message = listed.get('adversarial-same-name-4000')!;
    const zip = await JSZip.loadAsync((await api(`${message.resource}/attachmentsArchive`)).body);
    expect(Object.keys(zip.files)).toHaveLength(SAME_NAME_COUNT);
    for (const index of [1, 2, 3, 1000, 3999, SAME_NAME_COUNT]) {
      const name = index === 1 ? 'a.pdf' : `a (${index}).pdf`;
      const bytes = await zip.file(name)?.async('uint8array');
      expect(bytes && Buffer.from(bytes).equals(Buffer.from(sameNameContent(index))), name).toBe(true);
    }
  });
});
