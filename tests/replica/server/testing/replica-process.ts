import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StartReplicaOptions } from '../../index.ts';

// A replica in a process of its own, for tests that measure the replica's memory without counting the test's:
// the child starts it with the options given and reports what a client needs; /proc tells its resident size.

export interface ReplicaProcess {
  port: number;
  certPem: string;
  token: string;
  pid: number;
  /** Resident set size now (VmRSS) and its peak so far (VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  close(): Promise<void>;
}

interface Ready {
  port: number;
  certPem: string;
  token: string;
}

const CHILD = fileURLToPath(new URL('./replica-process-child.ts', import.meta.url));

export async function startReplicaProcess(options: StartReplicaOptions): Promise<ReplicaProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`replica process ended early (${code})`)));
  });
  const pid = child.pid!;
  return {
    ...ready,
    pid,
    memory: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Clears the peak (VmHWM) so that it measures from now on; Linux resets it on this write. */
export function resetPeak(pid: number): void {
  // "5" to clear_refs resets the peak resident set size (proc(5)).
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the peak then counts from the start, which only makes the check stricter.
  }
}
