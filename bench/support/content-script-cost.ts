import type { Page } from 'playwright-core';
import type { Replica } from '../../tests/replica/index';
import { buildDeliveryMessage } from '../../tests/replica/corpus/delivery';
import type { BenchResult } from '../types';
import { MAIL_URL, type BenchSession } from './bench-session';
import { recordTrace, scriptMainThreadTime, type ScriptTime } from './script-main-thread-time';
import { median } from './stats';
import { folderUrl, locateFolder, type LocatedFolder } from './webmail-api';

const LIST_FOLDER = 'Invoices';
const LIST_MESSAGES = 500;
const LOAD_ROUNDS = 3;
/** After the last row is in: the content script batches its DOM scans per animation frame, let them run. */
const SETTLE_MS = 1000;
const IDLE_MS = 5000;
const LOAD_GOAL_MS = 5;
/**
 * The idle goal is 0 ms, and a ratio over 0 means nothing; 1 ms stands for "nothing worth measuring" (a few
 * stray callbacks of a few dozen µs each). Any ratio above 1 means the script does real work on an idle page.
 */
const IDLE_BASELINE_MS = 1;

const ROW = 'app-thread-item[data-thread-uid]';

/** Fills a folder with a long list before the browser starts (the replica serves 50 threads a page). */
export function deliverLongList(replica: Replica): void {
  const first = Date.UTC(2026, 0, 5, 8, 0);
  for (let i = 0; i < LIST_MESSAGES; i++) {
    const raw = buildDeliveryMessage({
      subject: `Rechnung ${String(i + 1).padStart(3, '0')} – Lieferung`,
      date: new Date(first + i * 37 * 60_000),
    });
    replica.control.deliver({ folder: LIST_FOLDER, raw });
  }
}

/**
 * content_script.main_thread_ms_at_load: the content script's main-thread time (see script-main-thread-time.ts)
 * from navigating to a folder of 500+ messages until every row is loaded (scrolling pulls page after page, as a
 * user would) and the page has settled. Each round is a new tab, so a new renderer process that compiles the
 * script from scratch, as when the user opens the webmail.
 *
 * content_script.main_thread_ms_idle: the same, over 5 s of that loaded page doing nothing.
 */
export async function measureContentScript(session: BenchSession): Promise<BenchResult[]> {
  const loads: ScriptTime[] = [];
  const idles: ScriptTime[] = [];
  let rowsShown = 0;
  const folder = await folderToList(session);
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    const page = await session.browser.context.newPage();
    try {
      const cdp = await session.browser.context.newCDPSession(page);
      const atLoad = await recordTrace(cdp, async () => {
        await page.goto(folderUrl(MAIL_URL, folder.folderId));
        rowsShown = await loadWholeList(page, folder.totalCount);
        await page.waitForTimeout(SETTLE_MS);
      });
      const idle = await recordTrace(cdp, () => page.waitForTimeout(IDLE_MS));
      await cdp.detach();
      const load = scriptMainThreadTime(atLoad, session.contentScriptUrl);
      if (load.evaluateCpuMs === 0) {
        throw new Error('page bench: the content script never ran on the webmail page (is it in the build?)');
      }
      if (load.compileCpuMs === 0) {
        console.warn('page bench: a tab reused a renderer that had compiled the content script; that round is warm.');
      }
      loads.push(load);
      idles.push(scriptMainThreadTime(idle, session.contentScriptUrl));
    } finally {
      await page.close();
    }
  }

  const load = medianBy(loads);
  const idle = medianBy(idles);
  const loadMs = load.cpuMs;
  const idleMs = idle.cpuMs;
  console.log(
    `content_script.main_thread_ms_at_load = ${loadMs.toFixed(1)} ms of main-thread CPU (goal ${LOAD_GOAL_MS} ms; ` +
      `ratio = value / goal, ≤ 1 meets it), median of ${LOAD_ROUNDS} fresh tabs loading ${rowsShown} rows: ` +
      `parse+compile ${load.compileCpuMs.toFixed(1)} ms, whole evaluation ${load.evaluateCpuMs.toFixed(1)} ms, ` +
      `${load.callbacks} callbacks ${load.callbackCpuMs.toFixed(1)} ms, microtasks ~${load.microtaskCpuMs.toFixed(1)} ms ` +
      `(wall ${load.wallMs.toFixed(1)} ms). All rounds (total / of it parse+compile): ` +
      `${loads.map((l) => `${l.cpuMs.toFixed(1)} / ${l.compileCpuMs.toFixed(1)}`).join(', ')} ms.`,
  );
  console.log(
    `content_script.main_thread_ms_idle = ${idleMs.toFixed(2)} ms over ${IDLE_MS / 1000} s of an idle page ` +
      `(goal 0; baseline ${IDLE_BASELINE_MS} ms stands for "nothing", ratio = value / 1 ms): ` +
      `${idle.callbacks} callbacks. All rounds: ${idles.map((l) => l.cpuMs.toFixed(2)).join(', ')} ms.`,
  );
  return [
    {
      name: 'content_script.main_thread_ms_at_load',
      value: loadMs,
      unit: 'ms',
      baseline: LOAD_GOAL_MS,
      ratio: loadMs / LOAD_GOAL_MS,
    },
    {
      name: 'content_script.main_thread_ms_idle',
      value: idleMs,
      unit: 'ms',
      baseline: IDLE_BASELINE_MS,
      ratio: idleMs / IDLE_BASELINE_MS,
    },
  ];
}

/**
 * Looked up in a tab of its own, closed before the measured ones open: a measured tab that had the webmail
 * loaded before would reuse its renderer, where V8 finds the content script already compiled.
 */
async function folderToList(session: BenchSession): Promise<LocatedFolder> {
  const page = await session.browser.context.newPage();
  try {
    await page.goto(`${MAIL_URL}/0`);
    return await locateFolder(page, LIST_FOLDER);
  } finally {
    await page.close();
  }
}

/** Scrolls the list to its end until every message of the folder has its row; returns how many rows there are. */
async function loadWholeList(page: Page, total: number): Promise<number> {
  const rows = page.locator(ROW);
  await rows.first().waitFor();
  let count = await rows.count();
  while (count < total) {
    await page.locator('.thread-list-scroll').evaluate((scroller) => {
      scroller.scrollTop = scroller.scrollHeight;
    });
    await page.waitForFunction(
      ({ selector, before }) => document.querySelectorAll(selector).length > before,
      { selector: ROW, before: count },
      { timeout: 30_000 },
    );
    count = await rows.count();
  }
  return count;
}

/** The round whose total is the median, so the breakdown printed adds up to the value reported. */
function medianBy(rounds: readonly ScriptTime[]): ScriptTime {
  const middle = median(rounds.map((r) => r.cpuMs));
  return rounds.find((r) => r.cpuMs === middle)!;
}
