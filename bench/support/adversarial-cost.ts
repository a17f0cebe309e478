import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { ADVERSARIAL_FOLDER, adversarialPairs, type AdversarialPair } from '../../tests/replica/corpus/adversarial';
import type { CorpusMessage } from '../../tests/replica/corpus/index';
import type { BenchResult } from '../types';
import { MAIL_URL, TOOLBAR, type BenchSession } from './bench-session';
import { killPageRenderers, peakRendererMemory, type MemoryPeak } from './renderer-memory';
import { median } from './stats';
import { locateMessage, threadUrl, type LocatedMessage } from './webmail-api';
import { setServerArchive } from './zip-click-cost';

const WARM_UP_ROUNDS = 1;
const MEASURED_ROUNDS = 3;
const TIME_GOAL_RATIO = 3;
/** Many times any goal: a click still running then is reported as timed out, and its tab is ended. */
const CLICK_TIMEOUT_MS = 60_000;
/** The webmail takes 20–40 s to lay out a 16 MB text body on 2 busy cores; that is the page, not the click. */
const OPEN_TIMEOUT_MS = 180_000;
const ERROR_CHECK_EVERY_MS = 250;
/** At most this long for the page to have nothing to do once it has painted (see pageSettled). */
const SETTLE_TIMEOUT_MS = 2000;
const MB = 1024 * 1024;

/**
 * Which way "Attachments (.zip)" goes: the browser zips the raw message (the setting's other choice, and what
 * the page does whenever the server's archive cannot stand in for the message), or the server's archive is checked
 * and saved. Hostile parts hurt the first, which parses the whole message; the second reads no MIME at all.
 */
type Route = 'in-browser' | 'server-archive';

interface Row {
  name: string;
  pair: AdversarialPair;
  route: Route;
}

/**
 * The rows to measure: all of them, or those `ADVERSARIAL_ROWS` names (`ADVERSARIAL_ROWS=blank_lines_16MB npm run
 * bench -- adversarial`, names without the `adversarial.` prefix, comma-separated), so that one row can be looked
 * into without the minutes the others take.
 */
function rows(): Row[] {
  const only = (process.env.ADVERSARIAL_ROWS ?? '').split(',').filter(Boolean);
  const chosen = allRows().filter((row) => only.length === 0 || only.includes(row.name.replace(/^adversarial\./, '')));
  if (chosen.length === 0) throw new Error(`ADVERSARIAL_ROWS=${process.env.ADVERSARIAL_ROWS}: no such row`);
  return chosen;
}

function allRows(): Row[] {
  const pairs = adversarialPairs();
  const pair = (row: AdversarialPair['row']) => pairs.find((candidate) => candidate.row === row)!;
  return [
    { name: 'adversarial.same_name_4000', pair: pair('same_name_4000'), route: 'in-browser' },
    { name: 'adversarial.blank_lines_16MB', pair: pair('blank_lines_16MB'), route: 'in-browser' },
    { name: 'adversarial.empty_parts_200k', pair: pair('empty_parts_200k'), route: 'in-browser' },
    // Information: the default route, where 4,000 files of one name meet the pairing with the server's archive.
    { name: 'adversarial.same_name_4000.server_archive', pair: pair('same_name_4000'), route: 'server-archive' },
  ];
}

interface Click {
  ms: number;
  peak: MemoryPeak;
  /** Why the click gave no file (a timeout, an error message in the toolbar, a crashed tab), when it did not. */
  failure?: string;
}

/**
 * adversarial.*: for each hostile message of the replica's `Adversarial` folder (tests/replica/corpus/adversarial.ts),
 * the click on "Attachments (.zip)" until the .zip is complete on disk, over the same click on an ordinary message
 * of the same size, measured in alternation in the same run (goal ≤ 3); and the most memory the browser's
 * renderers took on top of what they held during the hostile click (goal ≤ 4 × the message's size + 64 MB; see
 * renderer-memory.ts for what is counted). Each round opens the message afresh, so nothing the page kept from the
 * previous click (the raw message) flatters the next. A click that runs past CLICK_TIMEOUT_MS, or ends in an error
 * message instead of a file, is reported so in the row's note, with what it took until then, and the rest of its
 * rounds are skipped.
 */
export async function measureAdversarialMail(session: BenchSession): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const tab = { page: await freshPage(session) };
  try {
    for (const row of rows()) {
      try {
        results.push(...(await measureRow(session, tab, row)));
      } catch (error) {
        // One row that cannot be measured (a page that never showed its message) leaves the others their numbers.
        const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        console.error(`${row.name}: not measured: ${reason}`);
        const missing = { value: Number.NaN, baseline: Number.NaN, ratio: Number.NaN, note: `not measured: ${reason}` };
        results.push(
          { name: row.name, unit: 'ms', ...missing },
          { name: `${row.name}.peak_memory`, unit: 'MB', ...missing },
        );
        await replaceTab(session, tab);
      }
    }
    return results;
  } finally {
    await setServerArchive(session, true);
    await tab.page.close().catch(() => undefined);
  }
}

