import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { folderIdFromPath, startReplica, type Replica } from '../../tests/replica/index';
import { replicaFetch } from '../../tests/support/replica-fetch';
import { KsuiteApiClient } from '../ksuite/api-client';
import { setApiToken } from '../settings';
import { NOTICE_ID } from './system-notifications';
import { testBrowser } from '../../tests/support/fake-browser';

// Clicks on a notification, against the replica: open the message, mark it read, archive it.

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
let replica: Replica;
let cookie: string;

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
  cookie = `${name}=${value}`;
  vi.stubGlobal('fetch', replicaFetch(replica.port, { cookie }));
});

/**
 * A poll that has announced one delivered message (into `mailbox`, the demo account's primary by default); returns
 * its notification id and the module under test.
 */
async function announced(mailbox?: string) {
  vi.resetModules();
  const { pollForMail } = await import('./poller');
  await pollForMail();
  const delivered = replica.control.deliver({
    mailbox,
    raw: { from: 'A <a@example.net>', subject: 'Click me', text: '.' },
  });
  await pollForMail();
  const id = `alerts:${delivered.mailboxUuid}/${delivered.uid}`;
  expect(Object.keys(await browser.notifications.getAll())).toEqual([id]);
  return { id, delivered, clicks: await import('./notification-clicks') };
}

async function inboxMessage(uid: string, mailboxUuid: string) {
  const api = new KsuiteApiClient({ fetch: replicaFetch(replica.port, { cookie }) });
  const { threads } = await api.threads(mailboxUuid, folderIdFromPath('INBOX'));
  return threads.flatMap((t) => t.messages).find((m) => m.uid === uid);
}

describe('clicking a notification', () => {
  it('opens the message in the existing webmail tab, focused, and dismisses the notification', async () => {
    const { id, delivered, clicks } = await announced();
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 3, windowId: 9, active: false } as never]);
    const update = vi.spyOn(browser.tabs, 'update').mockResolvedValue({} as never);
    const focus = vi.spyOn(browser.windows, 'update').mockResolvedValue({} as never);
    await clicks.openNotification(id);
    expect(query).toHaveBeenCalledWith({ url: 'https://mail.infomaniak.com/*' });
    expect(update).toHaveBeenCalledWith(3, {
      url: `https://mail.infomaniak.com/0;fid=${delivered.folderId}/thread/${delivered.shortUid}`,
      active: true,
    });
    expect(focus).toHaveBeenCalledWith(9, { focused: true });
    expect(await browser.notifications.getAll()).toEqual({});
  });

  it('opens a new tab when no webmail tab is open', async () => {
    const { id, clicks } = await announced();
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([]);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    await clicks.openNotification(id);
    expect(create).toHaveBeenCalledWith({
      url: expect.stringMatching(/^https:\/\/mail\.infomaniak\.com\/0;fid=[^/]+\/thread\/\d+$/),
    });
  });

  it('"Mark as read" marks the message read on the server and updates the badge', async () => {
    const { id, delivered, clicks } = await announced();
    const before = await browser.action.getBadgeText({});
    await clicks.runButton(id, 0);
    expect((await inboxMessage(delivered.uid, delivered.mailboxUuid))?.seen).toBe(true);
    expect(await browser.notifications.getAll()).toEqual({});
    expect(Number(await browser.action.getBadgeText({}))).toBe(Number(before) - 1);
  });

  it('"Archive" moves the message to the Archive folder', async () => {
    const { id, delivered, clicks } = await announced();
    await clicks.runButton(id, 1);
    expect(await inboxMessage(delivered.uid, delivered.mailboxUuid)).toBeUndefined();
    const api = new KsuiteApiClient({ fetch: replicaFetch(replica.port, { cookie }) });
    const { threads } = await api.threads(delivered.mailboxUuid, folderIdFromPath('Archive'));
    expect(threads.flatMap((t) => t.messages).map((m) => m.subject)).toContain('Click me');
  });

  it('keeps the notification when the action fails, so the user can still act in the webmail', async () => {
    const { id, clicks } = await announced();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    replica.control.failNext({ count: 4, status: 500 });
    await clicks.runButton(id, 0);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([id]);
  });
});

describe('clicking a notification found with a personal token of another account', () => {
  // The browser is signed in to the demo account; the token is the second account's, whose inbox has uids too.
  const second = () => replica.accounts[1]!;

  it('opens nothing in the webmail of the account signed in, and says why', async () => {
    await setApiToken(second().token);
    const { id, delivered, clicks } = await announced(second().email);
    expect(delivered.folderId).toBe(folderIdFromPath('INBOX'));
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 3, windowId: 9, active: false } as never]);
    const update = vi.spyOn(browser.tabs, 'update').mockResolvedValue({} as never);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    await clicks.openNotification(id);
    expect(update).not.toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    const shown = (await browser.notifications.getAll()) as Record<string, { message: string }>;
    expect(Object.keys(shown)).toEqual([NOTICE_ID]);
    expect(shown[NOTICE_ID]!.message).toBe(
      `The mailbox ${second().email} is not part of the Infomaniak account signed in to kSuite Mail in this browser. To open it here, sign in with the account it belongs to.`,
    );
  });

  it('opens the message when the webmail is signed in to that account too', async () => {
    await setApiToken(second().token);
    const { name, value } = replica.control.issueSessionCookie(second().email);
    vi.stubGlobal('fetch', replicaFetch(replica.port, { cookie: `${name}=${value}` }));
    const { id, delivered, clicks } = await announced(second().email);
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([]);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    await clicks.openNotification(id);
    expect(create).toHaveBeenCalledWith({
      url: `https://mail.infomaniak.com/0;fid=${delivered.folderId}/thread/${delivered.shortUid}`,
    });
  });

  it('opens the message when the webmail is signed out: it asks to sign in before it shows anything', async () => {
    await setApiToken(second().token);
    const { id, delivered, clicks } = await announced(second().email);
    replica.control.expireSession();
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([]);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    await clicks.openNotification(id);
    expect(create).toHaveBeenCalledWith({
      url: `https://mail.infomaniak.com/0;fid=${delivered.folderId}/thread/${delivered.shortUid}`,
    });
  });
});
