import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumExecutable } from './support/chromium';
import { CHROME_BUILD } from './support/launch';
import { ReplicaClient } from './support/replica-client';

// New-mail alerts in the shipped build, against the replica. Headless Chromium cannot answer the permission
// prompt, so the profile is prepared the way Chromium itself records an optional permission the user granted:
// in its Preferences, under the id Chromium derives from the unpacked extension's path. Nothing in the build
// changes. Checks are made to happen now by scheduling the extension's own alarm, as the browser would.

/** Checks go to the replica and back; the first touch of a message also parses it there. */
const EVENTUALLY = { timeout: 20_000 };

const POLL_ALARM = 'alerts-poll';
const SIGNED_OUT_GREY = [138, 145, 156, 255];

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelt a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

async function grantNotificationsInProfile(profile: string, extensionDir: string): Promise<string> {
  const id = unpackedExtensionId(extensionDir);
  const permissions = {
    api: ['alarms', 'contextMenus', 'notifications', 'storage'],
    explicit_host: ['https://ksuite.infomaniak.com/*', 'https://mail.infomaniak.com/*'],
    manifest_permissions: [],
    scriptable_host: [],
  };
  const settings = {
    active_permissions: permissions,
    granted_permissions: permissions,
    location: 8,
    path: extensionDir,
  };
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { settings: { [id]: settings } } }),
  );
  return id;
}

interface AlertsBrowser {
  context: BrowserContext;
  extensionId: string;
  /** An extension page kept open to drive and inspect the extension (alive when the worker is stopped). */
  page: Page;
  close(): Promise<void>;
}

async function launch(profile: string, extensionDir: string): Promise<AlertsBrowser> {
  const replica = inject('replica');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${replica.hostResolverRules}`,
      `--ignore-certificate-errors-spki-list=${replica.spkiHash}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/inspector.html`);
  return { context, extensionId, page, close: () => context.close() };
}

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

async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

const apiRequests = async (replica: ReplicaClient) =>
  (await replica.requests()).filter((r) => r.host === 'mail.infomaniak.com' && r.path.startsWith('/api/'));

describe('new-mail alerts (notifications granted)', () => {
  let replica: ReplicaClient;
  let browser: AlertsBrowser;
  let profile: string;
  let extensionDir: string;

  beforeAll(async () => {
    replica = new ReplicaClient(inject('replica').controlUrl);
    await replica.reset();
    extensionDir = await realpath(CHROME_BUILD);
    profile = await mkdtemp(join(tmpdir(), 'ksuite-companion-alerts-'));
    const expectedId = await grantNotificationsInProfile(profile, extensionDir);
    browser = await launch(profile, extensionDir);
    expect(browser.extensionId, 'the profile was prepared for another extension id').toBe(expectedId);
    await replica.signIn(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

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
    await stopServiceWorkers(browser.page);
    await scheduledCheck(browser.page);
    expect(await notifications(browser.page)).toEqual({});

    const second = await replica.deliver({ raw: { from: 'Bob <bob@example.org>', subject: 'Second', text: 'Hi' } });
    await stopServiceWorkers(browser.page);
    await scheduledCheck(browser.page);
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

  it('shows a grey "?" when the session expires, and the count again once signed in', async () => {
    await replica.expireSession();
    expect((await scheduledCheck(browser.page)).status).toBe('signed_out');
    expect(await badgeText(browser.page)).toBe('?');
    expect(await badgeColor(browser.page)).toEqual(SIGNED_OUT_GREY);

    await replica.signIn(browser.context);
    const record = await scheduledCheck(browser.page);
    expect(record.status).toBe('ok');
    expect(await badgeText(browser.page)).toBe(String(record.unread));
  });

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
    browser = await launch(profile, extensionDir);
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
