// Screenshots of the popup and the options page as a new user sees them, in each language and theme, for an issue's
// before/after notes: `npx tsx scripts/screenshot-pages.ts <unpacked build> <folder> <before|after>`. The popup is
// taken on the webmail with a message open (its tallest state); both are cropped to the page's own content. A fourth
// argument picks other languages than English and German (`fr,it`).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startReplica } from '../tests/replica/index';
import { launchWithExtension } from '../tests/e2e/support/launch';
import { openPopupWindow } from '../tests/e2e/support/popup';
import { MAIL_URL } from '../tests/e2e/support/fixtures';
import { WEBMAIL_SELECTORS } from '../src/ksuite/selectors';

const [build, folder, moment, languages = 'en,de'] = process.argv.slice(2);
if (!build || !folder || !moment) throw new Error('usage: screenshot-pages.ts <build> <folder> <before|after>');

const LANGUAGES = languages.split(',');
const THEMES = ['light', 'dark'] as const;

const replica = await startReplica();
await mkdir(folder, { recursive: true });
try {
  for (const lang of LANGUAGES) {
    const browser = await launchWithExtension({ replica, extensionDir: build, lang });
    await browser.context.addCookies([replica.control.issueSessionCookie()]);
    try {
      const webmail = await browser.context.newPage();
      await webmail.goto(`${MAIL_URL}/0`);
      await webmail.locator(WEBMAIL_SELECTORS.listRow).first().click();
      await webmail.locator(WEBMAIL_SELECTORS.openedMessage).first().waitFor();
      for (const theme of THEMES) {
        await webmail.bringToFront();
        const popup = await openPopupWindow(browser, { width: 800, height: 800 });
        await popup.emulateMedia({ colorScheme: theme });
        await popup.getByTestId('alerts-latest').waitFor({ timeout: 20_000 });
        await settle(popup);
        await popup.locator('main').screenshot({ path: join(folder, `6-popup-${moment}-${lang}-${theme}.png`) });
        await popup.close();

        const options = await browser.openExtensionPage('options.html');
        await options.emulateMedia({ colorScheme: theme });
        await options.getByTestId('settings-watch').waitFor({ timeout: 20_000 });
        await settle(options);
        await options.locator('main').screenshot({ path: join(folder, `7-options-${moment}-${lang}-${theme}.png`) });
        await options.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await replica.close();
}

/** Lets storage reads and the mail check land, so the picture is the page at rest. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(800);
}
