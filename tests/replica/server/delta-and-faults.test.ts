import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  ActivitiesJson,
  ErrorEnvelope,
  MailboxJson,
  MessageJson,
  MessageUidsJson,
  MessagesByUidsJson,
} from './api-json.ts';
import type { SessionCookie } from './auth.ts';
import type { RequestLogEntry } from './request-log.ts';
import { controlCall } from './testing/https-client.ts';
import { startFixtureReplica, type FixtureReplica } from './testing/fixture-replica.ts';
import { DEMO, OTHER } from './testing/fixture-corpus.ts';

let r: FixtureReplica;
let uuid: string;
const INBOX = 'eJzz9HPyjwAABGYBgQ--';

beforeAll(async () => {
  r = await startFixtureReplica();
});
afterAll(() => r.replica.close());
beforeEach(async () => {
  r.replica.control.reset();
  uuid = (await r.data<MailboxJson[]>('/api/mailbox'))[0]?.uuid ?? '';
});

const mobile = (route: string) => `/api/mail/${uuid}/folder/${INBOX}/mobile/${route}`;
const uidsAndSignature = (query: string) => r.data<MessageUidsJson>(mobile(`date-ordered-messages-uids?${query}`));
const activitiesSince = (signature: string) =>
  r.data<ActivitiesJson>(mobile(`activities?signature=${encodeURIComponent(signature)}`));

describe('delta routes', () => {
  it('lists uids newest first with a signature', async () => {
    const data = await uidsAndSignature('messages=3&direction=desc');
    expect(data.messages_uids).toEqual([4, 3, 2]);
    expect(data.signature).toEqual(expect.any(String));
  });

  it('reports a delivery as added, flag changes as updated, and advances the signature', async () => {
    const start = (await uidsAndSignature('messages=50&direction=desc')).signature;
    const quiet = await activitiesSince(start);
    expect(quiet).toEqual({ deleted: [], updated: [], added: [], unread_count: 2, signature: start });

    const delivered = r.replica.control.deliver({
      raw: { from: 'Alerts <alerts@example.com>', subject: 'Neue Nachricht ✉', text: 'Hallo' },
    });
    expect(delivered).toEqual({ uid: `5@${INBOX}`, shortUid: 5, folderId: INBOX, mailboxUuid: uuid });
    await r.api(`/api/mail/${uuid}/message/seen`, { method: 'POST', json: { uids: [`2@${INBOX}`] } });

    const delta = await activitiesSince(start);
    expect(delta.added).toEqual([5]);
    expect(delta.updated).toEqual([
      { uid: '2', seen: true, flagged: false, answered: false, forwarded: false, scheduled: false },
    ]);
    expect(delta.deleted).toEqual([]);
    expect(delta.unread_count).toBe(2);
    expect(delta.signature).not.toBe(start);

    const details = await r.data<MessagesByUidsJson>(mobile(`messages?uids=${delta.added.join(',')}`));
    expect(details.messages).toHaveLength(1);
    expect(details.messages[0]).toMatchObject({
      uid: `5@${INBOX}`,
      subject: 'Neue Nachricht ✉',
      seen: false,
      preview: 'Hallo',
    });
    expect(details.messages[0]?.from).toEqual([{ email: 'alerts@example.com', name: 'Alerts' }]);

    const later = await activitiesSince(delta.signature);
    expect(later).toMatchObject({ added: [], updated: [], deleted: [] });
  });

  it('reports moved-away messages as deleted', async () => {
    const start = (await uidsAndSignature('messages=1')).signature;
    await r.api(`/api/mail/${uuid}/message/delete`, { method: 'POST', json: { uids: [`1@${INBOX}`] } });
    const delta = await activitiesSince(start);
    expect(delta.deleted).toEqual(['1']);
  });

  it('refuses unknown or pre-reset signatures with a 400 error envelope', async () => {
    const start = (await uidsAndSignature('messages=1')).signature;
    r.replica.control.reset();
    for (const signature of [start, 'garbage', '']) {
      const res = await r.api(mobile(`activities?signature=${encodeURIComponent(signature)}`));
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ result: 'error', error: { code: expect.any(String) } });
    }
  });

  it('limits mobile/messages to 200 uids', async () => {
    const uids = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
    expect((await r.api(mobile(`messages?uids=${uids}`))).status).toBe(400);
  });

  it('delivers into another mailbox and folder, raw bytes included', async () => {
    const raw = Buffer.from('From: x@example.com\r\nSubject: raw one\r\n\r\nbody\r\n');
    const result = r.replica.control.deliver({ mailbox: OTHER, raw: raw.toString('base64') });
    const otherUuid = (await r.data<MailboxJson[]>('/api/mailbox'))[1]?.uuid;
    const download = await r.api(
      `/api/mail/${otherUuid}/folder/${result.folderId}/message/${result.shortUid}/download`,
    );
    expect(download.body.equals(raw)).toBe(true);
    expect(() => r.replica.control.deliver({ mailbox: 'nobody@example.com' })).toThrow();
  });
});