async function measureRow(session: BenchSession, tab: { page: Page }, row: Row): Promise<BenchResult[]> {
  await setServerArchive(session, row.route === 'server-archive');
  const hostile = await locate(tab.page, row.pair.hostile);
  const ordinary = await locate(tab.page, row.pair.ordinary);
  const hostileClicks: Click[] = [];
  const ordinaryClicks: Click[] = [];
  for (let round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
    const hostileFirst = round % 2 === 1;
    const ordinaryBefore = hostileFirst ? null : await click(session, tab.page, ordinary, row);
    const hostileClick = await click(session, tab.page, hostile, row);
    if (hostileClick.failure) await replaceTab(session, tab);
    const ordinaryClick = ordinaryBefore ?? (await click(session, tab.page, ordinary, row));
    if (ordinaryClick.failure) throw new Error(`the ordinary message failed: ${ordinaryClick.failure}`);
    if (round < WARM_UP_ROUNDS && !hostileClick.failure) continue;
    hostileClicks.push(hostileClick);
    ordinaryClicks.push(ordinaryClick);
    if (hostileClick.failure) break;
  }
  return report(row, hostileClicks, ordinaryClicks);
}

async function freshPage(session: BenchSession): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(`${MAIL_URL}/0`);
  return page;
}

/** The tab may still be busy with a click: it is ended, so it takes no core from what is measured next. */
async function replaceTab(session: BenchSession, tab: { page: Page }): Promise<void> {
  killPageRenderers();
  await tab.page.close().catch(() => undefined);
  tab.page = await freshPage(session);
}

async function locate(page: Page, message: CorpusMessage): Promise<LocatedMessage & { summary: RegExp }> {
  const located = await locateMessage(page, { folderPath: ADVERSARIAL_FOLDER, subject: message.expect.subject! });
  const files = (message.expect.attachments ?? []).filter((attachment) => !attachment.inline).length;
  // The toolbar's summary ("4000 attachments · 250 KB") says the page has the message's details: the click can start.
  return { ...located, summary: files === 1 ? /^1 attachment · / : new RegExp(`^${files} attachments · `) };
}

async function click(
  session: BenchSession,
  page: Page,
  message: LocatedMessage & { summary: RegExp },
  row: Row,
): Promise<Click> {
  // The tab in front, as the one a user clicks in is: the options page opened to pick the route leaves it behind,
  // and a tab behind draws no frames.
  await page.bringToFront();
  await page.goto(threadUrl(MAIL_URL, message.folderId, message.shortUid));
  const toolbar = page.locator(TOOLBAR).last();
  // Attached, not "visible": under 16 MB of blank lines the toolbar has no box Chromium can place.
  await toolbar
    .locator('[data-action="zip"] [data-testid="action-detail"]')
    .filter({ hasText: message.summary })
    .waitFor({
      state: 'attached',
      timeout: OPEN_TIMEOUT_MS,
    });
  // The button pressed with the keyboard, as a user may (trusted input, not a script's element.click()). Not the
  // mouse: under 16 MB of blank lines the toolbar lies past the 33 million pixels Chromium can lay out, and the
  // pointer cannot reach it there.
  await toolbar.locator('button[data-action="zip"]').focus();
  await pageSettled(page);
  session.replica.control.clearRequestLog();
  let ms = 0;
  const measured = await peakRendererMemory(async () => {
    const start = performance.now();
    try {
      const saved = page.waitForEvent('download', { timeout: CLICK_TIMEOUT_MS });
      saved.catch(() => undefined);
      await page.keyboard.press('Enter');
      const download = await Promise.race([saved, errorShown(toolbar, saved)]);
      await download.path();
      await download.delete();
    } finally {
      ms = performance.now() - start;
    }
  });
  if ('error' in measured) {
    const reason = measured.error instanceof Error ? measured.error.message.split('\n')[0] : String(measured.error);
    return { ms, peak: measured.peak, failure: reason };
  }
  checkRoute(session, row);
  // One line a click: the file takes minutes, and a row that goes wrong shows at once.
  console.log(`  ${row.name}: "${message.summary.source}" ${ms.toFixed(0)} ms`);
  return { ms, peak: measured.peak };
}

