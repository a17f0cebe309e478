import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * How much memory the browser's renderer processes take on top of what they held, at their peak, while an action
 * runs: Linux's own account of each process (`/proc/<pid>/status`), read from outside the browser.
 *
 * Why not the JavaScript heap (CDP `Performance.getMetrics`, `performance.memory`): a raw message, its decoded
 * attachments and the zip's bytes are ArrayBuffers and Blobs, which live outside the JS heap, and a CDP call waits
 * for the renderer's main thread, which is exactly what a long parse keeps busy, so the samples would miss the
 * peak. The resident set of the process counts it all, and Linux keeps its high-water mark (VmHWM), which writing
 * "5" to `/proc/<pid>/clear_refs` resets: the peak during the action, with no sample missed. Where that reset is
 * refused, the resident set is sampled every few milliseconds instead. Linux only.
 *
 * The renderers are found as this process's descendants (the browser the bench launched, nothing else) whose
 * command line says `--type=renderer`. All of them are counted: the webmail tab, the extension's own process and
 * any spare one. Those that do nothing during the action add next to nothing, so the sum is the tab's growth, or a
 * little more.
 *
 * `{ processes: 'all' }` counts every process of the browser instead (the browser process, its network and storage
 * services, the GPU process, the renderers): where a page's Blobs and the files it writes are held (Chromium keeps
 * Blobs in the browser process), which the renderers alone would not show. `rendererBytes` still gives their part.
 */

export interface MemoryPeak {
  /** Peak resident bytes above the start, summed over the processes counted. */
  addedBytes: number;
  /** The renderer processes' part of it. */
  rendererBytes: number;
  /** How the peak was taken: the kernel's high-water mark, or samples of the resident set. */
  method: 'high-water mark' | 'sampled';
}

const SAMPLE_EVERY_MS = 20;

export async function peakRendererMemory<T>(
  action: () => Promise<T>,
  options: { processes?: 'renderers' | 'all' } = {},
): Promise<{ result: T; peak: MemoryPeak } | { error: unknown; peak: MemoryPeak }> {
  // Found once: walking /proc takes milliseconds of a core the browser would otherwise have. A renderer started
  // during the action (none is, for a click on a page already loaded) would not be counted.
  const renderers = new Set(rendererPids());
  const counted = options.processes === 'all' ? browserPids() : [...renderers];
  const start = new Map<number, number>();
  let markReset = true;
  for (const pid of counted) {
    const resident = statusField(pid, 'VmRSS');
    if (resident === undefined) continue;
    start.set(pid, resident);
    markReset &&= resetHighWaterMark(pid);
  }
  // Sampled in any case: a renderer that crashes takes its high-water mark with it.
  const sampledPeak = new Map(start);
  const sample = () => {
    for (const pid of start.keys()) {
      const resident = statusField(pid, 'VmRSS');
      if (resident !== undefined) sampledPeak.set(pid, Math.max(sampledPeak.get(pid)!, resident));
    }
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  let outcome: { result: T } | { error: unknown };
  try {
    outcome = { result: await action() };
  } catch (error) {
    outcome = { error };
  } finally {
    clearInterval(sampler);
  }
  sample();
  let addedBytes = 0;
  let rendererBytes = 0;
  for (const [pid, sampled] of sampledPeak) {
    const highWater = markReset ? (statusField(pid, 'VmHWM') ?? 0) : 0;
    const added = Math.max(0, Math.max(highWater, sampled) - start.get(pid)!);
    addedBytes += added;
    if (renderers.has(pid)) rendererBytes += added;
  }
  return { ...outcome, peak: { addedBytes, rendererBytes, method: markReset ? 'high-water mark' : 'sampled' } };
}

/** The renderer processes of browsers this process started (their pids, as Linux numbers them). */
export function rendererPids(): number[] {
  return browserPids().filter((pid) => commandLine(pid).includes('--type=renderer'));
}

/** Every process of the browsers this process started (not its other children, such as a compiler service). */
function browserPids(): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(Number(entry), 'stat');
    // "pid (comm) state ppid …": the command name may hold spaces and parentheses, so read after the last ')'.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields?.[1]) parentOf.set(Number(entry), Number(fields[1]));
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...parentOf.keys()].filter((pid) => isOurs(pid) && isBrowser(commandLine(pid)));
}

/** Chromium's processes: the browser process and those it started, each told its --type. */
function isBrowser(args: string[]): boolean {
  return /(^|\/)(chromium|chrome)$/.test(args[0] ?? '') || args.some((arg) => arg.startsWith('--type='));
}

/** A process's arguments. Chromium rewrites its own as one line joined by spaces, hence both separators. */
function commandLine(pid: number): string[] {
  return (readProc(pid, 'cmdline') ?? '').split(/[\0 ]/);
}

/**
 * Ends the page renderers (not the extension's) of browsers this process started, by pid: a tab stuck in a long
 * task may not close when asked, and would go on taking a core from the next measurement.
 */
export function killPageRenderers(): void {
  const pages = rendererPids().filter((pid) => !commandLine(pid).includes('--extension-process'));
  for (const pid of pages) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function resetHighWaterMark(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** A `kB` field of /proc/<pid>/status, in bytes. */
function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readProc(pid, 'status') ?? '');
  return match ? Number(match[1]) * 1024 : undefined;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}
