import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInBrowser } from './support/fixtures';
import { launchWithNotificationsGranted, type GrantedBrowser } from './support/granted-profile';
import { CHROME_BUILD, type ExtensionBrowser } from './support/launch';
import type { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The alerts' popup and options sections in the shipped build, as installed: the notifications permission is
// optional and not granted, which is also how the permission prompt is reached (headless Chromium cannot answer
// it, so the flow is followed up to the open request).

const stored = (page: Page, key: string) =>
  page.evaluate(async (k) => (await chrome.storage.local.get(k))[k] as unknown, key);

/** Checks go to the replica and back; the first touch of a message also parses it there. */
const EVENTUALLY = { timeout: 20_000 };

interface SettingsView {
  pollIntervalSeconds: number;
  watchedFolders: Record<string, string[]>;
  zipLayout: string;
}

describe('alerts in the popup and the options page', () => {
  let browser: ExtensionBrowser;
  let replica: ReplicaClient;

  beforeAll(async () => {
    ({ browser, replica } = await signedInBrowser({ lang: 'en-US' }));
  });
  afterAll(() => browser?.close());

  async function openPopup(): Promise<Page> {
    const popup = await browser.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('alerts-popup').count(), EVENTUALLY).toBe(1);
    return popup;
  }

  it('switching alerts on asks for the notification permission and shows that the browser is asking', async () => {
    const popup = await openPopup();
    await expect
      .poll(() => popup.getByTestId('alerts-permission').getAttribute('data-state'), EVENTUALLY)
      .toBe('not_asked');
    const alertsSwitch = popup.getByTestId('alerts-enabled');
    expect(await alertsSwitch.isChecked()).toBe(false);
    await alertsSwitch.click();
    await expect
      .poll(() => popup.getByTestId('alerts-permission').getAttribute('data-state'), EVENTUALLY)
      .toBe('asking');
    expect(await popup.getByTestId('alerts-permission-note').textContent()).toBe(
      'Waiting for your answer in the browser…',
    );
    expect(await popup.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] }))).toBe(false);
    await popup.close();
  });

  it('shows unread mail per mailbox and the latest unread messages; a click opens one in the webmail', async () => {
    const popup = await openPopup();
    await expect.poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY).toBe('ok');
    await expect.poll(() => popup.getByTestId('alerts-mailbox-unread').count(), EVENTUALLY).toBe(3);
    expect(await popup.getByTestId('alerts-mailboxes').textContent()).toContain('anna.meier@muster.example');
    const latest = popup.getByTestId('alerts-latest').getByRole('button');
    await expect.poll(() => latest.count(), EVENTUALLY).toBeGreaterThan(0);

    const opened = browser.context.waitForEvent('page');
    await latest.first().click();
    const webmail = await opened;
    await webmail.waitForLoadState();
    expect(webmail.url()).toMatch(/^https:\/\/mail\.infomaniak\.com\/\d+;fid=[^/]+\/thread\/\d+$/);
    await expect.poll(() => webmail.locator(WEBMAIL_SELECTORS.openedMessage).count(), EVENTUALLY).toBeGreaterThan(0);
    await webmail.close();
  });

  it('with alerts on (the permission granted), pauses them for an hour and resumes them; the tooltip says so', async () => {
    const granted = await launchWithNotificationsGranted({ replica: inject('replica'), extensionDir: CHROME_BUILD });
    try {
      await pauseAndResume(granted);
    } finally {
      await granted.dispose();
    }
  });

  async function pauseAndResume(granted: GrantedBrowser): Promise<void> {
    await replica.signIn(granted.context);
    const popup = await granted.context.newPage();
    await popup.goto(`chrome-extension://${granted.extensionId}/popup.html`);
    await popup.getByTestId('alerts-pause-hour').click();
    await expect.poll(() => popup.getByTestId('alerts-paused').count(), EVENTUALLY).toBe(1);
    await expect
      .poll(() => popup.evaluate(() => chrome.action.getTitle({})), EVENTUALLY)
      .toContain('Alerts paused until');
    await popup.getByTestId('alerts-paused').getByRole('button').click();
    await expect.poll(() => popup.getByTestId('alerts-paused').count(), EVENTUALLY).toBe(0);
    await expect.poll(() => popup.evaluate(() => chrome.action.getTitle({})), EVENTUALLY).not.toContain('paused');
    await popup.close();
  }

  it('when signed out, the badge is a "?" and the popup signs in with one click', async () => {
    await replica.expireSession();
    const popup = await openPopup();
    await expect
      .poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY)
      .toBe('signed_out');
    expect(await popup.evaluate(() => chrome.action.getBadgeText({}))).toBe('?');
    const opened = browser.context.waitForEvent('page');
    await popup.getByTestId('alerts-sign-in').click();
    const signIn = await opened;
    await signIn.waitForLoadState();
    expect(new URL(signIn.url()).hostname).toBe('login.infomaniak.com');
    await signIn.close();
    await replica.signIn(browser.context);
  });

  it('options: check interval, watched folders (never Spam/Trash/Sent/Drafts) and download preferences', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.getByTestId('settings-interval').selectOption('30');
    await expect
      .poll(() => options.evaluate(async () => (await chrome.alarms.get('alerts-poll'))?.periodInMinutes), EVENTUALLY)
      .toBe(0.5);

    const watch = options.getByTestId('settings-watch');
    await expect.poll(() => watch.locator('fieldset').count(), EVENTUALLY).toBe(3);
    const anna = watch.locator('fieldset', { hasText: 'anna.meier@muster.example' });
    const folderNames = await anna.locator('label').allTextContents();
    expect(folderNames).toEqual(expect.arrayContaining(['Inbox', 'Projects', '2026', 'Archive']));
    for (const never of ['Spam', 'Trash', 'Sent', 'Drafts']) expect(folderNames).not.toContain(never);
    expect(await anna.getByLabel('Inbox').isChecked()).toBe(true);
    await anna.getByLabel('Projects').check();
    await expect
      .poll(
        async () => Object.values(((await stored(options, 'settings')) as SettingsView).watchedFolders)[0]?.length,
        EVENTUALLY,
      )
      .toBe(2);

    await options.getByTestId('settings-downloads').getByLabel('All files side by side').check();
    await expect
      .poll(async () => ((await stored(options, 'settings')) as SettingsView).zipLayout, EVENTUALLY)
      .toBe('flat');
    await options.close();
  });

  it('options: a personal token is kept masked, used instead of the session, and removable', async () => {
    const options = await browser.openExtensionPage('options.html');
    const token = options.getByTestId('settings-token');
    await token.getByTestId('settings-token-input').fill('not a token');
    await token.getByTestId('settings-token-save').click();
    await expect.poll(() => token.locator('.settings-error').count(), EVENTUALLY).toBe(1);

    await replica.clearRequests();
    await token.getByTestId('settings-token-input').fill('  made-up-token-4711  ');
    await token.getByTestId('settings-token-save').click();
    await expect.poll(() => token.getByTestId('settings-token-masked').textContent(), EVENTUALLY).toBe('••••••••4711');
    expect(await stored(options, 'apiToken')).toBe('made-up-token-4711');

    // Saving the token makes the background check with it at once: bearer only, to the mail host only.
    const popup = await openPopup();
    await expect
      .poll(() => popup.getByTestId('alerts-status').textContent(), EVENTUALLY)
      .toContain('refused your personal API token');
    const requests = (await replica.requests()).filter((r) => r.path.startsWith('/api/'));
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests.map((r) => `${r.host} ${r.auth}`))).toEqual(new Set(['mail.infomaniak.com bearer']));

    await token.getByTestId('settings-token-remove').click();
    await expect.poll(() => stored(options, 'apiToken'), EVENTUALLY).toBeUndefined();
    await expect.poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY).toBe('ok');
    await popup.close();
    await options.close();
  });
});

// Evaluated in extension pages, where `chrome` exists; this only satisfies the type checker.
declare const chrome: {
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  permissions: { contains(p: { permissions: string[] }): Promise<boolean> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};
