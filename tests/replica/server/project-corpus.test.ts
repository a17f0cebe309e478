import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, CORPUS_MAILBOXES } from '../corpus/index.ts';
import { startReplica, type Replica } from '../index.ts';
import type { FolderJson, MailboxJson, MessageJson, SuccessEnvelope, ThreadListJson } from './api-json.ts';
import { call } from './testing/https-client.ts';

// The replica loaded with the project corpus: every message must be reachable through the API, answer with
// JSON (malformed ones included), download byte for byte, and list the attachments the corpus says it holds.

interface Located {
  folder: FolderJson;
  listed: MessageJson;
}

let replica: Replica;
const located = new Map<string, Located>();

const api = (path: string) =>
  call(replica, `${replica.origins.mail}${path}`, { headers: { Authorization: `Bearer ${replica.demo.token}` } });
const data = async <T>(path: string) => (await api(path)).json<SuccessEnvelope<T>>().data;

function flatten(folders: FolderJson[]): FolderJson[] {
  return folders.flatMap((folder) => [folder, ...flatten(folder.children)]);
}

beforeAll(async () => {
  replica = await startReplica();
  const corpus = buildCorpus();
  for (const mailbox of await data<MailboxJson[]>('/api/mailbox')) {
    for (const folder of flatten(await data<FolderJson[]>(`/api/mail/${mailbox.uuid}/folder?with=ik-static`))) {
      let page: string | null = `/api/mail/${mailbox.uuid}/folder/${folder.id}/message?offset=0&thread=off`;
      while (page) {
        const list: ThreadListJson = await data<ThreadListJson>(page);
        for (const listed of list.threads.flatMap((thread) => thread.messages)) {
          const raw = (await api(listed.download_resource)).body;
          // Identical bytes may sit in several folders; each API message claims one corpus message.
          const source = corpus.find(
            (m) => !located.has(m.id) && m.mailbox === mailbox.email && m.folder === folder.path && raw.equals(m.raw),
          );
          if (source) located.set(source.id, { folder, listed });
        }
        page = list.resource_next;
      }
    }
  }
});
afterAll(() => replica?.close());

describe('project corpus through the replica API', () => {
  it('signs in as the primary mailbox owner and lists mailboxes primary first', async () => {
    const primary = CORPUS_MAILBOXES.find((m) => m.isPrimary);
    expect(replica.demo).toMatchObject({ email: primary?.email, password: 'demo' });
    const emails = (await data<MailboxJson[]>('/api/mailbox')).map((m) => m.email);
    const others = CORPUS_MAILBOXES.filter((m) => !m.isPrimary)
      .map((m) => m.email)
      .sort((a, b) => a.localeCompare(b));
    expect(emails).toEqual([primary?.email, ...others]);
  });

  it('reaches every corpus message, byte for byte, in the folder the corpus names, with its flags', () => {
    for (const source of buildCorpus()) {
      const hit = located.get(source.id);
      expect(hit, source.id).toBeDefined();
      expect(hit?.listed.seen, source.id).toBe(source.seen);
      expect(hit?.listed.flagged, source.id).toBe(source.flagged);
      expect(hit?.listed.answered, source.id).toBe(source.answered ?? false);
    }
  });

  it('answers every message with JSON, and its attachments as the corpus lists them', async () => {
    for (const source of buildCorpus()) {
      const hit = located.get(source.id);
      if (!hit) continue;
      const res = await api(`${hit.listed.resource}?prefered_format=html&with=auto_uncrypt`);
      expect(res.status, source.id).toBe(200);
      const message = res.json<SuccessEnvelope<MessageJson>>().data;
      expect(message.uid, source.id).toBe(hit.listed.uid);
      expect(message.size, source.id).toBe(source.raw.byteLength);
      if (source.expect.subject !== undefined) expect(message.subject, source.id).toBe(source.expect.subject);
      if (source.expect.attachments && !source.expect.malformed) {
        const listed = message.attachments.map((a) => ({
          name: a.name,
          size: a.size,
          mimeType: a.mime_type,
          inline: a.disposition === 'inline',
        }));
        const expected = source.expect.attachments.map((a) => ({
          name: a.name,
          size: a.size,
          mimeType: a.mimeType,
          inline: a.inline ?? false,
        }));
        expect(listed, source.id).toEqual(expected);
      }
      for (const attachment of message.attachments) {
        // Attached messages are listed without a resource of their own; the replica still serves them by part id.
        expect(attachment.resource === undefined, `${source.id} part ${attachment.part_id}`).toBe(
          attachment.mime_type === 'message/rfc822',
        );
        const file = await api(attachment.resource ?? `${message.resource}/attachment/${attachment.part_id}`);
        expect(file.status, `${source.id} part ${attachment.part_id}`).toBe(200);
        expect(file.body.length, `${source.id} part ${attachment.part_id}`).toBe(attachment.size);
      }
      const archivable = message.attachments.filter((a) => a.disposition === 'attachment');
      if (archivable.length > 0) {
        const zip = await JSZip.loadAsync((await api(`${message.resource}/attachmentsArchive`)).body);
        expect(Object.keys(zip.files), source.id).toHaveLength(archivable.length);
      }
    }
  });
});
