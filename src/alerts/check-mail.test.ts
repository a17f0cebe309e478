import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { KsuiteApiClient } from '../ksuite/api-client';
import { folderIdFromPath, startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';
import { checkMail, cursorKey, EMPTY_CHECK_STATE, SWEEP_EVERY_MS, type MailCheckState } from './check-mail';

// The check against the replica's real routes: what is asked when, and what comes out.

let replica: Replica;
let api: KsuiteApiClient;
const INBOX = folderIdFromPath('INBOX');
const PRIMARY = 'anna.meier@muster.example';

beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  replica.control.clearRequestLog();
  const { name, value } = replica.control.issueSessionCookie();
  api = new KsuiteApiClient({ fetch: replicaFetch(replica.port, { cookie: `${name}=${value}` }), retries: 0 });
});

function apiPaths(): string[] {
  return replica.control
    .requestLog()
    .map((r) => r.path.replace(/\?.*/, '').replace(/\/api\/mail\/[^/]+/, '/api/mail/M'));
}

/** The replica logs a request once its connection closes, a moment after the client has the body. */
const settled = (assertion: () => void) => vi.waitFor(assertion, { timeout: 2000, interval: 10 });

async function bookmarked(watched = {}): Promise<MailCheckState> {
  const first = await checkMail(api, EMPTY_CHECK_STATE, watched, Date.now());
  await settled(() => expect(replica.control.requestLog().length).toBeGreaterThanOrEqual(7));
  replica.control.clearRequestLog();
  return first.state;
}

