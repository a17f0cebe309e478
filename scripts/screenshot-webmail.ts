// Screenshots of what the extension adds to the webmail, and of its welcome page, as a new user sees them, in each
// language and theme, for an issue's before/after notes: `npx tsx scripts/screenshot-webmail.ts <unpacked build>
// <folder> <before|after> [en,de]`. Each is cropped to the element it shows: the selection bar of two rows, the
// bulk partial result (9 selected, 1 failing), the toolbar of an everyday message, its header report, the welcome
// page. The popup and the options page are scripts/screenshot-pages.ts's.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { buildCorpus } from '../tests/replica/corpus/index';
import { startReplica } from '../tests/replica/index';
import { MAIL_URL, TOOLBAR } from '../tests/e2e/support/fixtures';
import { launchWithExtension } from '../tests/e2e/support/launch';
import { WEBMAIL_SELECTORS } from '../src/ksuite/selectors';

const [build, folder, moment, languages = 'en,de'] = process.argv.slice(2);
if (!build || !folder || !moment) throw new Error('usage: screenshot-webmail.ts <build> <folder> <before|after>');

const THEMES = ['light', 'dark'] as const;
const corpus = buildCorpus();
const inbox = corpus.filter((m) => m.mailbox === corpus[0]!.mailbox && m.folder === 'INBOX');
const EVERYDAY = corpus.find((m) => m.id === 'inline-image-and-attachment')!;
const FAILING = inbox.find((m) => m.id === 'hostile-names-control-bidi-long')!;

const replica = await startReplica();
await mkdir(folder, { recursive: true });
try {
  for (const lang of languages.split(',')) {
    const browser = await launchWithExtension({ replica, extensionDir: build, lang });
    await browser.context.addCookies([replica.control.issueSessionCookie()]);
    try {
      for (const theme of THEMES) {
        const name = (what: string) => join(folder, `${what}-${moment}-${lang}-${theme}.png`);
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: theme });

        await inboxList(page);
        await selectRows(page, 2);
        const bar = page.getByTestId('selection-bar');
        await bar.waitFor();
        await settle(page);
        await shoot(page, bar, name('1-bulk-bar'), { above: 120 });

        replica.control.reset();
        await inboxList(page);
        const failingUid = await page
          .locator(WEBMAIL_SELECTORS.listRow, { hasText: FAILING.expect.subject ?? 'Invoice attached' })
          .first()
          .getAttribute('data-thread-uid');
        await selectRows(page, inbox.length);
        replica.control.failNext({ count: 4, status: 500, path: `/message/${failingUid!.split('@')[0]}/download` });
        await bar.locator('button[data-action="eml"]').click();
        await bar.locator('[data-testid="action-status"][data-state="partial"]').waitFor({ timeout: 60_000 });
        await settle(page);
        await shoot(page, bar, name('bulk-partial-result'), { above: 160 });

        replica.control.reset();
        await inboxList(page);
        await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: EVERYDAY.expect.subject! }).first().click();
        const toolbar = page.locator(TOOLBAR).last();
        await toolbar.getByTestId('action-detail').first().filter({ hasText: /\d/ }).waitFor();
        await settle(page);
        await shoot(page, toolbar.locator('.toolbar-wrap').first(), name('4-toolbar'), { above: 290 });

        // The report scrolls with the reading pane: a taller window shows more of it, cut where the pane ends.
        await page.setViewportSize({ width: 1280, height: 1200 });
        await toolbar.locator('button[data-action="headers"]').click();
        const report = toolbar.getByTestId('header-report');
        await report.getByTestId('verdict').waitFor();
        await report.scrollIntoViewIfNeeded();
        await settle(page);
        const box = (await report.boundingBox())!;
        await page.screenshot({
          path: name('9-header-report'),
          clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1200 - box.y) },
        });
        await page.close();

        const welcome = await browser.context.newPage();
        await welcome.emulateMedia({ colorScheme: theme });
        await welcome.goto(browser.extensionUrl('welcome.html'));
        await welcome.getByTestId('welcome').waitFor();
        await settle(welcome);
        await welcome.locator('main').screenshot({ path: name('firstrun-welcome') });
        await welcome.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await replica.close();
}

async function inboxList(page: Page): Promise<void> {
  await page.goto(`${MAIL_URL}/0`);
  await page.locator(WEBMAIL_SELECTORS.listRow).first().waitFor();
}

async function selectRows(page: Page, count: number): Promise<void> {
  const rows = page.locator(WEBMAIL_SELECTORS.listRow);
  for (let index = 0; index < count; index++) await rows.nth(index).locator('mat-checkbox').click();
}

/** The element, with some of the page above it (what it sits under), as wide as the element. */
async function shoot(page: Page, element: Locator, path: string, { above }: { above: number }): Promise<void> {
  const box = (await element.boundingBox())!;
  const top = Math.max(0, box.y - above);
  await page.screenshot({
    path,
    clip: { x: Math.max(0, box.x - 8), y: top, width: box.width + 16, height: box.y + box.height + 8 - top },
  });
}

/** Lets fonts, icons and storage reads land, so the picture is the page at rest. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}
