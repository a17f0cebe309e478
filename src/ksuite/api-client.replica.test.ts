import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KsuiteApiClient } from './api-client';
import { downloadRawMessage } from './raw-message';
import { parseMessageUid } from './webmail-dom';
import { startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';

let replica: Replica;
let client: KsuiteApiClient;

beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  const { name, value } = replica.control.issueSessionCookie();
  client = new KsuiteApiClient({ fetch: replicaFetch(replica.port, { cookie: `${name}=${value}` }), backoffMs: 5 });
});

async function firstInboxMessage() {
  const [mailbox] = await client.mailboxes();
  const inbox = (await client.folders(mailbox!.uuid)).find((f) => f.role === 'INBOX')!;
  const { threads } = await client.threads(mailbox!.uuid, inbox.id);
  const ref = parseMessageUid(threads[0]!.messages[0]!.uid)!;
  return { mailbox: mailbox!, ref };
}

describe('the API client against the replica', () => {
  it('walks mailboxes → folders → threads → message with the session cookie', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    const message = await client.message(mailbox.uuid, ref);
    expect(message.uid).toBe(ref.uid);
    expect(message.resource).toMatch(/^\/api\/mail\//);
  });

  it('downloads the raw message with exactly the announced bytes', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    const message = await client.message(mailbox.uuid, ref);
    const raw = await client.rawMessage(mailbox.uuid, ref);
    expect(raw.byteLength).toBe(message.size);
    expect(new TextDecoder().decode(raw.subarray(0, 2000))).toMatch(/^[\x21-\x39\x3b-\x7e]+:/m);
  });

  it('says signed_out when the session has expired', async () => {
    replica.control.expireSession();
    await expect(client.mailboxes()).rejects.toMatchObject({ kind: 'signed_out' });
  });

  it('works with a personal token instead of the session', async () => {
    replica.control.expireSession();
    const withToken = new KsuiteApiClient({ fetch: replicaFetch(replica.port), token: replica.demo.token });
    await expect(withToken.mailboxes()).resolves.not.toHaveLength(0);
  });

  it('rides out a short 429/500 storm', async () => {
    replica.control.failNext({ count: 2, status: 429, retryAfter: 0 });
    replica.control.failNext({ count: 1, status: 500 });
    await expect(client.ping()).resolves.toBeDefined();
  });

  it('refuses a raw download cut before its Content-Length', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    replica.control.truncateNext({ count: 1, bytes: 100, mode: 'cut' });
    await expect(client.rawMessage(mailbox.uuid, ref)).rejects.toMatchObject({ kind: 'incomplete' });
  });

  it('says not_found for a message that does not exist', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    await expect(client.message(mailbox.uuid, { ...ref, shortUid: '999999' })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});

describe("the replica's JSON variants, as the client hands them on", () => {
  it('gives every part id as a string and null for an attached message without a resource', async () => {
    const summaries = [];
    for (const mailbox of await client.mailboxes()) {
      const inbox = (await client.folders(mailbox.uuid)).find((f) => f.role === 'INBOX')!;
      const { threads } = await client.threads(mailbox.uuid, inbox.id, { limit: 200 });
      summaries.push(...threads.flatMap((t) => t.messages));
    }
    const attachments = summaries.flatMap((m) => m.attachments);
    expect(attachments.length).toBeGreaterThan(0);
    for (const attachment of attachments) expect(typeof attachment.part_id).toBe('string');
    const forwarded = attachments.filter((a) => a.mime_type === 'message/rfc822');
    expect(forwarded.length).toBeGreaterThan(0);
    for (const attachment of forwarded) expect(attachment.resource).toBeNull();
    for (const attachment of attachments.filter((a) => a.mime_type !== 'message/rfc822')) {
      expect(attachment.resource).toMatch(/\/attachment\/[\d.]+$/);
    }
  });

  it('carries total_count on folders and asks for threads with limit', async () => {
    const [mailbox] = await client.mailboxes();
    const inbox = (await client.folders(mailbox!.uuid)).find((f) => f.role === 'INBOX')!;
    expect(inbox.total_count).toEqual(expect.any(Number));
    replica.control.clearRequestLog();
    await client.threads(mailbox!.uuid, inbox.id);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the log is written once the answer is sent
    expect(replica.control.requestLog().map((e) => e.path)).toEqual([expect.stringMatching(/[?&]limit=50(&|$)/)]);
  });
});

describe('a raw message checked against its size and shape', () => {
  it('asks again after a short body and refuses it when it is short twice', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    const message = await client.message(mailbox.uuid, ref);
    replica.control.truncateNext({ count: 1, bytes: 300, mode: 'short' });
    const raw = await downloadRawMessage(client, mailbox.uuid, { ref, size: message.size });
    expect(raw.byteLength).toBe(message.size);
    replica.control.truncateNext({ count: 2, bytes: 300, mode: 'short' });
    await expect(downloadRawMessage(client, mailbox.uuid, { ref, size: message.size })).rejects.toMatchObject({
      kind: 'incomplete',
    });
  });

  it('refuses an HTML page served in place of the message: the sign-in page, so signed out', async () => {
    const { mailbox, ref } = await firstInboxMessage();
    const message = await client.message(mailbox.uuid, ref);
    replica.control.answerDownloadsWithHtml(1);
    await expect(downloadRawMessage(client, mailbox.uuid, { ref, size: message.size })).rejects.toMatchObject({
      kind: 'signed_out',
    });
  });
});
