import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEAT, BOOKKEEPING, CORPUS_MAILBOXES, secondAccountMessages } from '../corpus/index.ts';
import { startReplica, type Replica } from '../index.ts';
import type { ErrorEnvelope, MailboxJson, SuccessEnvelope } from './api-json.ts';
import { folderIdFromPath } from './folder-id.ts';
import { call, controlCall } from './testing/https-client.ts';

// Two Infomaniak accounts in one replica: each signs in (session or personal token) to its own mailboxes only,
// and their inboxes both count from uid 1, so the same folder id and uid name a different message in each.

let replica: Replica;
let second: Replica['demo'];

const INBOX = folderIdFromPath('INBOX');
const withToken = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
const api = (path: string, options: { headers: Record<string, string> }) =>
  call(replica, `${replica.origins.mail}${path}`, options);
const mailboxesOf = async (options: { headers: Record<string, string> }) =>
  (await api('/api/mailbox', options)).json<SuccessEnvelope<MailboxJson[]>>().data;

beforeAll(async () => {
  replica = await startReplica();
  second = replica.accounts[1]!;
});
afterAll(() => replica?.close());

describe('a second account', () => {
  it('signs in with its primary address, and has a token of its own', () => {
    expect(replica.accounts.map((a) => a.email)).toEqual([replica.demo.email, BEAT]);
    expect(second.token).not.toBe(replica.demo.token);
  });

  it("lists only its own mailboxes, with its token or its session, and the demo account only the demo's", async () => {
    expect((await mailboxesOf(withToken(second.token))).map((m) => m.email)).toEqual([BEAT, BOOKKEEPING]);
    const { name, value } = replica.control.issueSessionCookie(BEAT);
    expect((await mailboxesOf({ headers: { Cookie: `${name}=${value}` } })).map((m) => m.email)).toEqual([
      BEAT,
      BOOKKEEPING,
    ]);
    const demo = (await mailboxesOf(withToken(replica.demo.token))).map((m) => m.email);
    expect(demo.sort()).toEqual(CORPUS_MAILBOXES.map((m) => m.email).sort());
  });

  it("cannot reach the other account's mailbox, even with the right uuid", async () => {
    const [demoPrimary] = await mailboxesOf(withToken(replica.demo.token));
    const [secondPrimary] = await mailboxesOf(withToken(second.token));
    for (const [token, foreign] of [
      [second.token, demoPrimary!],
      [replica.demo.token, secondPrimary!],
    ] as const) {
      const res = await api(`/api/mail/${foreign.uuid}/folder/${INBOX}/message/1/download`, withToken(token));
      expect(res.status).toBe(404);
      expect(res.json<ErrorEnvelope>().error.code).toBe('object_not_found');
    }
  });

  it('has a message 1 in its inbox that is not the demo account’s message 1', async () => {
    const [demoPrimary] = await mailboxesOf(withToken(replica.demo.token));
    const [secondPrimary] = await mailboxesOf(withToken(second.token));
    const demoRaw = (
      await api(`/api/mail/${demoPrimary!.uuid}/folder/${INBOX}/message/1/download`, withToken(replica.demo.token))
    ).body;
    const secondRaw = (
      await api(`/api/mail/${secondPrimary!.uuid}/folder/${INBOX}/message/1/download`, withToken(second.token))
    ).body;
    expect(secondRaw.equals(Buffer.from(secondAccountMessages()[0]!.raw))).toBe(true);
    expect(demoRaw.equals(secondRaw)).toBe(false);
  });

  it('signs in through the sign-in form too', async () => {
    const res = await call(replica, `${replica.origins.login}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: BEAT, password: second.password, redirect: '' }).toString(),
    });
    expect(res.status).toBe(302);
    const cookie = (res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    expect((await mailboxesOf({ headers: { Cookie: cookie } }))[0]?.email).toBe(BEAT);
  });

  it('is named in the request log, and its token is on the control interface', async () => {
    replica.control.clearRequestLog();
    await mailboxesOf(withToken(second.token));
    expect(replica.control.requestLog()).toEqual([
      expect.objectContaining({ path: '/api/mailbox', auth: 'bearer', account: BEAT }),
    ]);
    const { json } = await controlCall<{ email: string; token: string }[]>(replica.controlUrl, 'GET', '/accounts');
    expect(json.map(({ email, token }) => ({ email, token }))).toEqual(
      replica.accounts.map(({ email, token }) => ({ email, token })),
    );
  });
});
