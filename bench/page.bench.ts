/**
 * The in-page actions as the user meets them: the production build (`.output/chrome-mv3`, built when missing) in
 * Debian's Chromium, against a replica started for this bench alone. Every result is a ratio against something
 * measured in the same run or a stated goal, so a slower or busier machine moves both sides:
 *
 * - zip.click_to_file_vs_fetch: click on "Attachments (.zip)" until the .zip is on disk, over the page simply
 *   fetching the same raw message. Goal ≤ 2 on loopback. (And the same with the "server archive" preference,
 *   when the content script honours it.) See support/zip-click-cost.ts.
 * - content_script.main_thread_ms_at_load / _idle: the content script's main-thread time while a 500-message
 *   list loads, over an empty WXT content script of the same manifest shape built at bench time (goal ≤ 1.3), and
 *   over 5 s of idle page (goal 0). See support/content-script-cost.ts.
 * - page.longest_task_ms.<action>: the longest task on the page's main thread during each action (goal ≤ 50 ms).
 *   See support/long-tasks.ts.
 *
 * `PAGE_ROWS=long-tasks` (or `zip`, `content-script`, comma-separated) measures only those parts.
 */
import type { BenchResult } from './types';
import { startBenchSession } from './support/bench-session';
import { deliverLongList, measureContentScript } from './support/content-script-cost';
import { deliverBulkMessages, measureLongTasks } from './support/long-tasks';
import { measureZipClick } from './support/zip-click-cost';

const PARTS = ['content-script', 'zip', 'long-tasks'] as const;

function chosenParts(): Set<string> {
  const only = (process.env.PAGE_ROWS ?? '').split(',').filter(Boolean);
  const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new Error(`PAGE_ROWS: no part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
  return new Set(only.length > 0 ? only : PARTS);
}

export default async function pageBench(): Promise<BenchResult[]> {
  const parts = chosenParts();
  const session = await startBenchSession((replica) => {
    deliverLongList(replica);
    deliverBulkMessages(replica);
  });
  try {
    console.log(`page bench: production build of ${session.build.builtAt.toISOString()} (npm run build to refresh)`);
    // The list first, while the browser has done nothing else yet.
    const contentScript = parts.has('content-script') ? await measureContentScript(session) : [];
    const zip = parts.has('zip') ? await measureZipClick(session) : [];
    const longTasks = parts.has('long-tasks') ? await measureLongTasks(session) : [];
    return [...zip, ...contentScript, ...longTasks];
  } finally {
    await session.close();
  }
}
