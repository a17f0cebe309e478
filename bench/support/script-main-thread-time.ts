import type { CDPSession } from 'playwright-core';
import { median } from './stats';

/**
 * How much main-thread time one script (our content script) takes, from a Chromium trace.
 *
 * Why a trace and not the `Profiler` domain alone: a CPU profile cannot see the script being compiled (those
 * samples have no JavaScript frame yet), and compiling a 300 KB bundle is a large part of what a content script
 * costs at load. The trace names the script on every event that runs it: `EvaluateScript` (with `v8.compile`
 * and `v8.run` inside: the bundle's parse, compile and top-level run) and `FunctionCall` (every callback Blink
 * calls into it: MutationObserver, requestAnimationFrame, event listeners, timers). The outermost of those
 * events on a renderer main thread are summed, so nothing is counted twice.
 *
 * What those events miss are promise continuations (`await` resuming inside the script), which V8 runs in a
 * `RunMicrotasks` shared with the page's own. For them the trace also carries V8's CPU samples: samples with the
 * script on the stack that fall outside every counted event are added at the sampling interval each.
 *
 * The value is thread time (`tdur`, CPU time of the main thread), not wall time (`dur`): on a shared machine
 * the wall time of the same work swings with whatever else runs (the same evaluation took 46 ms wall and 19 ms
 * of thread time on a busy 2-core box); thread time is the script's own cost. Both are reported.
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

/** Records a browser trace while `during` runs. */
export async function recordTrace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (batch: { value: object[] }) => events.push(...(batch.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return events;
}

export interface ScriptTime {
  /** Main-thread CPU time of the script, sampled microtasks included. */
  cpuMs: number;
  /** The same events measured in wall time. */
  wallMs: number;
  /** Parse and compile of the bundle (part of the evaluation). */
  compileCpuMs: number;
  /** Parse, compile and top-level run of the bundle. */
  evaluateCpuMs: number;
  /** Callbacks from the browser into the script. */
  callbackCpuMs: number;
  callbacks: number;
  /** Estimated from CPU samples: the script's promise continuations, which carry no event of their own. */
  microtaskCpuMs: number;
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.run', 'FunctionCall']);

export function scriptMainThreadTime(events: readonly TraceEvent[], scriptUrl: string): ScriptTime {
  const mainThreads = rendererMainThreads(events);
  const ofScript = events
    .filter(
      (e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && mainThreads.has(threadKey(e)) && scriptUrlOf(e) === scriptUrl,
    )
    .sort((a, b) => a.ts - b.ts);
  const outermost = outermostPerThread(ofScript);
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const sum = (list: readonly TraceEvent[], measure: (e: TraceEvent) => number) =>
    list.reduce((total, e) => total + measure(e), 0);

  const evaluations = outermost.filter((e) => e.name !== 'FunctionCall');
  const callbacks = outermost.filter((e) => e.name === 'FunctionCall');
  const microtaskCpuMs = uncoveredSampleTime(events, scriptUrl, outermost);
  return {
    cpuMs: sum(outermost, cpu) + microtaskCpuMs,
    wallMs: sum(outermost, (e) => (e.dur ?? 0) / 1000) + microtaskCpuMs,
    compileCpuMs: sum(
      ofScript.filter((e) => e.name === 'v8.compile'),
      cpu,
    ),
    evaluateCpuMs: sum(evaluations, cpu),
    callbackCpuMs: sum(callbacks, cpu),
    callbacks: callbacks.length,
    microtaskCpuMs,
  };
}

function threadKey(e: { pid: number; tid: number }): string {
  return `${e.pid}:${e.tid}`;
}

function rendererMainThreads(events: readonly TraceEvent[]): Set<string> {
  const threads = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string }).name === 'CrRendererMain') {
      threads.add(threadKey(e));
    }
  }
  return threads;
}

function scriptUrlOf(e: TraceEvent): string | undefined {
  const args = e.args as { data?: { url?: string }; fileName?: string } | undefined;
  return args?.data?.url || args?.fileName;
}

/** Events nested in an earlier one of the same thread are left out: their time is already in the outer one. */
function outermostPerThread(sorted: readonly TraceEvent[]): TraceEvent[] {
  const openUntil = new Map<string, number>();
  const outer: TraceEvent[] = [];
  for (const e of sorted) {
    const key = threadKey(e);
    if (e.ts < (openUntil.get(key) ?? -Infinity)) continue;
    outer.push(e);
    openUntil.set(key, e.ts + (e.dur ?? 0));
  }
  return outer;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}

/** Samples with the script on the stack outside every counted event, times the profile's sampling interval. */
function uncoveredSampleTime(events: readonly TraceEvent[], scriptUrl: string, counted: readonly TraceEvent[]): number {
  let total = 0;
  for (const profile of cpuProfiles(events)) {
    const onScript = new Map<number, boolean>();
    const hasScriptFrame = (id: number): boolean => {
      const known = onScript.get(id);
      if (known !== undefined) return known;
      const node = profile.nodes.get(id);
      const result =
        !!node && (node.callFrame.url === scriptUrl || (node.parent !== undefined && hasScriptFrame(node.parent)));
      onScript.set(id, result);
      return result;
    };
    const inProcess = counted.filter((e) => e.pid === profile.pid);
    const covered = (t: number) => inProcess.some((e) => t >= e.ts && t <= e.ts + (e.dur ?? 0));
    const uncovered = profile.samples.filter((s) => hasScriptFrame(s.node) && !covered(s.time)).length;
    total += (uncovered * profile.intervalUs) / 1000;
  }
  return total;
}

interface CpuProfile {
  pid: number;
  nodes: Map<number, ProfileNode>;
  samples: { time: number; node: number }[];
  intervalUs: number;
}

/** V8's CPU profiles as the trace carries them: a `Profile` event, then `ProfileChunk`s of nodes and samples. */
function cpuProfiles(events: readonly TraceEvent[]): CpuProfile[] {
  const profiles = new Map<string, CpuProfile & { clock: number; deltas: number[] }>();
  for (const e of events) {
    const key = `${e.pid}:${e.id}`;
    const data = (e.args as { data?: Record<string, unknown> } | undefined)?.data;
    if (e.name === 'Profile' && data) {
      const start = data.startTime as number;
      profiles.set(key, { pid: e.pid, nodes: new Map(), samples: [], intervalUs: 0, clock: start, deltas: [] });
    } else if (e.name === 'ProfileChunk' && data) {
      const profile = profiles.get(key);
      if (!profile) continue;
      const chunk = data.cpuProfile as { nodes?: ProfileNode[]; samples?: number[] } | undefined;
      for (const node of chunk?.nodes ?? []) profile.nodes.set(node.id, node);
      const deltas = (data.timeDeltas as number[] | undefined) ?? [];
      (chunk?.samples ?? []).forEach((node, i) => {
        profile.clock += deltas[i] ?? 0;
        profile.deltas.push(deltas[i] ?? 0);
        profile.samples.push({ time: profile.clock, node });
      });
    }
  }
  return [...profiles.values()].map((p) => ({ ...p, intervalUs: p.deltas.length > 0 ? median(p.deltas) : 0 }));
}
