import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_FOLDERS, BIG_MAILBOX, BIG_YEARS, startReplica, type ReplicaWithBigMailbox } from '../index.ts';
import type {
  ErrorEnvelope,
  FolderJson,
  MailboxJson,
  MessageJson,
  MessageUidsJson,
  MessagesByUidsJson,
  SuccessEnvelope,
  ThreadListJson,
} from './api-json.ts';
import { call, type CallResult } from './testing/https-client.ts';
import { resetPeak, startReplicaProcess } from './testing/replica-process.ts';

// The big generated mailbox through the API, at the scale a backup meets: 30,000 messages and 3 GiB, every route
// the real server has, listing pages fast, sizes equal to the bytes sent, the same mailbox on every start, and a
// replica whose memory stays flat while it streams a gigabyte.

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const OPTIONS = { messages: 30_000, totalBytes: 3 * GiB, seed: 1 };

let replica: ReplicaWithBigMailbox;
let uuid: string;
let folders: FolderJson[];

const flatten = (tree: FolderJson[]): FolderJson[] => tree.flatMap((f) => [f, ...flatten(f.children)]);
const folderAt = (path: string) => folders.find((f) => f.path === path)!;
const base = (folder: FolderJson) => `/api/mail/${uuid}/folder/${folder.id}`;

function api(target: ReplicaWithBigMailbox, path: string): Promise<CallResult> {
  return call(target, `${target.origins.mail}${path}`, { headers: { Authorization: `Bearer ${target.demo.token}` } });
}

async function data<T>(path: string, target = replica): Promise<T> {
  const res = await api(target, path);
  const body = res.json<SuccessEnvelope<T> | ErrorEnvelope>();
  if (body.result !== 'success') throw new Error(`${path}: ${res.status} ${body.error.code}`);
  return body.data;
}

async function bigMailboxOf(target: ReplicaWithBigMailbox): Promise<{ uuid: string; folders: FolderJson[] }> {
  const mailboxes = await data<MailboxJson[]>('/api/mailbox', target);
  const mailbox = mailboxes.find((m) => m.email === BIG_MAILBOX)!;
  return { uuid: mailbox.uuid, folders: flatten(await data<FolderJson[]>(`/api/mail/${mailbox.uuid}/folder`, target)) };
}

/** Every message of a folder by paging the thread list with thread=off, 200 at a time. */
async function pageAll(folder: FolderJson, target = replica, mailboxUuid = uuid): Promise<MessageJson[]> {
  const all: MessageJson[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await data<ThreadListJson>(
      `/api/mail/${mailboxUuid}/folder/${folder.id}/message?thread=off&limit=200&offset=${offset}`,
      target,
    );
    all.push(...page.threads.flatMap((thread) => thread.messages));
    if (!page.resource_next) return all;
  }
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  replica = await startReplica({ bigMailbox: OPTIONS });
  ({ uuid, folders } = await bigMailboxOf(replica));
}, 60_000);
afterAll(() => replica.close());

describe('big mailbox: mailboxes and folders', () => {
  it("is one more mailbox of the demo account, listed after the corpus's three", async () => {
    const mailboxes = await data<MailboxJson[]>('/api/mailbox');
    expect(mailboxes.map((m) => m.email)).toEqual([
      'anna.meier@muster.example',
      'lea.rossi@studio-rossi.example',
      'support@muster.example',
      'zentralarchiv@muster.example',
    ]);
  });

  it('has the folder tree with year folders, awkward names and an empty folder; counts add up', () => {
    expect(folders.map((f) => f.path)).toEqual([
      'INBOX',
      'Sent',
      'Drafts',
      'Trash',
      'Archive',
      'Archive/2019',
      'Archive/2020',
      'Archive/2021',
      'Archive/2022',
      'Archive/2023',
      'Archive/2024',
      'Archive/2025',
      'Archive/2026',
      'Projekte',
      'Projekte/Ä «Q3»',
      'a',
      'a/b',
      'Kunden: A|B?',
      'Kunden: A|B?/Mu\u0308ller & So\u0308hne',
      'CON',
      'Leer',
    ]);
    expect(folderAt('a/b').name).toBe('b');
    expect(folderAt(BIG_FOLDERS.quarter).name).toBe('Ä «Q3»');
    expect(folders.reduce((sum, f) => sum + f.total_count, 0)).toBe(30_000);
    expect(folderAt('Leer').total_count).toBe(0);
    for (const year of BIG_YEARS) expect(folderAt(`Archive/${year}`).total_count).toBeGreaterThan(1000);
    expect(folderAt('INBOX').unread_count).toBeGreaterThan(0);
    expect(folderAt('INBOX').unread_count).toBeLessThan(folderAt('INBOX').total_count);
  });
});

