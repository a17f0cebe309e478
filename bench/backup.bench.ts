/**
 * The mailbox backup (issue 15) in the shipped build: Debian's Chromium drives the backup page (backup.html) as a
 * user does, against a replica of its own whose demo account has the big generated mailbox
 * (tests/replica/README.md, "The big mailbox"). The page backs up into a folder of the browser's origin-private
 * file system, which answers the folder picker (see support/backup-page.ts). Rows and goals:
 *
 * - backup.time_vs_parallel_fetch: click on "Start backup" to the result, for 2,000 messages, over the same page
 *   plainly fetching the same raw messages 4 at a time (the engine's parallelism), bodies read to the end; the two
 *   alternate, medians of 3 each. Goal ≤ 1.25.
 * - backup.time_vs_fetch_into_files (information): the same backup over the same page fetching the same messages 4
 *   at a time and writing each into a file of its own, nothing else (no hash, no manifest): what the File System
 *   Access API's per-file work costs on its own, alternated with the two above.
 * - backup.peak_memory_vs_largest_message: on a mailbox of more than 1 GiB, the browser's peak growth during the
 *   backup (every process of it: the browser process holds the Blobs and the files being written) over 2 × the
 *   largest message + 64 MB. Goal ≤ 1. The note gives the renderers' part, the speed and what 10 GB would take.
 * - backup.refetched_after_resume: the tab closed halfway, the page reopened and the offered resume clicked;
 *   messages the replica served whole in both runs. Goal 0 (a count: ratio = value).
 * - backup.incremental_requests: after that backup is complete, 10 new messages; every API request from the click
 *   on the reopened page's "add what is new" to the end of the second run, over folders + 10 + 3. Goal ≤ 1.
 *
 * `npm run bench -- backup`, about 5–8 minutes on 2 cores. Needs a production build with the backup page.
 * `BACKUP_ROWS=time` or `BACKUP_ROWS=memory` runs only the time rows (time, resume, incremental) or the memory row;
 * `BACKUP_ROWS=resume` only the resume and incremental rows.
 */
import { existsSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { BenchResult } from './types';
import { startBenchSession, type BenchSession } from './support/bench-session';
import { measureBackupMemory, measureBackupTime, measureResumeAndIncremental } from './support/backup-cost';

/** The 2,000-message mailbox: about the big mailbox's usual mean size (3 GiB over 30,000 messages). */
const TIME_MAILBOX = { messages: 2000, totalBytes: 200 * 2 ** 20, seed: 15 };
/** Over 1 GiB, in fewer, larger messages than the time row's, so it takes a minute rather than ten. */
const MEMORY_MAILBOX = { messages: 4000, totalBytes: 1.1 * 2 ** 30, seed: 16 };

export default async function backupBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const timed = async <T>(row: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      console.log(`${row}: ${((performance.now() - start) / 1000).toFixed(0)} s`);
    }
  };

  const only = process.env.BACKUP_ROWS;
  if (only !== undefined && only !== 'time' && only !== 'resume' && only !== 'memory')
    throw new Error(`BACKUP_ROWS=${only}: time, resume or memory`);
  if (only !== 'memory') results.push(...(await timeRows(timed, only !== 'resume')));
  if (only === undefined || only === 'memory') results.push(...(await memoryRow(timed)));
  return results;
}

type Timed = <T>(row: string, work: () => Promise<T>) => Promise<T>;

async function timeRows(timed: Timed, withTime: boolean): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const small = await session(TIME_MAILBOX);
  try {
    if (withTime) results.push(...(await timed('backup.time_vs_parallel_fetch', () => measureBackupTime(small))));
    results.push(...(await timed('backup resume and incremental', () => measureResumeAndIncremental(small))));
  } finally {
    await small.close();
  }
  return results;
}

async function memoryRow(timed: Timed): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // The destination lands in the browser profile under the temporary folder; the browser's own files come on top.
  const free = statfsSync(tmpdir());
  const freeBytes = free.bavail * free.bsize;
  if (freeBytes < 2 * MEMORY_MAILBOX.totalBytes + 2 * 2 ** 30) {
    const note = `not measured: ${(freeBytes / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}`;
    console.error(`backup.peak_memory_vs_largest_message: ${note}`);
    results.push({
      name: 'backup.peak_memory_vs_largest_message',
      value: NaN,
      unit: 'MB',
      baseline: NaN,
      ratio: NaN,
      note,
    });
    return results;
  }
  const big = await session(MEMORY_MAILBOX);
  try {
    results.push(await timed('backup.peak_memory_vs_largest_message', () => measureBackupMemory(big)));
  } finally {
    await big.close();
  }
  return results;
}

async function session(bigMailbox: { messages: number; totalBytes: number; seed: number }): Promise<BenchSession> {
  const started = await startBenchSession(() => undefined, { bigMailbox });
  if (!existsSync(`${started.build.dir}/backup.html`)) {
    await started.close();
    throw new Error('backup bench: the production build has no backup.html (npm run build)');
  }
  console.log(
    `backup bench: production build of ${started.build.builtAt.toISOString()}, big mailbox of ` +
      `${bigMailbox.messages} messages (seed ${bigMailbox.seed})`,
  );
  return started;
}
