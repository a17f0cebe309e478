import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIG_MAILBOX, startReplica, type ReplicaWithBigMailbox } from '../index.ts';
import type {
  ActivitiesJson,
  ErrorEnvelope,
  FolderJson,
  MailboxJson,
  MessageJson,
  MessageUidsJson,
  MessagesByUidsJson,
  SuccessEnvelope,
  ThreadListJson,
} from './api-json.ts';
import type { MessagesChanged } from './control.ts';
import { call, controlCall, type CallResult } from './testing/https-client.ts';

// What an incremental backup and a backup under stress meet: messages added and deleted between two runs (in the
// big mailbox and the demo ones), and faults in the middle of a run — 429 storms and a rate limit with Retry-After,
// 500s, bodies cut short, a session that expires after so many more requests.

const ANNA = 'anna.meier@muster.example';

let replica: ReplicaWithBigMailbox;

function api(path: string, headers: Record<string, string> = { Authorization: `Bearer ${replica.demo.token}` }) {
  return call(replica, `${replica.origins.mail}${path}`, { headers });
}

async function data<T>(path: string): Promise<T> {
  const res = await api(path);
  const body = res.json<SuccessEnvelope<T> | ErrorEnvelope>();
  if (body.result !== 'success') throw new Error(`${path}: ${res.status} ${body.error.code}`);
  return body.data;
}

const flatten = (tree: FolderJson[]): FolderJson[] => tree.flatMap((f) => [f, ...flatten(f.children)]);

async function folderOf(email: string, path: string): Promise<{ uuid: string; folder: FolderJson; base: string }> {
  const mailbox = (await data<MailboxJson[]>('/api/mailbox')).find((m) => m.email === email)!;
  const folder = flatten(await data<FolderJson[]>(`/api/mail/${mailbox.uuid}/folder`)).find((f) => f.path === path)!;
  return { uuid: mailbox.uuid, folder, base: `/api/mail/${mailbox.uuid}/folder/${folder.id}` };
}

const uidOf = (message: MessageJson) => Number(message.uid.split('@')[0]);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function firstPage(base: string, limit = 50): Promise<MessageJson[]> {
  const page = await data<ThreadListJson>(`${base}/message?thread=off&limit=${limit}`);
  return page.threads.flatMap((thread) => thread.messages);
}

beforeAll(async () => {
  replica = await startReplica({ bigMailbox: { messages: 3_000, totalBytes: 400 * 2 ** 20, seed: 7 } });
}, 60_000);
afterAll(() => replica.close());
beforeEach(() => replica.control.reset());

