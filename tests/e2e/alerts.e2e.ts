import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithNotificationsGranted, type GrantedBrowser } from './support/granted-profile';
import { CHROME_BUILD } from './support/launch';
import { ReplicaClient } from './support/replica-client';

// New-mail alerts in the shipped build, against the replica, with the notifications permission granted through
// the browser profile (see granted-profile.ts: headless Chromium cannot answer the prompt; the build is unchanged).
// Checks are made to happen now by scheduling the extension's own alarm, as the browser would.

/** Checks go to the replica and back; the first touch of a message also parses it there. */
const EVENTUALLY = { timeout: 20_000 };
const POLL_ALARM = 'alerts-poll';
const SIGNED_OUT_GREY = [138, 145, 156, 255];

interface PollRecordView {
  status: string;
  unread: number;
  failures: number;
  retryAt: number;
  attemptedAt: number;
}

const pollRecord = (page: Page) =>
  page.evaluate(
    async () => (await chrome.storage.local.get('alerts.poll'))['alerts.poll'] as PollRecordView | undefined,
  );
const notifications = (page: Page) => page.evaluate(() => chrome.notifications.getAll());
const badgeText = (page: Page) => page.evaluate(() => chrome.action.getBadgeText({}));
const badgeColor = (page: Page) => page.evaluate(() => chrome.action.getBadgeBackgroundColor({}));

/** Runs a scheduled check now (the extension's alarm, fired by the browser) and waits until it reached the server. */
async function scheduledCheck(page: Page): Promise<PollRecordView> {
  const since = await page.evaluate((name) => {
    const now = Date.now();
    void chrome.alarms.create(name, { when: now });
    return now;
  }, POLL_ALARM);
  await expect.poll(async () => (await pollRecord(page))?.attemptedAt ?? 0, EVENTUALLY).toBeGreaterThanOrEqual(since);
  return (await pollRecord(page))!;
}

/** Waits until a scheduled check's alarm has fired and the handler put the periodic alarm back (it may have skipped). */
async function scheduledTickDone(page: Page): Promise<void> {
  await page.evaluate((name) => chrome.alarms.create(name, { when: Date.now() }), POLL_ALARM);
  await expect
    .poll(
      () => page.evaluate(async (name) => (await chrome.alarms.get(name))?.periodInMinutes ?? null, POLL_ALARM),
      EVENTUALLY,
    )
    .not.toBeNull();
}

/**
 * Stops the extension's service worker (as the browser does when it idles) and watches it come back.
 * `restarts()` counts how often it was running again since.
 */
async function stopServiceWorker(page: Page): Promise<{ restarts(): number }> {
  const cdp = await page.context().newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions)
      if (version.scriptURL.startsWith('chrome-extension://')) states.push(version.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => states.at(-1), EVENTUALLY).toBe('stopped');
  return { restarts: () => states.slice(states.lastIndexOf('stopped')).filter((s) => s === 'running').length };
}

const apiRequests = async (replica: ReplicaClient) =>
  (await replica.requests()).filter((r) => r.host === 'mail.infomaniak.com' && r.path.startsWith('/api/'));

