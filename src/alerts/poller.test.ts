import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';
import { setApiToken, setSettings } from '../settings';
import { ANNOUNCED_KEY } from './announced';
import { PAGE_NOTIFY } from './page-messages';
import { pauseAlerts } from './pause';
import { loadPollRecord } from './poll-record';
import { testBrowser } from '../../tests/support/fake-browser';

// One poll end to end in a fake browser (storage, badge, notifications) against the replica's real API.

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
let replica: Replica;

beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica?.close());
beforeEach(() => {
  replica.control.reset();
  vi.restoreAllMocks();
  testBrowser.reset();
  testBrowser.grantNotifications();
  const { name, value } = replica.control.issueSessionCookie();
  vi.stubGlobal('fetch', replicaFetch(replica.port, { cookie: `${name}=${value}` }));
});

/** A fresh copy of the poller, as a restarted service worker would load it (no state but storage). */
async function freshPoller() {
  vi.resetModules();
  return import('./poller');
}

async function bookmarkedPoller() {
  const poller = await freshPoller();
  const record = await poller.pollForMail();
  expect(record.status).toBe('ok');
  return poller;
}

const shown = () => browser.notifications.getAll() as Promise<Record<string, { title: string; message: string }>>;

describe('a poll', () => {
  it('shows the unread count on the badge and announces nothing on the first run', async () => {
    const { pollForMail } = await freshPoller();
    const record = await pollForMail();
    expect(record.unread).toBeGreaterThan(0);
    expect(await browser.action.getBadgeText({})).toBe(String(record.unread));
    expect(await shown()).toEqual({});
  });

  it('announces a new message once, even when a restarted worker is told about it again', async () => {
    const { pollForMail } = await bookmarkedPoller();
    const beforeDelivery = await loadPollRecord();
    const delivered = replica.control.deliver({
      raw: { from: 'Erika Muster <erika@example.net>', subject: 'Lunch?', text: 'Friday.' },
    });
    const record = await pollForMail();
    const id = `alerts:${delivered.mailboxUuid}/${delivered.uid}`;
    expect(await shown()).toEqual({
      [id]: expect.objectContaining({ title: 'Erika Muster', message: 'Lunch?\nFriday.', buttons: expect.any(Array) }),
    });
    expect(await browser.action.getBadgeText({})).toBe(String(record.unread));
    await browser.notifications.clear(id);

    // The journal replays the delivery (an older signature), and the worker's memory is gone.
    await browser.storage.local.set({ 'alerts.poll': beforeDelivery });
    const restarted = await freshPoller();
    await restarted.pollForMail();
    expect(await shown()).toEqual({});

    const later = replica.control.deliver({ raw: { from: 'x@example.net', subject: 'Later', text: '.' } });
    await restarted.pollForMail();
    expect(Object.keys(await shown())).toEqual([`alerts:${later.mailboxUuid}/${later.uid}`]);
  });

  it('stays silent in quiet hours, while paused, with alerts off or without the permission, and keeps it that way', async () => {
    const { pollForMail } = await bookmarkedPoller();
    await setSettings({ quietHours: { enabled: true, start: '00:00', end: '23:59' } });
    replica.control.deliver();
    await pollForMail();
    await setSettings({ quietHours: { enabled: false, start: '00:00', end: '23:59' }, alertsEnabled: false });
    replica.control.deliver();
    await pollForMail();
    await setSettings({ alertsEnabled: true });
    await pauseAlerts('hour');
    replica.control.deliver();
    await pollForMail();
    expect(await shown()).toEqual({});
    expect(Object.keys((await browser.storage.local.get(ANNOUNCED_KEY))[ANNOUNCED_KEY] as object)).toHaveLength(3);

    await browser.storage.local.remove('alerts.pausedUntil');
    await browser.permissions.remove({ permissions: ['notifications'] });
    replica.control.deliver();
    const record = await pollForMail();
    expect(await shown()).toEqual({});
    expect(await browser.action.getBadgeText({})).toBe(String(record.unread));
  });

  it('groups a burst into one notification', async () => {
    const { pollForMail } = await bookmarkedPoller();
    for (let i = 0; i < 5; i++) replica.control.deliver();
    await pollForMail();
    const all = await shown();
    expect(Object.keys(all)).toEqual([expect.stringMatching(/^alerts:group\//)]);
    expect(Object.values(all)[0]!.title).toBe('5 new messages');
  });

  it('withdraws the notification of a message read elsewhere', async () => {
    const { pollForMail } = await bookmarkedPoller();
    const delivered = replica.control.deliver();
    await pollForMail();
    expect(Object.keys(await shown())).toHaveLength(1);
    await fetch(`https://mail.infomaniak.com/api/mail/${delivered.mailboxUuid}/message/seen`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uids: [delivered.uid] }),
    });
    await pollForMail();
    expect(await shown()).toEqual({});
  });

  it('hands alerts to an open webmail tab where the browser has no notifications API', async () => {
    testBrowser.withoutNotificationsApi();
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 7, active: true } as never]);
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ shown: 1 });
    const { pollForMail } = await bookmarkedPoller();
    const delivered = replica.control.deliver({ raw: { from: 'Safari <s@example.net>', subject: 'Hi', text: '.' } });
    await pollForMail();
    expect(query).toHaveBeenCalledWith({ url: ['https://mail.infomaniak.com/*', 'https://ksuite.infomaniak.com/*'] });
    expect(send).toHaveBeenCalledWith(
      7,
      {
        type: PAGE_NOTIFY,
        notifications: [
          {
            id: `alerts:${delivered.mailboxUuid}/${delivered.uid}`,
            title: 'Safari',
            body: 'Hi\n.',
            url: expect.stringMatching(/^https:\/\/mail\.infomaniak\.com\/0;fid=.+\/thread\/\d+$/),
          },
        ],
      },
      { frameId: 0 },
    );
  });

  it('hands the webmail tab no link to a message found with a personal token of another account, and says why', async () => {
    testBrowser.withoutNotificationsApi();
    const second = replica.accounts[1]!;
    await setApiToken(second.token);
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 7, active: true } as never]);
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ shown: 1 });
    const { pollForMail } = await bookmarkedPoller();
    replica.control.deliver({ mailbox: second.email, raw: { from: 'Reto <r@example.net>', subject: 'Hi', text: '.' } });
    await pollForMail();
    expect(send).toHaveBeenCalledWith(
      7,
      {
        type: PAGE_NOTIFY,
        notifications: [
          expect.objectContaining({
            title: 'Reto',
            body: `Hi\n.\nThe mailbox ${second.email} is not part of the Infomaniak account signed in to kSuite Mail in this browser. To open it here, sign in with the account it belongs to.`,
            url: null,
          }),
        ],
      },
      { frameId: 0 },
    );
  });

  it('shows a grey "?" when signed out, and uses the personal token instead of the session once set', async () => {
    const { pollForMail } = await bookmarkedPoller();
    replica.control.expireSession();
    expect((await pollForMail()).status).toBe('signed_out');
    expect(await browser.action.getBadgeText({})).toBe('?');
    expect(await browser.action.getBadgeBackgroundColor({})).toEqual([138, 145, 156, 255]);

    await setApiToken(replica.demo.token);
    const record = await pollForMail();
    expect(record).toMatchObject({ status: 'ok', withToken: true });
    await vi.waitFor(() => expect(replica.control.requestLog().at(-1)?.auth).toBe('bearer'));
  });

  it('backs off after failures and lets the user force a check', async () => {
    const { pollForMail } = await bookmarkedPoller();
    replica.control.failNext({ count: 2, status: 500 });
    const failed = await pollForMail();
    expect(failed).toMatchObject({ status: 'error', errorKind: 'server', failures: 1 });
    replica.control.clearRequestLog();
    expect(await pollForMail()).toEqual(failed);
    expect(replica.control.requestLog()).toEqual([]);
    expect(await pollForMail({ force: true })).toMatchObject({ status: 'ok', failures: 0 });
  });
});