describe('changes between two backups', () => {
  it('adds messages to a folder of the big mailbox: listed first, counted, journaled, the same on every run', async () => {
    const { folder, base } = await folderOf(BIG_MAILBOX, 'Archive/2026');
    const { signature } = await data<MessageUidsJson>(`${base}/mobile/date-ordered-messages-uids?messages=1`);
    const added = replica.control.addMessages({ mailbox: BIG_MAILBOX, folder: 'Archive/2026', count: 10 });
    expect(added.uids).toEqual(Array.from({ length: 10 }, (_, i) => folder.total_count + 1 + i));

    const after = (await folderOf(BIG_MAILBOX, 'Archive/2026')).folder;
    expect(after.total_count).toBe(folder.total_count + 10);
    expect(after.unread_count).toBe(folder.unread_count + 10);
    expect((await firstPage(base, 10)).map(uidOf)).toEqual([...added.uids].reverse());
    const delta = await data<ActivitiesJson>(`${base}/mobile/activities?signature=${encodeURIComponent(signature)}`);
    expect(delta.added).toEqual(added.uids);
    expect(delta.deleted).toEqual([]);

    const { messages } = await data<MessagesByUidsJson>(`${base}/mobile/messages?uids=${added.uids.join(',')}`);
    const hashes: string[] = [];
    for (const message of messages) {
      const raw = await api(message.download_resource);
      expect(raw.body.length).toBe(message.size);
      const parsed = await simpleParser(raw.body);
      expect(parsed.subject).toBe(message.subject);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : '').toBe(BIG_MAILBOX);
      hashes.push(sha256(raw.body));
    }
    expect(new Set(hashes).size).toBe(10);

    replica.control.reset();
    const again = replica.control.addMessages({ mailbox: BIG_MAILBOX, folder: 'Archive/2026', count: 10 });
    expect(again.uids).toEqual(added.uids);
    for (const [i, uid] of again.uids.entries())
      expect(sha256((await api(`${base}/message/${uid}/download`)).body)).toBe(hashes[i]);
  });

  it("adds messages to the demo account's inbox too", async () => {
    const { folder, base } = await folderOf(ANNA, 'INBOX');
    const added = replica.control.addMessages({ folder: 'INBOX', count: 3 });
    expect((await folderOf(ANNA, 'INBOX')).folder.total_count).toBe(folder.total_count + 3);
    const newest = await firstPage(base, 3);
    expect(newest.map(uidOf)).toEqual([...added.uids].reverse());
    for (const message of newest) {
      expect(message.to.map((r) => r.email)).toEqual([ANNA]);
      expect((await api(message.download_resource)).body.length).toBe(message.size);
    }
  });

  it('deletes messages: gone from listings and counts, journaled as deleted, not downloadable', async () => {
    const { folder, base } = await folderOf(BIG_MAILBOX, 'Archive/2020');
    const { signature } = await data<MessageUidsJson>(`${base}/mobile/date-ordered-messages-uids?messages=1`);
    const before = (await data<MessageUidsJson>(`${base}/mobile/date-ordered-messages-uids`)).messages_uids;
    const deleted = replica.control.deleteMessages({ mailbox: BIG_MAILBOX, folder: 'Archive/2020', count: 5 });
    expect(deleted.uids).toHaveLength(5);
    // Spread over the folder, not the newest five.
    expect(new Set(deleted.uids.map((uid) => Math.floor((before.indexOf(uid) / before.length) * 5)))).toEqual(
      new Set([0, 1, 2, 3, 4]),
    );
    const explicit = replica.control.deleteMessages({
      mailbox: BIG_MAILBOX,
      folder: 'Archive/2020',
      uids: [before[0]!],
    });
    expect(explicit.uids).toEqual([before[0]]);

    expect((await folderOf(BIG_MAILBOX, 'Archive/2020')).folder.total_count).toBe(folder.total_count - 6);
    const remaining = (await data<MessageUidsJson>(`${base}/mobile/date-ordered-messages-uids`)).messages_uids;
    expect(remaining).toEqual(before.filter((uid) => !deleted.uids.includes(uid) && uid !== before[0]));
    const delta = await data<ActivitiesJson>(`${base}/mobile/activities?signature=${encodeURIComponent(signature)}`);
    expect(delta.deleted.map(Number).sort((a, b) => a - b)).toEqual(
      [...deleted.uids, before[0]!].sort((a, b) => a - b),
    );
    const gone = await api(`${base}/message/${deleted.uids[0]}/download`);
    expect(gone.status).toBe(404);
    expect(gone.json<ErrorEnvelope>().error.code).toBe('mail__message_not_found');
  });

  it('takes the same calls over the control HTTP server', async () => {
    const { folder } = await folderOf(BIG_MAILBOX, 'a/b');
    const add = await controlCall<MessagesChanged>(replica.controlUrl, 'POST', '/add-messages', {
      mailbox: BIG_MAILBOX,
      folder: 'a/b',
      count: 2,
    });
    expect(add.status).toBe(200);
    expect(add.json.uids).toEqual([folder.total_count + 1, folder.total_count + 2]);
    const remove = await controlCall<MessagesChanged>(replica.controlUrl, 'POST', '/delete-messages', {
      mailbox: BIG_MAILBOX,
      folder: 'a/b',
      uids: add.json.uids,
    });
    expect(remove.json.uids).toEqual(add.json.uids);
    expect((await folderOf(BIG_MAILBOX, 'a/b')).folder.total_count).toBe(folder.total_count);
    const refused = await controlCall<{ error: string }>(replica.controlUrl, 'POST', '/add-messages', {
      folder: 'Nowhere',
      count: 1,
    });
    expect(refused.status).toBe(400);
  });
});

/** A message of the big mailbox of at least `min` bytes. */
async function bigMessage(min: number): Promise<MessageJson> {
  const { base } = await folderOf(BIG_MAILBOX, 'INBOX');
  const page = await data<ThreadListJson>(`${base}/message?thread=off&limit=200`);
  const found = page.threads.flatMap((t) => t.messages).find((m) => m.size >= min);
  if (!found) throw new Error(`no message of ${min} bytes`);
  return found;
}

