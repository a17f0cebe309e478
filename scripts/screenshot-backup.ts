// Screenshots of the backup page as a new user sees it, in each language and theme: the choice of mailboxes and
// folders, a backup under way, and its result. `npx tsx scripts/screenshot-backup.ts <unpacked build> <folder>`;
// a third argument picks other languages than English and German (`fr,it`). The folder picker is answered with a
// folder of the browser's own storage, as in the e2e tests; the downloads are slowed so the page is seen running.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startReplica } from '../tests/replica/index';
import { launchWithExtension } from '../tests/e2e/support/launch';

const [build, folder, languages = 'en,de'] = process.argv.slice(2);
if (!build || !folder) throw new Error('usage: screenshot-backup.ts <build> <folder> [languages]');

const replica = await startReplica();
await mkdir(folder, { recursive: true });
try {
  for (const lang of languages.split(',')) {
    const browser = await launchWithExtension({ replica, extensionDir: build, lang });
    await browser.context.addCookies([replica.control.issueSessionCookie()]);
    try {
      for (const theme of ['light', 'dark'] as const) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width: 1100, height: 900 });
        await page.emulateMedia({ colorScheme: theme });
        // As tests/e2e/support/backup-files.ts does, as a string: tsx would wrap a function in a helper the page lacks.
        await page.addInitScript(
          `Object.defineProperty(window, 'showDirectoryPicker', { configurable: true, value: async () => ` +
            `(await navigator.storage.getDirectory()).getDirectoryHandle(${JSON.stringify(`shots-${lang}-${theme}`)}, ` +
            `{ create: true }) });`,
        );
        await page.goto(browser.extensionUrl('backup.html'));
        await page.getByTestId('backup-tree').waitFor();
        await settle(page);
        await shoot(page, join(folder, `backup-choose-${lang}-${theme}.png`));
        await page.getByTestId('backup-pick').click();
        replica.control.setLatency(400);
        await page.getByTestId('backup-start').click({ timeout: 60_000 });
        await page.getByTestId('backup-messages-listed').waitFor();
        // Mid-way through the bar's travel (it starts out of sight).
        await page.waitForTimeout(700);
        await shoot(page, join(folder, `backup-listing-${lang}-${theme}.png`));
        await page.getByTestId('backup-messages-done').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(3000);
        await shoot(page, join(folder, `backup-running-${lang}-${theme}.png`));
        replica.control.setLatency(0);
        await page.getByTestId('backup-result').waitFor({ timeout: 120_000 });
        await settle(page);
        await shoot(page, join(folder, `backup-result-${lang}-${theme}.png`));
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await replica.close();
}

async function shoot(page: Page, path: string): Promise<void> {
  await page.locator('main').screenshot({ path });
}

/** Lets storage reads and the listing land, so the picture is the page at rest. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(800);
}