describe('new-mail alerts (notifications granted)', () => {
  let replica: ReplicaClient;
  let browser: GrantedBrowser;
  const launch = (profile?: string) =>
    launchWithNotificationsGranted({ replica: inject('replica'), extensionDir: CHROME_BUILD, profile });

  beforeAll(async () => {
    replica = new ReplicaClient(inject('replica').controlUrl);
    await replica.reset();
    browser = await launch();
    expect(browser.extensionId, 'the profile was prepared for another extension id').toBe(browser.preparedId);
    await replica.signIn(browser.context);
  });
  afterAll(() => browser?.dispose());

  it('starts with the permission granted through the profile, not through the build', async () => {
    expect(await browser.page.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] }))).toBe(
      true,
    );
    const manifest = await browser.page.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect(manifest.permissions).not.toContain('notifications');
  });

  it('bookmarks the mailboxes on the first check without announcing mail that was already there', async () => {
    const record = await scheduledCheck(browser.page);
    expect(record.status).toBe('ok');
    expect(record.unread).toBeGreaterThan(0);
    expect(await badgeText(browser.page)).toBe(String(record.unread));
    expect(await notifications(browser.page)).toEqual({});
  });

  it('costs one small request when nothing changed', async () => {
    await replica.clearRequests();
    await scheduledCheck(browser.page);
    const requests = await apiRequests(replica);
    expect(requests.map((r) => r.path)).toEqual(['/api/mailbox?with=aliases,unseen']);
    expect(requests[0]!.bytes).toBeLessThanOrEqual(2048);
    expect(requests[0]!.auth).toBe('cookie');
  });

  let firstId = '';
  it('a delivered message raises the badge and gets one notification with sender, subject and preview', async () => {
    const before = (await pollRecord(browser.page))!.unread;
    // Chrome has no API to read a notification back, so the worker's calls are watched instead.
    const worker = browser.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const api = chrome.notifications;
      const create = api.create;
      const shown: unknown[] = [];
      Object.assign(self, { shownNotifications: shown });
      api.create = ((...args: unknown[]) => {
        shown.push(args.slice(0, 2));
        return (create as (...a: unknown[]) => unknown).apply(api, args);
      }) as typeof create;
    });
    const delivered = await replica.deliver({
      raw: {
        from: 'Erika Muster <erika@example.net>',
        subject: 'Lunch on Friday?',
        text: 'Shall we try the new place?',
      },
    });
    firstId = `alerts:${delivered.mailboxUuid}/${delivered.uid}`;
    await scheduledCheck(browser.page);
    await expect.poll(() => notifications(browser.page), EVENTUALLY).toEqual({ [firstId]: true });
    expect(await badgeText(browser.page)).toBe(String(before + 1));
    const shown = await worker.evaluate(
      () => (self as unknown as { shownNotifications: unknown[] }).shownNotifications,
    );
    expect(shown).toEqual([
      [
        firstId,
        expect.objectContaining({
          type: 'basic',
          title: 'Erika Muster',
          message: 'Lunch on Friday?\nShall we try the new place?',
          buttons: [{ title: 'Mark as read' }, { title: 'Archive' }],
          iconUrl: expect.stringMatching(/\/icon\/128\.png$/),
        }),
      ],
    ]);
  });

  it('announces nothing again after the service worker was stopped between checks', async () => {
    await browser.page.evaluate((id) => chrome.notifications.clear(id), firstId);
    const worker = await stopServiceWorker(browser.page);
    await scheduledCheck(browser.page);
    expect(worker.restarts()).toBe(1);
    expect(await notifications(browser.page)).toEqual({});

    const second = await replica.deliver({ raw: { from: 'Bob <bob@example.org>', subject: 'Second', text: 'Hi' } });
    const again = await stopServiceWorker(browser.page);
    await scheduledCheck(browser.page);
    expect(again.restarts()).toBe(1);
    await expect
      .poll(() => notifications(browser.page), EVENTUALLY)
      .toEqual({ [`alerts:${second.mailboxUuid}/${second.uid}`]: true });
    await browser.page.evaluate(() =>
      chrome.notifications
        .getAll()
        .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
    );
  });

  it('groups a burst of messages into one notification', async () => {
    for (let i = 1; i <= 5; i++)
      await replica.deliver({ raw: { from: `Sender ${i} <s${i}@example.net>`, subject: `Burst ${i}`, text: 'x' } });
    await scheduledCheck(browser.page);
    await expect
      .poll(async () => Object.keys(await notifications(browser.page)), EVENTUALLY)
      .toEqual([expect.stringMatching(/^alerts:group\//)]);
    await browser.page.evaluate(() =>
      chrome.notifications
        .getAll()
        .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
    );
  });

  // The API may say so with a JSON 401 or with a 302 to the sign-in page (the form reported for the live site).
  it.each(['status', 'redirect'] as const)(
    'shows a grey "?" when the session expires (answered by %s), and the count again once signed in',
    async (answer) => {
      await replica.expireSession(false, answer);
      const check = await scheduledCheck(browser.page);
      expect(check.status).toBe('signed_out');
      expect(await badgeText(browser.page)).toBe('?');
      expect(await badgeColor(browser.page)).toEqual(SIGNED_OUT_GREY);

      await replica.signIn(browser.context);
      const record = await scheduledCheck(browser.page);
      expect(record.status).toBe('ok');
      expect(await badgeText(browser.page)).toBe(String(record.unread));
    },
  );

  it('backs off during a 429/500 storm, then recovers and announces what arrived meanwhile', async () => {
    await replica.failNext(2, 429);
    await replica.failNext(2, 500);
    const delivered = await replica.deliver({
      raw: { from: 'Storm <storm@example.net>', subject: 'After the storm', text: 'x' },
    });
    await replica.clearRequests();

    const failed = await scheduledCheck(browser.page);
    expect(failed.status).toBe('error');
    expect(failed.retryAt).toBeGreaterThan(Date.now() + 60_000);
    expect((await apiRequests(replica)).map((r) => r.status)).toEqual([429, 429]);

    // Scheduled checks during the back-off do not reach the server at all.
    await scheduledTickDone(browser.page);
    await scheduledTickDone(browser.page);
    expect(await apiRequests(replica)).toHaveLength(2);

    // "Check now" in the popup is the user asking: it goes through, meets the rest of the storm, then recovers.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect.poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY).toBe('error');
    await popup.getByTestId('alerts-check-now').click();
    await expect.poll(async () => (await pollRecord(browser.page))?.failures, EVENTUALLY).toBe(2);
    await expect.poll(() => popup.getByTestId('alerts-check-now').isEnabled(), EVENTUALLY).toBe(true);
    await popup.getByTestId('alerts-check-now').click();
    await expect.poll(async () => (await pollRecord(browser.page))?.status, EVENTUALLY).toBe('ok');
    await expect
      .poll(() => notifications(browser.page), EVENTUALLY)
      .toEqual({ [`alerts:${delivered.mailboxUuid}/${delivered.uid}`]: true });
    expect((await apiRequests(replica)).filter((r) => r.status >= 400).map((r) => r.status)).toEqual([
      429, 429, 500, 500,
    ]);
    await popup.close();
  });

  it('announces nothing twice after a browser restart either', async () => {
    await browser.page.evaluate(() =>
      chrome.notifications
        .getAll()
        .then((all) => Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id)))),
    );
    await browser.close();
    browser = await launch(browser.profile);
    // The session cookie ended with the browser, as a real session cookie does.
    await replica.signIn(browser.context);
    const record = await scheduledCheck(browser.page);
    expect(record.status).toBe('ok');
    expect(await badgeText(browser.page)).toBe(String(record.unread));
    expect(await notifications(browser.page)).toEqual({});
  });

  it('notices when the permission is taken away, and the popup says so', async () => {
    await browser.page.evaluate(() => chrome.permissions.remove({ permissions: ['notifications'] }));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect
      .poll(() => popup.getByTestId('alerts-permission').getAttribute('data-state'), EVENTUALLY)
      .toBe('revoked');
    await popup.close();
  });
});

// Evaluated in extension pages and the worker, where `chrome` exists; this only satisfies the type checker.
declare const chrome: {
  alarms: {
    create(name: string, info: { when?: number }): Promise<void>;
    get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  };
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<number[]>;
  };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
    create: (...args: unknown[]) => unknown;
  };
  permissions: {
    contains(p: { permissions: string[] }): Promise<boolean>;
    remove(p: { permissions: string[] }): Promise<boolean>;
  };
  runtime: { getManifest(): { permissions?: string[]; optional_permissions?: string[] } };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};