/**
 * Resolves once the page has drawn what it had to draw: its message, laid out and painted, and the view scrolled to
 * the focused button. The toolbar is in the DOM before the webmail's first layout of the message's body has run, and
 * that first layout and paint of 16 MB of text takes the page 20–40 s (8 million lines); a click timed from then
 * would time the webmail's opening of the message, not the extension. Two frames (the second begins once the first
 * is painted), then a moment with nothing to do (or SETTLE_TIMEOUT_MS). The same for the hostile and the ordinary
 * message.
 */
async function pageSettled(page: Page): Promise<void> {
  await page.evaluate(
    (timeoutMs) =>
      new Promise<void>((resolve) => {
        // Bounded, should the page draw no frames at all.
        setTimeout(resolve, timeoutMs * 10);
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: timeoutMs })),
        );
      }),
    SETTLE_TIMEOUT_MS,
  );
}

/**
 * Rejects once the toolbar shows an error: such an action saves nothing, and waiting out the timeout would report
 * it as slow. Looked at from here a few times a second (a wait in the page would go on running there).
 */
async function errorShown(toolbar: Locator, saved: Promise<unknown>): Promise<never> {
  let done = false;
  void saved.finally(() => (done = true)).catch(() => undefined);
  const error = toolbar.locator('[data-testid="action-status"][data-state="error"]');
  while (!done) {
    await sleep(ERROR_CHECK_EVERY_MS);
    if (!done && (await error.count().catch(() => 0)) > 0) {
      throw new Error(
        `no file; the toolbar says "${await error
          .locator('span')
          .first()
          .innerText()
          .catch(() => '?')}"`,
      );
    }
  }
  return new Promise<never>(() => undefined);
}

/** The click took the route the row names, or the build does not follow the setting (an old build?). */
function checkRoute(session: BenchSession, row: Row): void {
  const paths = session.replica.control.requestLog().map((entry) => entry.path);
  const archive = paths.some((path) => path.endsWith('/attachmentsArchive'));
  const raw = paths.some((path) => path.endsWith('/download'));
  const expected = row.route === 'server-archive' ? archive && !raw : raw && !archive;
  if (!expected) {
    throw new Error(
      `${row.name}: the click asked for ${archive ? "the server's archive" : 'no archive'} and ` +
        `${raw ? 'the raw message' : 'no raw message'}; expected the ${row.route} route (npm run build, if src/ changed).`,
    );
  }
}

function report(row: Row, hostile: Click[], ordinary: Click[]): BenchResult[] {
  const failure = hostile.find((click) => click.failure)?.failure;
  const value = failure ? hostile[hostile.length - 1]!.ms : median(hostile.map((click) => click.ms));
  const baseline = median(ordinary.map((click) => click.ms));
  const size = row.pair.hostile.raw.length;
  const peakMb = Math.max(...hostile.map((click) => click.peak.addedBytes)) / MB;
  const ordinaryPeakMb = Math.max(...ordinary.map((click) => click.peak.addedBytes)) / MB;
  const memoryGoalMb = (4 * size) / MB + 64;
  const note = failure && (/timeout/i.test(failure) ? `timed out after ${CLICK_TIMEOUT_MS / 1000} s` : failure);
  const ms = (clicks: Click[]) => clicks.map((click) => click.ms.toFixed(0)).join(', ');
  console.log(
    `${row.name} = ${(value / baseline).toFixed(2)}: click on "Attachments (.zip)" to the file on disk, ` +
      `${row.route === 'in-browser' ? 'zipped in the browser' : "from the server's archive"}, for "${row.pair.hostile.expect.subject}" ` +
      `(${(size / MB).toFixed(2)} MB) over "${row.pair.ordinary.expect.subject}" (${(row.pair.ordinary.raw.length / MB).toFixed(2)} MB): ` +
      `${failure ? `${note} (${value.toFixed(0)} ms)` : `median ${value.toFixed(0)} ms`} vs ${baseline.toFixed(0)} ms ` +
      `(goal ≤ ${TIME_GOAL_RATIO}). Hostile: ${ms(hostile)} ms; ordinary: ${ms(ordinary)} ms. Peak added to the ` +
      `renderers: ${peakMb.toFixed(1)} MB (goal ≤ ${memoryGoalMb.toFixed(1)} MB; the ordinary message ` +
      `${ordinaryPeakMb.toFixed(1)} MB; ${hostile[0]?.peak.method}).`,
  );
  const withNote = note ? { note } : {};
  return [
    { name: row.name, value, unit: 'ms', baseline, ratio: value / baseline, ...withNote },
    {
      name: `${row.name}.peak_memory`,
      value: peakMb,
      unit: 'MB',
      baseline: memoryGoalMb,
      ratio: peakMb / memoryGoalMb,
      ...withNote,
    },
  ];
}
