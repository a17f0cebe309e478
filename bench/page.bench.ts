/**
 * The in-page actions as the user meets them: the production build (`.output/chrome-mv3`, built when missing) in
 * Debian's Chromium, against a replica started for this bench alone. Every result is a ratio against something
 * measured in the same run or a stated goal, so a slower or busier machine moves both sides:
 *
 * - zip.click_to_file_vs_fetch: click on "Attachments (.zip)" until the .zip is on disk, over the page simply
 *   fetching the same raw message. Goal ≤ 2 on loopback. (And the same with the "server archive" preference,
 *   when the content script honours it.) See support/zip-click-cost.ts.
 * - content_script.main_thread_ms_at_load / _idle: the content script's main-thread time while a 500-message
 *   list loads (goal 5 ms) and over 5 s of idle page (goal 0). See support/content-script-cost.ts.
 */
import type { BenchResult } from './types';
import { startBenchSession } from './support/bench-session';
import { deliverLongList, measureContentScript } from './support/content-script-cost';
import { measureZipClick } from './support/zip-click-cost';

export default async function pageBench(): Promise<BenchResult[]> {
  const session = await startBenchSession(deliverLongList);
  try {
    console.log(`page bench: production build of ${session.build.builtAt.toISOString()} (npm run build to refresh)`);
    // The list first, while the browser has done nothing else yet.
    const contentScript = await measureContentScript(session);
    const zip = await measureZipClick(session);
    return [...zip, ...contentScript];
  } finally {
    await session.close();
  }
}
