import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAIL_URL, signedInBrowser, TOOLBAR } from './support/fixtures';
import { launchWithNotificationsGranted, type GrantedBrowser } from './support/granted-profile';
import { CHROME_BUILD, type ExtensionBrowser } from './support/launch';
import { openPopupWindow } from './support/popup';
import { expectFits, measurePopupInPage, type PopupSize } from './support/popup-size';
import { ReplicaClient } from './support/replica-client';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// The popup and the options page as a user sees them, measured in the browser in each language: the popup fits a
// toolbar popup (at most 600 px tall, about 360 px wide) with no button whose label wraps, says when mail was last
// checked in words, offers one thing to do when signed out, and its alerts switch agrees with the permission; the
// options page says "Saved" after a change and reports a problem with the page diagnostics and nothing personal.

const EVENTUALLY = { timeout: 20_000 };

/** What each language calls things the tests look for; written here by hand, not read from the build. */
const WORDS = {
  en: { justNow: 'Checked just now', twoMinutes: 'Checked 2 min. ago', saved: 'Saved', revoked: 'turned off' },
  de: {
    justNow: 'Geprüft: gerade eben',
    twoMinutes: 'Geprüft: vor 2 Min.',
    saved: 'Gespeichert',
    revoked: 'ausgeschaltet',
  },
  fr: {
    justNow: 'Vérifié : à l’instant',
    twoMinutes: 'Vérifié : il y a 2\u00a0min',
    saved: 'Enregistré',
    revoked: 'désactivées',
  },
  it: {
    justNow: 'Controllato: proprio ora',
    twoMinutes: 'Controllato: 2 min fa',
    saved: 'Salvato',
    revoked: 'disattivate',
  },
};

/** The popup's own size and the buttons that wrap their label. */
function measurePopup(popup: Page): Promise<PopupSize> {
  return popup.evaluate(measurePopupInPage);
}

/** The popup at its fullest: on the webmail with a message open, the mail checked, the latest unread listed. */
async function fullPopup(browser: GrantedBrowser, webmail: Page): Promise<Page> {
  await webmail.bringToFront();
  const popup = await openPopupWindow(browser);
  await popup.getByTestId('popup-message-actions').waitFor(EVENTUALLY);
  await popup.getByTestId('page-health').waitFor(EVENTUALLY);
  await popup.getByTestId('alerts-latest').waitFor(EVENTUALLY);
  await expect.poll(() => popup.getByTestId('alerts-check-now').isEnabled(), EVENTUALLY).toBe(true);
  return popup;
}

for (const lang of ['en', 'de', 'fr', 'it'] as const) {
  describe(`the popup in ${lang}`, () => {
    let browser: GrantedBrowser;
    let webmail: Page;
    beforeAll(async () => {
      const address = inject('replica');
      const replica = new ReplicaClient(address.controlUrl);
      await replica.reset();
      browser = await launchWithNotificationsGranted({ replica: address, extensionDir: CHROME_BUILD, lang });
      await replica.signIn(browser.context);
      webmail = await browser.context.newPage();
      await webmail.goto(`${MAIL_URL}/0`);
      await webmail.locator(WEBMAIL_SELECTORS.listRow).first().click();
      await webmail.locator(TOOLBAR).waitFor(EVENTUALLY);
    });
    afterAll(() => browser?.dispose());

    it('fits a toolbar popup with every button on one line, alerts on and their pause offered', async () => {
      const popup = await fullPopup(browser, webmail);
      expect(await popup.getByTestId('alerts-enabled').isChecked()).toBe(true);
      await popup.getByTestId('alerts-pause-hour').waitFor();
      expectFits(await measurePopup(popup));
      await popup.close();
    });

    it('says when mail was last checked in words, and moves on as time passes', async () => {
      const popup = await fullPopup(browser, webmail);
      const status = popup.getByTestId('alerts-status-text');
      expect(await status.textContent()).toBe(WORDS[lang].justNow);
      await popup.evaluate(async () => {
        const record = (await chrome.storage.local.get('alerts.poll'))['alerts.poll'] as {
          check: { checkedAt: number };
        };
        record.check.checkedAt = Date.now() - 150_000;
        await chrome.storage.local.set({ 'alerts.poll': record });
      });
      await expect.poll(() => status.textContent()).toBe(WORDS[lang].twoMinutes);
      await popup.close();
    });

    // Last in this browser: the permission cannot be granted again headless.
    it('turns the switch off, with the reason, when the browser takes the permission away; still fits', async () => {
      const popup = await fullPopup(browser, webmail);
      const extensionPage = browser.page;
      await extensionPage.evaluate(() => chrome.permissions.remove({ permissions: ['notifications'] }));
      await expect.poll(() => popup.getByTestId('alerts-enabled').isChecked(), EVENTUALLY).toBe(false);
      // The background records the removal as the user's own ("turned off"), a moment after the browser does it.
      await expect
        .poll(() => popup.getByTestId('alerts-permission-note').textContent(), EVENTUALLY)
        .toContain(WORDS[lang].revoked);
      expect(await popup.getByTestId('alerts-pause-hour').count()).toBe(0);
      expectFits(await measurePopup(popup));
      await popup.close();
    });
  });
}

