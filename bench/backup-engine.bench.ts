/**
 * The backup engine in node, against the replica, each run in a process of its own (bench/support/
 * backup-engine-child.ts) so that memory is the engine's alone:
 *
 * - backup.engine.time_vs_parallel_fetch: backing up 2,000 messages (plus the inbox's own, a 36 MB one among them) as
 *   .eml over plainly fetching the same raw messages with the same parallelism (4), in the same run. Goal ≤ 1.25.
 * - backup.engine.peak_memory_vs_largest_message: what the backup adds to the heap and ArrayBuffers at its peak,
 *   over 2 × the largest message + 64 MB. Goal ≤ 1.
 * - backup.engine.refetched_after_resume: the process killed after 500 files, then a new run: downloads of messages
 *   the manifest vouched for. Goal 0.
 * - backup.engine.incremental_requests: every API request of a second backup after 10 new messages, over
 *   folders + 10 + 3. Goal ≤ 1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica } from '../tests/replica/index';
import type { BenchResult } from './types';

// BACKUP_BENCH_MESSAGES: fewer for a quick look that the bench itself works.
const BULK = Number(process.env.BACKUP_BENCH_MESSAGES ?? 2000);
const PARALLELISM = 4;

export default async function backupEngineBench(): Promise<BenchResult[]> {
  const replica = await startReplica();
  const work = mkdtempSync(join(tmpdir(), 'backup-bench-'));
  try {
    // The corpus's own added messages: 4–30 KB of text, one in four with an attachment under 600 KB.
    replica.control.addMessages({ count: BULK });
    const { name, value } = replica.control.issueSessionCookie();
    const cookie = `${name}=${value}`;
    const mailbox = replica.control.deliver({ raw: { from: 'a@b.example', subject: 'probe', text: 'x' } });
    const selection = {
      format: 'eml',
      mailboxes: [{ uuid: mailbox.mailboxUuid, email: replica.demo.email, folderIds: [mailbox.folderId] }],
      from: null,
      to: null,
    };
    // Asynchronously: the replica answering the child runs in this process.
    const child = async (job: Record<string, unknown>) => {
      const file = join(work, `job-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify({ port: replica.port, cookie, parallelism: PARALLELISM, selection, ...job }));
      const { stdout } = await promisify(execFile)(
        'npx',
        ['tsx', '--expose-gc', join(import.meta.dirname, 'support/backup-engine-child.ts'), file],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number | boolean>;
    };
    const downloads = () => replica.control.requestLog().filter((e) => e.path.endsWith('/download'));

    // Warm the replica's parse cache so neither run pays for it.
    const first = join(work, 'warm');
    await child({ mode: 'backup', destination: mkdir(first) });
    const paths = [...new Set(downloads().map((e) => e.path))];
    const largest = Math.max(
      ...replica.control
        .requestLog()
        .filter((e) => e.path.endsWith('/download'))
        .map((e) => e.bytes),
    );

    const fetchRuns: number[] = [];
    const backupRuns: number[] = [];
    let peakAdded = 0;
    for (let round = 0; round < 3; round++) {
      fetchRuns.push((await child({ mode: 'fetch', paths, destination: work })).ms as number);
      const run = await child({ mode: 'backup', destination: mkdir(join(work, `b${round}`)) });
      backupRuns.push(run.ms as number);
      peakAdded = Math.max(peakAdded, (run.peak as number) - (run.baseline as number));
    }
    const fetchMs = median(fetchRuns);
    const backupMs = median(backupRuns);

    // Killed after 500 files, then resumed.
    const resumed = mkdir(join(work, 'resume'));
    await child({ mode: 'backup', destination: resumed, crashAfterFiles: Math.min(500, Math.floor(BULK / 4)) });
    const vouched = vouchedOnDisk(resumed);
    replica.control.clearRequestLog();
    const second = await child({ mode: 'backup', destination: resumed });
    const refetched = downloads().length - (paths.length - vouched);

    // Ten new messages, then the same backup again.
    replica.control.addMessages({ count: 10 });
    replica.control.clearRequestLog();
    const incremental = await child({ mode: 'backup', destination: resumed });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = replica.control.requestLog().length;
    const allowed = 1 + 10 + 3;

    const budget = 2 * largest + 64 * 1024 * 1024;
    return [
      {
        name: 'backup.engine.time_vs_parallel_fetch',
        value: backupMs,
        unit: 'ms',
        baseline: fetchMs,
        ratio: backupMs / fetchMs,
        note: `${paths.length} messages, ${PARALLELISM} at once`,
      },
      {
        name: 'backup.engine.peak_memory_vs_largest_message',
        value: peakAdded / 1e6,
        unit: 'MB',
        baseline: budget / 1e6,
        ratio: peakAdded / budget,
        note: `largest message ${(largest / 1e6).toFixed(1)} MB`,
      },
      {
        name: 'backup.engine.refetched_after_resume',
        value: refetched,
        unit: 'messages',
        baseline: 0,
        ratio: refetched,
        note: `${vouched} vouched at the kill, complete after: ${String(second.complete)}`,
      },
      {
        name: 'backup.engine.incremental_requests',
        value: requests,
        unit: 'requests',
        baseline: allowed,
        ratio: requests / allowed,
        note: `complete: ${String(incremental.complete)}, fetched ${String(incremental.fetched)}`,
      },
    ];
  } finally {
    await replica.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function mkdir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Manifest lines whose file is there with its length: what the killed run had safely done. */
function vouchedOnDisk(root: string): number {
  const lines = new Map<string, { path: string; size: number }>();
  const read = (file: string) => {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { uid: string; folderId: string; path: string; size: number };
      lines.set(`${entry.folderId} ${entry.uid}`, entry);
    }
  };
  if (existsSync(join(root, 'manifest.jsonl'))) read(join(root, 'manifest.jsonl'));
  const journal = join(root, '.backup-work', 'journal');
  if (existsSync(journal)) for (const name of readdirSync(journal).sort()) read(join(journal, name));
  return [...lines.values()].filter(
    (e) => existsSync(join(root, e.path)) && statSync(join(root, e.path)).size === e.size,
  ).length;
}
