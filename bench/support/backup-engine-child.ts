/**
 * One measured backup (or plain fetch) in a process of its own, so that its memory is the engine's and not the
 * replica's (which holds the whole mailbox). Run by bench/backup-engine.bench.ts with a JSON job file; prints one
 * JSON line with what it measured. With `crashAfterFiles`, the process exits hard right after that many .eml files
 * reached the disk: the tab closing mid-backup.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Job {
  mode: 'backup' | 'fetch';
  port: number;
  cookie: string;
  destination: string;
  parallelism: number;
  selection: unknown;
  /** For 'fetch': the download paths to fetch plainly. */
  paths?: string[];
  crashAfterFiles?: number;
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job;

// The engine translates its report through the extension's i18n API: English here.
const catalogue = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'));
(globalThis as { chrome?: unknown }).chrome = {
  runtime: { id: 'bench' },
  i18n: {
    getMessage: (key: string, subs?: string | string[]) => {
      const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
      return (catalogue[key]?.message ?? '').replace(/\$(\d)/g, (_: string, n: string) => list[Number(n) - 1] ?? '');
    },
    getUILanguage: () => 'en',
  },
};

const { replicaFetch } = await import('../../tests/support/replica-fetch');
const { DiskState, diskDirectory } = await import('../../tests/support/disk-directory-handle');
const { KsuiteApiClient } = await import('../../src/ksuite/api-client');
const { startBackup } = await import('../../src/backup/index');

const fetch = replicaFetch(job.port, { cookie: job.cookie });
const api = new KsuiteApiClient({ fetch });

// Memory the engine adds: JavaScript heap plus ArrayBuffers (network chunks, file writes), sampled often.
globalThis.gc?.();
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const baseline = used();
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);

const started = performance.now();
let result: Record<string, unknown>;
if (job.mode === 'fetch') {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < job.paths!.length) {
      const path = job.paths![next++]!;
      const response = await fetch(`https://mail.infomaniak.com${path}`, { credentials: 'include' });
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
      }
    }
  };
  await Promise.all(Array.from({ length: job.parallelism }, worker));
  result = { fetched: job.paths!.length, bytes };
} else {
  const state = new DiskState();
  if (job.crashAfterFiles) {
    state.crashAfterClosing('.eml', job.crashAfterFiles);
    const watch = setInterval(() => {
      if (state.crashed) {
        clearInterval(watch);
        process.stdout.write(`${JSON.stringify({ crashed: true })}\n`);
        process.exit(0);
      }
    }, 1);
  }
  const controls = startBackup({
    api,
    destination: diskDirectory(job.destination, state).asBrowserHandle(),
    selection: job.selection as Parameters<typeof startBackup>[0]['selection'],
    parallelism: job.parallelism,
    onProgress: () => {},
  });
  const report = await controls.done;
  result = { complete: report.complete, fetched: report.fetched, bytes: report.bytesFetched };
}
clearInterval(sampler);
process.stdout.write(
  `${JSON.stringify({ ...result, ms: performance.now() - started, baseline, peak: Math.max(peak, used()) })}\n`,
);
