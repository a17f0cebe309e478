import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../replica/corpus/index';
import { folderIdFromPath } from '../replica/server/folder-id';
import { MAIL_URL, signedInBrowser, TOOLBAR } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { WEBMAIL_SELECTORS } from '../../src/ksuite/selectors';

// An everyday message (one attachment, one inline image) opened in a 1280 px window, where the webmail's reading
// pane leaves the toolbar about 600 px: in every language its actions, with their details, fit one row.
const EVERYDAY = buildCorpus().find((message) => message.id === 'inline-image-and-attachment')!;
// Two files: the count ("2 Anhänge · 1,2 MB") is longer, and the buttons give up their icons to keep one row.
const TWO_FILES = buildCorpus().find((message) => message.id === 'alt-with-attachments')!;
// Seven files, two of them programs in disguise: the risky-files chip keeps only its count to stay on the row.
const RISKY = buildCorpus().find((message) => message.id === 'hostile-names-control-bidi-long')!;
// Ten files, 25 MB: the longest count of the corpus.
const TEN_FILES = buildCorpus().find((message) => message.id === 'ten-attachments-2-5mb')!;

/** The icons of the toolbar's buttons that are shown. */
function shownIcons(toolbar: Locator): Promise<number> {
  return toolbar
    .locator('.toolbar')
    .evaluate(
      (bar) =>
        [...bar.querySelectorAll('.action-icon')].filter((icon) => icon.getBoundingClientRect().width > 0).length,
    );
}

/** How many rows the toolbar's controls take, how high it is, and which labels are broken over two lines. */
async function layoutOf(toolbar: Locator) {
  return toolbar.locator('.toolbar').evaluate((bar) => {
    // What gave way to keep one row (the brand mark, when the row is short of room) is not laid out.
    const controls = ([...bar.children] as HTMLElement[]).filter((control) => control.getClientRects().length > 0);
    // The controls are centred on their row, so one row has one centre line.
    const centres = new Set(
      controls.map((control) => {
        const box = control.getBoundingClientRect();
        return Math.round(box.top + box.height / 2);
      }),
    );
    const buttons = controls.filter((control) => control.matches('button'));
    const lowest = Math.min(...buttons.map((button) => button.getBoundingClientRect().height));
    const style = getComputedStyle(bar);
    return {
      rows: centres.size,
      // One row: the bar is as high as its tallest button plus its own padding, not a line more.
      heightOverOneRow: Math.round(
        bar.getBoundingClientRect().height -
          Math.max(...buttons.map((button) => button.getBoundingClientRect().height)) -
          parseFloat(style.paddingTop) -
          parseFloat(style.paddingBottom),
      ),
      brokenLabels: buttons
        .filter((button) => button.getBoundingClientRect().height > lowest * 1.5)
        .map((button) => button.textContent),
    };
  });
}

/** The risky-files chip's words, written here by hand. */
const RISKY_WORDS = {
  en: '2 risky files',
  de: '2 riskante Dateien',
  fr: '2 fichiers à risque',
  it: '2 file rischiosi',
};

const browsers: ExtensionBrowser[] = [];
afterAll(() => Promise.all(browsers.map((browser) => browser.close())));