describe('big mailbox: listing at scale', () => {
  it('pages every folder with thread=off: every uid exactly once, newest first, as many as total_count', async () => {
    let listed = 0;
    const messageIds: string[] = [];
    const started = Date.now();
    for (const folder of folders) {
      const messages = await pageAll(folder);
      const uids = messages.map((m) => Number(m.uid.split('@')[0]));
      expect(new Set(uids).size, folder.path).toBe(folder.total_count);
      expect(uids.length, folder.path).toBe(folder.total_count);
      const dates = messages.map((m) => Date.parse(m.internal_date));
      expect(
        dates.every((date, i) => i === 0 || date <= dates[i - 1]!),
        folder.path,
      ).toBe(true);
      if (folder.path.startsWith('Archive/')) {
        const years = new Set(messages.map((m) => new Date(m.date).getUTCFullYear()));
        expect(
          [...years].every((y) => Math.abs(y - Number(folder.name)) <= 1),
          folder.path,
        ).toBe(true);
      }
      listed += messages.length;
      for (const message of messages) if (message.msg_id) messageIds.push(message.msg_id);
    }
    expect(listed).toBe(30_000);
    // Unique where present; some messages have none, as some real ones do.
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(messageIds.length).toBeGreaterThan(29_000);
    expect(messageIds.length).toBeLessThan(30_000);
    // 150 pages of 200, each well under a second even on a busy machine (mail-store.test.ts checks the kept order).
    expect((Date.now() - started) / 150).toBeLessThan(1000);
  });

  it('lists uids date-ordered as the apps ask (at most 10,000) and details 200 at a time, not 201', async () => {
    const inbox = folderAt('INBOX');
    const { messages_uids: uids } = await data<MessageUidsJson>(
      `${base(inbox)}/mobile/date-ordered-messages-uids?messages=10000&direction=desc`,
    );
    expect(uids).toHaveLength(inbox.total_count);
    const paged = (await pageAll(inbox)).map((m) => Number(m.uid.split('@')[0]));
    expect(uids).toEqual(paged);
    const details = await data<MessagesByUidsJson>(
      `${base(inbox)}/mobile/messages?uids=${uids.slice(0, 200).join(',')}`,
    );
    expect(details.messages.map((m) => Number(m.uid.split('@')[0]))).toEqual(uids.slice(0, 200));
    const tooMany = await api(replica, `${base(inbox)}/mobile/messages?uids=${uids.slice(0, 201).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json<ErrorEnvelope>().error.code).toBe('validation_failed');
  });

  it('answers at most 10,000 date-ordered uids of a bigger folder', async () => {
    const inbox = folderAt('INBOX');
    const added = replica.control.addMessages({
      mailbox: BIG_MAILBOX,
      folder: 'INBOX',
      count: 10_001 - inbox.total_count + 500,
    });
    try {
      const total = (await bigMailboxOf(replica)).folders.find((f) => f.path === 'INBOX')!.total_count;
      expect(total).toBeGreaterThan(10_000);
      const asked = await data<MessageUidsJson>(`${base(inbox)}/mobile/date-ordered-messages-uids?messages=50000`);
      expect(asked.messages_uids).toHaveLength(10_000);
      const unasked = await data<MessageUidsJson>(`${base(inbox)}/mobile/date-ordered-messages-uids`);
      expect(unasked.messages_uids).toHaveLength(10_000);
      // Newest first: the added messages, the newest of them first.
      expect(asked.messages_uids.slice(0, 3)).toEqual(added.uids.slice(-3).reverse());
    } finally {
      replica.control.reset();
    }
  });

  it('groups conversations with thread=on: the threads hold every message once', async () => {
    const folder = folderAt('Sent');
    const seen = new Set<string>();
    let threads = 0;
    let grouped = 0;
    for (let offset = 0; ; offset += 200) {
      const page = await data<ThreadListJson>(`${base(folder)}/message?thread=on&limit=200&offset=${offset}`);
      threads += page.threads.length;
      for (const thread of page.threads) {
        if (thread.messages.length > 1) grouped += 1;
        for (const message of thread.messages) seen.add(message.uid);
      }
      expect(page.total_messages_count).toBe(folder.total_count);
      if (!page.resource_next) {
        expect(threads).toBe(page.messages_count);
        break;
      }
    }
    expect(seen.size).toBe(folder.total_count);
    expect(grouped).toBeGreaterThan(0);
  });

  it('filters by sfromdate/stodate on the date a message arrived', async () => {
    const inbox = folderAt('INBOX');
    const all = await pageAll(inbox);
    const in2021 = all.filter((m) => m.internal_date.startsWith('2021-')).length;
    const page = await data<ThreadListJson>(
      `${base(inbox)}/message?thread=off&limit=10&sfromdate=${encodeURIComponent('2021-01-01 00:00:00')}&stodate=2021-12-31`,
    );
    expect(page.total_messages_count).toBe(in2021);
    expect(in2021).toBeGreaterThan(100);
    expect(page.threads.every((t) => t.messages[0]!.internal_date.startsWith('2021-'))).toBe(true);
  });
});

describe('big mailbox: messages', () => {
  it('downloads exactly `size` bytes as message/rfc822, Content-Length included, the largest message too', async () => {
    const sizes: { path: string; size: number }[] = [];
    for (const folder of [folderAt('INBOX'), folderAt('Archive/2023'), folderAt(BIG_FOLDERS.mueller)]) {
      const messages = await pageAll(folder);
      const bySize = [...messages].sort((a, b) => b.size - a.size);
      for (const message of [...bySize.slice(0, 3), ...messages.filter((_, i) => i % 400 === 0)])
        sizes.push({ path: message.download_resource, size: message.size });
    }
    for (const { path, size } of sizes) {
      const res = await api(replica, path);
      expect(res.status, path).toBe(200);
      expect(res.complete, path).toBe(true);
      expect(res.headers['content-type'], path).toBe('message/rfc822');
      expect(Number(res.headers['content-length']), path).toBe(size);
      expect(res.body.length, path).toBe(size);
    }
    expect(Math.max(...sizes.map((s) => s.size))).toBeGreaterThan(20 * MiB);
  });

  it('gives the details of one message with its body and attachment', async () => {
    const messages = await pageAll(folderAt('Archive/2024'));
    const withFile = messages.find((m) => m.has_attachments)!;
    const detail = await data<MessageJson>(`${withFile.resource}?prefered_format=plain`);
    expect(detail.body?.type).toBe('text/plain');
    expect(detail.body?.value.length).toBeGreaterThan(3000);
    expect(detail.preview.length).toBeGreaterThan(50);
    expect(detail.attachments).toHaveLength(1);
    const file = await api(replica, detail.attachments[0]!.resource!);
    expect(file.body.length).toBe(detail.attachments[0]!.size);
  });

  it('is the same mailbox byte for byte on another start with the same seed', async () => {
    const second = await startReplica({ bigMailbox: OPTIONS });
    try {
      const again = await bigMailboxOf(second);
      expect(again.uuid).toBe(uuid);
      expect(again.folders.map((f) => [f.id, f.total_count, f.unread_count])).toEqual(
        folders.map((f) => [f.id, f.total_count, f.unread_count]),
      );
      for (const path of ['Projekte/Ä «Q3»', 'Archive/2019']) {
        const folder = folderAt(path);
        const first = await pageAll(folder);
        const other = await pageAll(
          again.folders.find((f) => f.path === path)!,
          second,
          again.uuid,
        );
        expect(other).toEqual(first);
        for (const message of first.filter((_, i) => i % 150 === 0)) {
          const [a, b] = await Promise.all([
            api(replica, message.download_resource),
            api(second, message.download_resource),
          ]);
          expect(sha256(b.body)).toBe(sha256(a.body));
        }
      }
    } finally {
      await second.close();
    }
  });
});

/** Streams a download and keeps only its length and whether it came whole. */
function drain(target: { port: number; certPem: string; token: string }, path: string) {
  return new Promise<{ status: number; declared: number; received: number }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        servername: 'mail.infomaniak.com',
        ca: target.certPem,
        path,
        headers: { Host: 'mail.infomaniak.com', Authorization: `Bearer ${target.token}`, Accept: 'message/rfc822' },
        agent: false,
      },
      (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => (received += chunk.length));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, declared: Number(res.headers['content-length']), received }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('big mailbox: memory', () => {
  it('streams a gigabyte of downloads while its memory stays within a few tens of MB of where it started', async () => {
    const child = await startReplicaProcess({ bigMailbox: OPTIONS });
    try {
      const target = { ...child, certPem: child.certPem };
      const getData = async <T>(path: string): Promise<T> => {
        const res = await call(target, `https://mail.infomaniak.com${path}`, {
          headers: { Authorization: `Bearer ${child.token}` },
        });
        return res.json<SuccessEnvelope<T>>().data;
      };
      const mailbox = (await getData<MailboxJson[]>('/api/mailbox')).find((m) => m.email === BIG_MAILBOX)!;
      const tree = flatten(await getData<FolderJson[]>(`/api/mail/${mailbox.uuid}/folder`));
      // The biggest messages of a few folders, listed first: listing warms the replica up before the baseline.
      const downloads: { path: string; size: number }[] = [];
      for (const folder of tree.filter((f) => f.path.startsWith('Archive/'))) {
        for (let offset = 0; offset < folder.total_count; offset += 200) {
          const page = await getData<ThreadListJson>(
            `/api/mail/${mailbox.uuid}/folder/${folder.id}/message?thread=off&limit=200&offset=${offset}`,
          );
          for (const thread of page.threads)
            for (const m of thread.messages) downloads.push({ path: m.download_resource, size: m.size });
        }
      }
      downloads.sort((a, b) => b.size - a.size);
      const before = child.memory().rss;
      resetPeak(child.pid);
      let streamed = 0;
      let next = 0;
      const worker = async () => {
        while (streamed < GiB && next < downloads.length) {
          const { path, size } = downloads[next++]!;
          const got = await drain(child, path);
          expect(got).toEqual({ status: 200, declared: size, received: size });
          streamed += got.received;
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      const { rss, peak } = child.memory();
      console.log(
        `big mailbox memory: streamed ${(streamed / MiB).toFixed(0)} MiB; RSS ${(before / MiB).toFixed(0)} → ${(rss / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB`,
      );
      expect(streamed).toBeGreaterThanOrEqual(GiB);
      expect(peak - before).toBeLessThan(64 * MiB);
    } finally {
      await child.close();
    }
  }, 180_000);
});