describe('checkMail', () => {
  it('bookmarks every INBOX on the first check and announces nothing that was already there', async () => {
    const first = await checkMail(api, EMPTY_CHECK_STATE, {}, Date.now());
    expect(first.arrived).toEqual([]);
    expect(first.state.mailboxes.map((m) => m.email)).toEqual([
      PRIMARY,
      'lea.rossi@studio-rossi.example',
      'support@muster.example',
    ]);
    expect(Object.keys(first.state.cursors)).toHaveLength(3);
    expect(first.unread).toBe(first.state.mailboxes.reduce((sum, m) => sum + m.unseen, 0));
    await settled(() => expect(apiPaths().filter((p) => p.endsWith('/folder'))).toHaveLength(3));
  });

  it('costs one request under 2 KB when nothing changed', async () => {
    const state = await bookmarked();
    const again = await checkMail(api, state, {}, Date.now());
    expect(again.arrived).toEqual([]);
    await settled(() =>
      expect(replica.control.requestLog().map((r) => r.path)).toEqual(['/api/mailbox?with=aliases,unseen']),
    );
    expect(replica.control.requestLog()[0]!.bytes).toBeLessThanOrEqual(2048);
    expect(again.state.cursors).toEqual(state.cursors);
  });

  it('finds a delivered message through the journal, with sender, subject, preview and where it is', async () => {
    const state = await bookmarked();
    const delivered = replica.control.deliver({
      raw: { from: 'Erika Muster <erika@example.net>', subject: 'Lunch?', text: 'On Friday at noon.' },
    });
    const check = await checkMail(api, state, {}, Date.now());
    await settled(() =>
      expect(apiPaths()).toEqual([
        '/api/mailbox',
        `/api/mail/M/folder/${INBOX}/mobile/activities`,
        `/api/mail/M/folder/${INBOX}/mobile/messages`,
      ]),
    );
    expect(check.arrived).toEqual([
      expect.objectContaining({
        uid: delivered.uid,
        shortUid: String(delivered.shortUid),
        mailboxUuid: delivered.mailboxUuid,
        mailboxEmail: PRIMARY,
        mailboxIndex: 0,
        folderId: INBOX,
        fromName: 'Erika Muster',
        fromEmail: 'erika@example.net',
        subject: 'Lunch?',
        preview: expect.stringContaining('On Friday at noon.'),
      }),
    ]);
    expect(check.unread).toBe(state.mailboxes.reduce((sum, m) => sum + m.unseen, 0) + 1);
  });

  it('never looks at Spam, Trash, Sent or Drafts, even when chosen', async () => {
    const state = await bookmarked();
    const spam = folderIdFromPath('Spam');
    const primary = state.mailboxes[0]!.uuid;
    const watched = { [primary]: [INBOX, spam, folderIdFromPath('Trash'), folderIdFromPath('Sent')] };
    const first = await checkMail(api, state, watched, Date.now());
    for (const folder of ['Spam', 'Trash', 'Sent', 'Drafts']) replica.control.deliver({ folder });
    const check = await checkMail(api, first.state, watched, Date.now());
    expect(check.arrived).toEqual([]);
    expect(Object.keys(check.state.cursors)).not.toContain(cursorKey(primary, spam));
  });

  it('watches a chosen sub-folder through the folder list, and a mailbox with no folder chosen not at all', async () => {
    const state = await bookmarked();
    const [primary, , support] = state.mailboxes;
    const projects = folderIdFromPath('INBOX/Projects');
    const watched = { [primary!.uuid]: [projects], [support!.uuid]: [] };
    const first = await checkMail(api, state, watched, Date.now());
    expect(Object.keys(first.state.cursors).sort()).toEqual(
      [cursorKey(primary!.uuid, projects), cursorKey(state.mailboxes[1]!.uuid, INBOX)].sort(),
    );
    const delivered = replica.control.deliver({ folder: 'INBOX/Projects' });
    replica.control.deliver({ mailbox: 'support@muster.example' });
    const check = await checkMail(api, first.state, watched, Date.now());
    expect(check.arrived.map((m) => m.uid)).toEqual([delivered.uid]);
  });

  it('says which announced messages were read or deleted elsewhere', async () => {
    let state = await bookmarked();
    const delivered = replica.control.deliver();
    state = (await checkMail(api, state, {}, Date.now())).state;
    await api.markSeen(delivered.mailboxUuid, [delivered.uid]);
    const check = await checkMail(api, state, {}, Date.now());
    expect(check.settled).toEqual([`${delivered.mailboxUuid}/${delivered.uid}`]);
    expect(check.arrived).toEqual([]);
  });

  it('falls back to the unseen filter when the journal refuses the signature', async () => {
    const state = await bookmarked();
    const key = cursorKey(state.mailboxes[0]!.uuid, INBOX);
    const stale = { ...state, cursors: { ...state.cursors, [key]: { ...state.cursors[key]!, signature: 'outdated' } } };
    const delivered = replica.control.deliver({
      raw: { from: 'A <a@example.net>', subject: 'Via the filter', text: 'x' },
    });
    const check = await checkMail(api, stale, {}, Date.now());
    expect(check.arrived.map((m) => m.uid)).toEqual([delivered.uid]);
    expect(check.state.cursors[key]!.signature).not.toBe('outdated');
  });

  it('catches a delivery hidden by a read elsewhere on the periodic sweep', async () => {
    const start = Date.now();
    let state = (await checkMail(api, EMPTY_CHECK_STATE, {}, start)).state;
    const primary = state.mailboxes[0]!;
    const { threads } = await api.threads(primary.uuid, INBOX, { unseenOnly: true });
    const delivered = replica.control.deliver();
    await api.markSeen(primary.uuid, [threads[0]!.messages.find((m) => !m.seen)!.uid]);

    const hidden = await checkMail(api, state, {}, start + 60_000);
    expect(hidden.arrived).toEqual([]);
    state = hidden.state;
    const swept = await checkMail(api, state, {}, start + SWEEP_EVERY_MS);
    expect(swept.arrived.map((m) => m.uid)).toEqual([delivered.uid]);
  });

  it('fails as signed_out without a session', async () => {
    replica.control.expireSession();
    await expect(checkMail(api, EMPTY_CHECK_STATE, {}, Date.now())).rejects.toMatchObject({ kind: 'signed_out' });
  });
});