describe('the message toolbar at 1280 px', () => {
  for (const lang of ['en', 'de', 'fr', 'it']) {
    it(`${lang}: every action and its detail on one row, also with the header report open, many or risky files`, async () => {
      const { browser } = await signedInBrowser({ lang });
      browsers.push(browser);
      const page = await browser.context.newPage();
      expect(page.viewportSize()?.width).toBe(1280);
      await page.goto(`${MAIL_URL}/0`);
      await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: EVERYDAY.expect.subject! }).first().click();
      const toolbar = page.locator(TOOLBAR).last();
      await toolbar.waitFor();
      // The file count arrives with the message's details.
      await expect.poll(() => toolbar.getByTestId('action-detail').first().textContent()).toMatch(/\d/);
      const oneRow = { rows: 1, heightOverOneRow: 0, brokenLabels: [] };
      expect(await layoutOf(toolbar)).toEqual(oneRow);
      // Where there is room, the icons stay (English has it on this message).
      if (lang === 'en') expect(await shownIcons(toolbar)).toBe(3);

      await toolbar.locator('button[data-action="headers"]').click();
      await toolbar.getByTestId('header-report').waitFor();
      expect(await toolbar.locator('button[data-action="headers"]').getAttribute('aria-expanded')).toBe('true');
      expect(await layoutOf(toolbar)).toEqual(oneRow);

      await page.goto(`${MAIL_URL}/0;fid=${encodeURIComponent(folderIdFromPath(TWO_FILES.folder))}`);
      await page.locator(WEBMAIL_SELECTORS.listRow, { hasText: TWO_FILES.expect.subject! }).first().click();
      const twoFiles = page.locator(TOOLBAR).last();
      await expect.poll(() => twoFiles.getByTestId('action-detail').first().textContent()).toMatch(/^2 /);
      await expect.poll(() => layoutOf(twoFiles)).toEqual(oneRow);
      // German needs the icons' room for two files (measured: about 30 px over with them); English has room to spare.
      if (lang === 'de') expect(await shownIcons(twoFiles)).toBe(0);
      if (lang === 'en') expect(await shownIcons(twoFiles)).toBe(3);

      for (const message of [RISKY, TEN_FILES]) {
        await page.goto(`${MAIL_URL}/0;fid=${encodeURIComponent(folderIdFromPath(message.folder))}`);
        await page
          .locator(WEBMAIL_SELECTORS.listRow, {
            hasText: RISKY === message ? 'Invoice attached' : message.expect.subject!,
          })
          .first()
          .click();
        const toolbar = page.locator(TOOLBAR).last();
        await expect.poll(() => toolbar.getByTestId('action-detail').first().textContent()).toMatch(/^(7|10) /);
        await expect.poll(() => layoutOf(toolbar), { message: message.id }).toEqual(oneRow);
        if (message !== RISKY) continue;
        // The chip's words gave way, not its meaning: its words are its name, its count is shown.
        const risky = toolbar.getByTestId('risky-files');
        expect(await risky.getAttribute('aria-label')).toBe(RISKY_WORDS[lang as keyof typeof RISKY_WORDS]);
        expect(await risky.evaluate((chip) => getComputedStyle(chip, '::after').content)).toBe('"2"');
      }
      await browser.close();
    });
  }
});

/**
 * Where the selection bar's controls sit: the rows their centres make, the buttons whose label is broken over two
 * lines, and the controls that stick out of the bar or the bar out of the list's pane (in px, 0 when inside).
 */
async function selectionBarLayout(page: Page) {
  const pane = (await page.locator(WEBMAIL_SELECTORS.messageListPane).boundingBox())!;
  const bar = page.getByTestId('selection-bar');
  const inside = await bar.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const buttons = [...node.querySelectorAll<HTMLElement>('[role="toolbar"] button')];
    const controls = [...node.querySelectorAll<HTMLElement>('button, select, .count')];
    const lowest = Math.min(...buttons.map((button) => button.getBoundingClientRect().height));
    return {
      buttonRows: new Set(
        buttons.map((button) => {
          const b = button.getBoundingClientRect();
          return Math.round(b.top + b.height / 2);
        }),
      ).size,
      brokenLabels: buttons
        .filter((button) => button.getBoundingClientRect().height > lowest * 1.5)
        .map((button) => button.textContent),
      outOfBar: controls
        .filter((control) => {
          const c = control.getBoundingClientRect();
          return c.left < box.left - 0.5 || c.right > box.right + 0.5;
        })
        .map((control) => control.textContent),
      box: { x: box.left, width: box.width },
    };
  });
  return {
    buttonRows: inside.buttonRows,
    brokenLabels: inside.brokenLabels,
    outOfBar: inside.outOfBar,
    outOfPane: Math.max(0, pane.x - inside.box.x, inside.box.x + inside.box.width - (pane.x + pane.width)),
  };
}

// The webmail's list pane leaves the bar about 366 px in a 1280 px window and 340 px in a 1024 px one.
describe('the selection bar in the message list', () => {
  for (const lang of ['en', 'de', 'fr', 'it']) {
    it(`${lang}: at 1280 and 1024 px, its actions on one row, no label broken, all inside the list`, async () => {
      const { browser } = await signedInBrowser({ lang });
      browsers.push(browser);
      const page = await browser.context.newPage();
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 860 });
        await page.goto(`${MAIL_URL}/0`);
        const rows = page.locator(WEBMAIL_SELECTORS.listRow);
        await rows.nth(0).locator('mat-checkbox').click();
        await rows.nth(1).locator('mat-checkbox').click();
        await page.getByTestId('selection-bar').waitFor();
        await expect
          .poll(() => selectionBarLayout(page), { message: `${width} px` })
          .toEqual({ buttonRows: 1, brokenLabels: [], outOfBar: [], outOfPane: 0 });
        expect(await page.getByTestId('selection-bar').locator('button[data-action]').count()).toBe(2);
      }
      await browser.close();
    });
  }
});