describe('faults', () => {
  it('fails the next N API requests with 429 and Retry-After, then recovers', async () => {
    r.replica.control.failNext({ count: 2, status: 429, retryAfter: 7 });
    for (let i = 0; i < 2; i += 1) {
      const res = await r.api('/api/mailbox');
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json<ErrorEnvelope>()).toEqual({
        result: 'error',
        error: { code: 'too_many_request', description: expect.any(String) },
      });
    }
    expect((await r.api('/api/mailbox')).status).toBe(200);
  });

  it('fails only requests whose path matches the filter', async () => {
    r.replica.control.failNext({ count: 1, status: 500, path: '/download' });
    expect((await r.api('/api/mailbox')).status).toBe(200);
    const res = await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/1/download`);
    expect(res.status).toBe(500);
    expect(res.json<ErrorEnvelope>().result).toBe('error');
    expect((await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/1/download`)).status).toBe(200);
  });

  it('fails with 404 object_not_found', async () => {
    r.replica.control.failNext({ count: 1, status: 404 });
    expect(await r.errorCode('/api/ping-with-auth')).toBe('object_not_found');
  });

  it('adds latency to API requests', async () => {
    r.replica.control.setLatency(150);
    const started = Date.now();
    await r.api('/api/ping-with-auth');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    r.replica.control.setLatency(0);
  });

  it("truncates downloads: 'cut' promises the full length and drops the connection", async () => {
    const full = (await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/3/download`)).body;
    r.replica.control.truncateNext({ count: 1, bytes: 100, mode: 'cut' });
    const cut = await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/3/download`);
    expect(Number(cut.headers['content-length'])).toBe(full.length);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(100);
    expect(cut.body.equals(full.subarray(0, 100))).toBe(true);
    expect((await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/3/download`)).body.equals(full)).toBe(true);
  });

  it("truncates downloads: 'short' declares and sends fewer bytes", async () => {
    r.replica.control.truncateNext({ count: 2, bytes: 10, mode: 'short' });
    const message = await r.data<MessageJson>(`/api/mail/${uuid}/folder/${INBOX}/message/3`);
    const pdf = message.attachments.find((a) => a.name === 'report.pdf');
    for (const path of [pdf?.resource ?? '', message.download_resource]) {
      const res = await r.api(path);
      expect(res.complete).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(10);
      expect(res.body.length).toBe(10);
    }
    expect((await r.api(pdf?.resource ?? '')).body.length).toBe(pdf?.size);
  });

  it('cuts only the downloads whose path names the route asked for, when a path is given', async () => {
    const message = await r.data<MessageJson>(`/api/mail/${uuid}/folder/${INBOX}/message/3`);
    const pdf = message.attachments.find((a) => a.name === 'report.pdf')!;
    r.replica.control.truncateNext({ count: 1, bytes: 10, mode: 'short', path: '/download' });
    r.replica.control.answerDownloadsWithHtml(1, ['/attachmentsArchive', '/download']);
    // The attachment is neither: whole, and neither fault is used up by it.
    expect((await r.api(pdf.resource!)).body.length).toBe(pdf.size);
    const first = await r.api(message.download_resource);
    expect(String(first.headers['content-type'])).toMatch(/^text\/html/);
    const second = await r.api(message.download_resource);
    expect(second.body.length).toBe(10);
    expect((await r.api(message.download_resource)).body.length).toBe(message.size);
  });

  it('answers the next downloads with an HTML page and status 200, then recovers', async () => {
    const download = `/api/mail/${uuid}/folder/${INBOX}/message/3/download`;
    const full = (await r.api(download)).body;
    r.replica.control.answerDownloadsWithHtml(2);
    for (let i = 0; i < 2; i++) {
      const page = await r.api(download);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body.toString('utf8')).toMatch(/^<!DOCTYPE html>/);
      expect(Number(page.headers['content-length'])).toBe(page.body.length);
    }
    expect((await r.api(download)).body.equals(full)).toBe(true);
  });

  it('logs requests with host, path, status, bytes and auth kind', async () => {
    r.replica.control.clearRequestLog();
    await r.api('/api/ping-with-auth');
    await r.mail('/api/mailbox', { headers: { Cookie: r.sessionCookie() } });
    await r.mail('/api/mailbox');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const log = r.replica.control.requestLog();
    expect(log.map((e) => [e.method, e.host, e.path, e.status, e.auth, e.authorized])).toEqual([
      ['GET', 'mail.infomaniak.com', '/api/ping-with-auth', 200, 'bearer', true],
      ['GET', 'mail.infomaniak.com', '/api/mailbox', 200, 'cookie', true],
      ['GET', 'mail.infomaniak.com', '/api/mailbox', 401, 'none', false],
    ]);
    expect(log[0]?.bytes).toBe(JSON.stringify({ result: 'success', data: 'pong' }).length);
    r.replica.control.clearRequestLog();
    expect(r.replica.control.requestLog()).toEqual([]);
  });
});

describe('control HTTP server', () => {
  it('offers the same operations over plain HTTP on 127.0.0.1', async () => {
    const url = r.replica.controlUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await controlCall<{ operations: string[] }>(url, 'GET', '/')).json.operations).toContain('POST /deliver');

    const delivered = await controlCall(url, 'POST', '/deliver', {
      folder: 'INBOX',
      raw: { from: 'a@example.com', subject: 'via http', text: 'x' },
    });
    expect(delivered.json).toMatchObject({ shortUid: 5, folderId: INBOX });

    const cookie = (await controlCall<SessionCookie>(url, 'POST', '/session-cookie')).json;
    expect(cookie).toMatchObject({ name: 'KSUITE_SESSION', domain: '.infomaniak.com' });
    expect(
      (await r.mail('/api/ping-with-auth', { headers: { Cookie: `${cookie.name}=${cookie.value}` } })).status,
    ).toBe(200);
    await controlCall(url, 'POST', '/expire-session', {});
    expect(
      (await r.mail('/api/ping-with-auth', { headers: { Cookie: `${cookie.name}=${cookie.value}` } })).status,
    ).toBe(401);

    await controlCall(url, 'POST', '/fail', { count: 1, status: 503 });
    expect((await r.api('/api/ping-with-auth')).status).toBe(503);
    await controlCall(url, 'POST', '/truncate', { count: 1, bytes: 5, mode: 'short' });
    expect((await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/1/download`)).body.length).toBe(5);
    await controlCall(url, 'POST', '/html-download', { count: 1 });
    expect((await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/1/download`)).headers['content-type']).toMatch(
      /^text\/html/,
    );
    await controlCall(url, 'POST', '/latency', { ms: 0 });

    expect((await controlCall<RequestLogEntry[]>(url, 'GET', '/requests')).json.length).toBeGreaterThan(0);
    await controlCall(url, 'DELETE', '/requests');
    expect((await controlCall(url, 'GET', '/requests')).json).toEqual([]);

    await controlCall(url, 'POST', '/reset');
    expect((await r.api(`/api/mail/${uuid}/folder/${INBOX}/message/5`)).status).toBe(404);

    expect((await controlCall(url, 'POST', '/truncate', { count: 1, bytes: 5, mode: 'weird' })).status).toBe(400);
    expect((await controlCall(url, 'POST', '/nope')).status).toBe(404);
  });

  it('is not reachable under the Infomaniak names', async () => {
    for (const host of ['mail.infomaniak.com', 'ksuite.infomaniak.com', 'login.infomaniak.com:443']) {
      const res = await controlCall<{ operations?: string[] }>(r.replica.controlUrl, 'GET', '/', undefined, {
        Host: host,
      });
      expect(res.status).toBe(404);
      expect(res.json.operations).toBeUndefined();
    }
  });
});

it('uses the demo user of the fixture', () => {
  expect(r.replica.demo.email).toBe(DEMO);
});
