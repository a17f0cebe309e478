import type { ElementHandle, Page } from 'playwright-core';
import type { Replica } from '../../tests/replica/index';
import { buildDeliveryMessage } from '../../tests/replica/corpus/delivery';
import { pdfLike, textLike } from '../../tests/replica/corpus/files';
import type { BenchResult } from '../types';
import { MAIL_URL, type BenchSession } from './bench-session';
import { LIST_ROW } from './content-script-cost';
import { median } from './stats';
import { folderUrl, locateFolder, locateMessage } from './webmail-api';
import { openWithToolbarReady, setServerArchive, timeClickToFile, ZIP_MESSAGE } from './zip-click-cost';

/** The corpus's 25 MiB message (one opaque file, tests/replica/corpus/messages/large-attachments.ts). */
const LARGE_MESSAGE = { folderPath: 'INBOX', subject: 'Baustellenfotos Oktober (Archiv)' };
const WARM_UP_ROUNDS = 1;
const MEASURED_ROUNDS = 3;
/** A task over 50 ms is what the browser itself calls long (Long Tasks API): the page cannot answer meanwhile. */
const GOAL_MS = 50;
/** After the action's end (file on disk, report shown): the tasks that finish it (a revoke, a paint) still count. */
const TAIL_MS = 300;
const BULK_ROWS = 20;
/** A folder of the corpus with few messages, topped with the bulk rows (dated after every corpus message). */
const BULK_FOLDER = 'Archive';

/**
 * page.longest_task_ms.<action>: the longest task on the webmail's main thread from the click on an action until
 * it is done, as the browser's own long-task reporting (PerformanceObserver 'longtask') sees it. The observer is
 * registered in the page once the toolbar is ready and before the click; the content script runs on the same
 * renderer main thread, so its tasks count as the page's. Goal: none over 50 ms, so scrolling and typing in the
 * webmail go on while an action runs. The value is the median over the rounds of each round's longest task (a
 * round with none over 50 ms counts 0, since the browser reports no shorter ones); every round is printed.
 */
export async function measureLongTasks(session: BenchSession): Promise<BenchResult[]> {
  const page = await session.browser.context.newPage();
  const results: BenchResult[] = [];
  try {
    await page.goto(`${MAIL_URL}/0`);
    const ten = await locateMessage(page, ZIP_MESSAGE);
    const large = await locateMessage(page, LARGE_MESSAGE);
    for (const route of ['server_archive', 'in_browser'] as const) {
      await setServerArchive(session, route === 'server_archive');
      results.push(await row(page, `zip_${route}_10x2.5MB`, () => openWithToolbarReady(page, ten, 10), download));
      results.push(await row(page, `zip_${route}_25MB`, () => openWithToolbarReady(page, large, 1), download));
    }
    await setServerArchive(session, true);
    results.push(await row(page, 'eml_25MB', () => openWithToolbarReady(page, large, 1, 'eml'), download));
    results.push(await row(page, 'headers_25MB', () => openWithToolbarReady(page, large, 1, 'headers'), headerReport));
    const bulk = await locateFolder(page, BULK_FOLDER);
    for (const action of ['zip', 'eml'] as const) {
      results.push(
        await row(page, `bulk_${action}_${BULK_ROWS}`, () => selectRows(page, bulk.folderId, action), download),
      );
    }
    return results;
  } finally {
    await setServerArchive(session, true);
    await page.close();
  }
}

/**
 * 20 messages for the bulk rows, each with a 1 MiB PDF and a 512 KiB text file (the text is deflated, the PDF
 * stored), so a selection's zip does both kinds of work on 30 MiB.
 */
export function deliverBulkMessages(replica: Replica): void {
  const first = Date.UTC(2027, 0, 4, 8, 0);
  for (let i = 0; i < BULK_ROWS; i++) {
    const raw = buildDeliveryMessage({
      subject: `Baujournal Woche ${i + 1}`,
      date: new Date(first + i * 3_600_000),
      attachments: [
        { name: `Baujournal-${i + 1}.pdf`, mimeType: 'application/pdf', content: pdfLike(5100 + i, 1024 * 1024) },
        { name: `Messwerte-${i + 1}.txt`, mimeType: 'text/plain', content: textLike(5200 + i, 512 * 1024) },
      ],
    });
    replica.control.deliver({ folder: BULK_FOLDER, raw });
  }
}

type Finish = (page: Page, button: ElementHandle) => Promise<void>;

async function row(
  page: Page,
  action: string,
  open: () => Promise<ElementHandle>,
  clickAndFinish: Finish,
): Promise<BenchResult> {
  const longest: number[] = [];
  const counts: number[] = [];
  for (let round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
    const button = await open();
    await watchLongTasks(page);
    await clickAndFinish(page, button);
    await page.waitForTimeout(TAIL_MS);
    const tasks = await longTasks(page);
    if (round < WARM_UP_ROUNDS) continue;
    longest.push(Math.max(0, ...tasks));
    counts.push(tasks.length);
  }
  const name = `page.longest_task_ms.${action}`;
  const value = median(longest);
  console.log(
    `${name} = ${value.toFixed(0)} ms (goal ≤ ${GOAL_MS}): longest task per round ` +
      `${longest.map((ms) => ms.toFixed(0)).join(', ')} ms; tasks over 50 ms per round ${counts.join(', ')}.`,
  );
  return { name, value, unit: 'ms', baseline: GOAL_MS, ratio: value / GOAL_MS };
}

/** Registered in the page's own world, where the webmail's scripts would see the same. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

const download: Finish = async (page, button) => {
  await timeClickToFile(page, button);
};

const headerReport: Finish = async (page, button) => {
  await button.click();
  await page.waitForSelector('[data-testid="header-report"]', { timeout: 120_000 });
};

/** The folder's first rows ticked as a user does; returns the selection bar's button of `action`. */
async function selectRows(page: Page, folderId: string, action: string): Promise<ElementHandle> {
  await page.goto(folderUrl(MAIL_URL, folderId));
  const rows = page.locator(LIST_ROW);
  await rows.nth(BULK_ROWS - 1).waitFor();
  for (let i = 0; i < BULK_ROWS; i++) await rows.nth(i).locator('mat-checkbox').click();
  const bar = page.getByTestId('selection-bar');
  await bar.and(page.locator(`[data-count="${BULK_ROWS}"]`)).waitFor();
  return bar.locator(`button[data-action="${action}"]`).elementHandle();
}