describe('faults in the middle of a backup', () => {
  it('answers a storm of 429 with Retry-After on downloads only, then serves them', async () => {
    const message = await bigMessage(100_000);
    replica.control.failNext({ count: 5, status: 429, path: '/download', retryAfter: 3 });
    for (let i = 0; i < 5; i++) {
      const res = await api(message.download_resource);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.json<ErrorEnvelope>().error.code).toBe('too_many_request');
      // Listing goes on during the storm.
      expect((await api(message.resource)).status).toBe(200);
    }
    expect((await api(message.download_resource)).body.length).toBe(message.size);
  });

  it('limits the rate: past R requests a second answer 429 with Retry-After, until the second is over', async () => {
    const message = await bigMessage(10_000);
    replica.control.rateLimit({ perSecond: 5, retryAfter: 2, path: '/download' });
    const burst = await Promise.all(Array.from({ length: 12 }, () => api(message.download_resource)));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.headers['retry-after'] === '2')).toBe(true);
    expect((await api(message.resource)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(message.download_resource)).status).toBe(200);
    await controlCall(replica.controlUrl, 'POST', '/rate-limit', { perSecond: 0 });
    const free = await Promise.all(Array.from({ length: 12 }, () => api(message.download_resource)));
    expect(free.every((r) => r.status === 200)).toBe(true);
  });

  it('fails with 500 twice, then serves', async () => {
    const message = await bigMessage(10_000);
    replica.control.failNext({ count: 2, status: 500, path: '/download' });
    for (let i = 0; i < 2; i++) {
      const res = await api(message.download_resource);
      expect(res.status).toBe(500);
      expect(res.json<ErrorEnvelope>().error.code).toBe('internal_server_error');
    }
    expect((await api(message.download_resource)).body.length).toBe(message.size);
  });

  it('cuts a streamed body: the full Content-Length announced, the connection dropped after N bytes', async () => {
    const message = await bigMessage(2_000_000);
    const whole = (await api(message.download_resource)).body;
    replica.control.truncateNext({ count: 1, bytes: 1_500_000, mode: 'cut', path: '/download' });
    const cut = await api(message.download_resource);
    expect(cut.status).toBe(200);
    expect(Number(cut.headers['content-length'])).toBe(message.size);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(1_500_000);
    expect(cut.body.equals(whole.subarray(0, 1_500_000))).toBe(true);
    const next = await api(message.download_resource);
    expect(next.complete).toBe(true);
    expect(next.body.equals(whole)).toBe(true);
  });

  it('sends a short body that declares its own short length (only the JSON size shows it)', async () => {
    const message = await bigMessage(2_000_000);
    replica.control.truncateNext({ count: 1, bytes: 70_000, mode: 'short', path: '/download' });
    const short = await api(message.download_resource);
    expect(short.complete).toBe(true);
    expect(Number(short.headers['content-length'])).toBe(70_000);
    expect(short.body.length).toBe(70_000);
    expect(short.body.length).not.toBe(message.size);
  });

  it('ends the session after K more requests: a signed-out answer, until the user signs in again', async () => {
    const message = await bigMessage(10_000);
    const cookie = replica.control.issueSessionCookie();
    const withCookie = (c: { name: string; value: string }) => ({ Cookie: `${c.name}=${c.value}` });
    replica.control.expireSessionAfter({ requests: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api(message.download_resource, withCookie(cookie))).status);
    expect(statuses).toEqual([200, 200, 200, 401, 401]);
    const signedOut = await api(message.resource, withCookie(cookie));
    expect(signedOut.json<ErrorEnvelope>().error.code).toBe('not_authorized');
    const fresh = replica.control.issueSessionCookie();
    expect((await api(message.download_resource, withCookie(fresh))).body.length).toBe(message.size);
  });

  it('can answer the expiry with the 302 to the sign-in page, and count only matching requests', async () => {
    const message = await bigMessage(10_000);
    const cookie = replica.control.issueSessionCookie();
    const headers = { Cookie: `${cookie.name}=${cookie.value}` };
    await controlCall(replica.controlUrl, 'POST', '/expire-session-after', {
      requests: 1,
      answer: 'redirect',
      path: '/download',
    });
    for (let i = 0; i < 3; i++) expect((await api(message.resource, headers)).status).toBe(200);
    expect((await api(message.download_resource, headers)).status).toBe(200);
    const redirected: CallResult = await api(message.download_resource, headers);
    expect(redirected.status).toBe(302);
    expect(String(redirected.headers.location)).toMatch(/^https:\/\/login\.infomaniak\.com\/\?redirect=/);
  });

  it('takes the API token too when asked, and gives it back with restoreTokens', async () => {
    const message = await bigMessage(10_000);
    replica.control.expireSessionAfter({ requests: 0, tokens: true });
    const refused = await api(message.download_resource);
    expect(refused.status).toBe(401);
    expect(refused.json<ErrorEnvelope>().error.code).toBe('not_authorized');
    expect((await api(message.download_resource)).status).toBe(401);
    await controlCall(replica.controlUrl, 'POST', '/restore-tokens');
    expect((await api(message.download_resource)).body.length).toBe(message.size);
  });
});