describe('the popup and the options page in English', () => {
  let browser: ExtensionBrowser;
  let replica: ReplicaClient;
  beforeAll(async () => {
    ({ browser, replica } = await signedInBrowser({ lang: 'en-US' }));
  });
  afterAll(() => browser?.close());

  it('as installed, the switch is off and says notifications are not allowed yet, never "on" beside "not allowed"', async () => {
    const popup = await openPopupWindow(browser);
    await popup.getByTestId('alerts-permission-note').waitFor(EVENTUALLY);
    expect(await popup.getByTestId('alerts-enabled').isChecked()).toBe(false);
    expect(await popup.getByTestId('alerts-permission-note').textContent()).toBe('Notifications are not allowed yet.');
    await popup.close();
  });

  it('when signed out, offers one thing to do: sign in', async () => {
    await replica.expireSession();
    const popup = await openPopupWindow(browser);
    await expect
      .poll(() => popup.getByTestId('alerts-popup').getAttribute('data-status'), EVENTUALLY)
      .toBe('signed_out');
    const primary = popup.locator('.button.primary');
    expect(await primary.allTextContents()).toEqual(['Sign in to kSuite Mail']);
    expect(await popup.getByRole('button', { name: 'Open kSuite Mail' }).count()).toBe(0);
    await popup.close();
    await replica.signIn(browser.context);
  });

  it('shows the version and a help link at the bottom', async () => {
    const popup = await openPopupWindow(browser);
    const version = (await browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().version)) as string;
    await expect.poll(() => popup.getByTestId('about-version').textContent()).toBe(`Version ${version}`);
    // Help is the welcome page the extension ships, not a page on the web.
    expect(await popup.getByTestId('about-help').getAttribute('href')).toBe(browser.extensionUrl('welcome.html'));
    // At the bottom once the popup has filled in: its lists arrive after the version (a read right after it once
    // found the main part still growing), so the layout is asked until it holds, and fails if it never does.
    const footerBelowMain = async () => {
      const footer = await popup.locator('footer').boundingBox();
      const main = await popup.locator('main').boundingBox();
      return footer!.y + footer!.height > main!.y + main!.height - 24;
    };
    await expect.poll(footerBelowMain).toBe(true);
    await popup.close();
  });

  it('options: a change says "Saved" once it is stored, then the notice goes', async () => {
    const options = await browser.openExtensionPage('options.html');
    const notice = options.getByTestId('settings-saved');
    await options.getByTestId('settings-interval').waitFor(EVENTUALLY);
    expect(await notice.textContent()).toBe('');
    await options.getByTestId('settings-interval').selectOption('300');
    await expect.poll(() => notice.textContent()).toBe('Saved');
    const stored = await options.evaluate(
      async () =>
        ((await chrome.storage.local.get('settings')).settings as { pollIntervalSeconds: number }).pollIntervalSeconds,
    );
    expect(stored).toBe(300);
    // Shown, not only in the DOM (it fades in).
    await expect.poll(() => notice.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await expect.poll(() => notice.textContent(), { timeout: 5000 }).toBe('');
    await options.close();
  });

  it('options: "Report a problem" opens a new issue with the page diagnostics and nothing personal', async () => {
    const webmail = await browser.context.newPage();
    await webmail.goto(`${MAIL_URL}/0`);
    await webmail.locator(WEBMAIL_SELECTORS.listRow).first().click();
    await webmail.locator(TOOLBAR).waitFor(EVENTUALLY);
    const subject = (await webmail.locator(WEBMAIL_SELECTORS.openedMessage).first().textContent()) ?? '';

    const options = await browser.openExtensionPage('options.html');
    const request = browser.context.waitForEvent('request', (r) => r.url().startsWith('https://github.com/'));
    await options.getByTestId('report-problem').click();
    const url = new URL((await request).url());
    expect(url.pathname).toMatch(/\/issues\/new$/);
    const body = url.searchParams.get('body') ?? '';
    expect(body).toContain('Page: classic mail host, message open');
    expect(body).toContain('Recognised: yes');
    expect(body).toMatch(/Browser: Chrome \d+ headless \(Linux\)/);
    for (const personal of ['anna.meier', 'muster.example', subject.trim().slice(0, 20)]) {
      expect(body).not.toContain(personal);
    }
    await options.close();
    await webmail.close();
  });
});

describe('the options page in every language', () => {
  it('has no section heading that its own checkbox repeats', async () => {
    for (const lang of ['en', 'de', 'fr', 'it']) {
      const { browser } = await signedInBrowser({ lang });
      const options = await browser.openExtensionPage('options.html');
      const section = options.getByTestId('settings-alerts');
      await section.getByTestId('alerts-enabled').waitFor(EVENTUALLY);
      const heading = (await section.locator('h2').textContent())!.trim();
      const switchLabel = (await section.locator('label.alerts-switch').textContent())!.trim();
      expect(switchLabel.toLowerCase()).not.toBe(heading.toLowerCase());
      await browser.close();
    }
  });
});
