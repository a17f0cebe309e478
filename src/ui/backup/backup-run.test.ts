import { describe, expect, it } from 'vitest';
import { BackupRun, type RunView } from './backup-run';
import { EMPTY_PROGRESS, fakeEngine } from './testing/fake-engine';

const selection = { format: 'eml' as const, mailboxes: [], from: null, to: null };
const destination = { name: 'Backups' } as FileSystemDirectoryHandle;

function follow() {
  const { engine, runs } = fakeEngine();
  const views: RunView[] = [];
  const ended: RunView[] = [];
  const run = new BackupRun(
    engine,
    { api: {} as never, destination, selection },
    (view) => views.push(view),
    (view) => ended.push(view),
  );
  return { run, runs, views, ended, last: () => views.at(-1)! };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a backup as the page follows it', () => {
  it("hands the engine the destination and selection, shows each progress, and the engine's report at the end", async () => {
    const { run, runs, last, ended } = follow();
    run.start();
    expect(runs[0]!.options.destination).toBe(destination);
    expect(runs[0]!.options.selection).toBe(selection);
    expect(run.unfinished).toBe(true);
    runs[0]!.progress({ messagesDone: 3, messagesTotal: 10 });
    expect(last()).toMatchObject({ phase: 'running', progress: { messagesDone: 3 } });
    runs[0]!.finish({ complete: false, fetched: 10 });
    await settled();
    expect(last()).toMatchObject({ phase: 'ended', report: { complete: false, fetched: 10 }, cancelled: false });
    expect(ended).toHaveLength(1);
    expect(run.unfinished).toBe(false);
  });

  it('passes Pause, Resume and Cancel to the engine, and a cancelled run ends as cancelled', async () => {
    const { run, runs, last } = follow();
    run.start();
    run.pause();
    run.resume();
    run.cancel();
    expect(runs[0]!.calls).toEqual(['pause', 'resume', 'cancel']);
    runs[0]!.finish({ complete: false });
    await settled();
    expect(last()).toMatchObject({ phase: 'ended', cancelled: true });
  });

  it('is unfinished while paused or waiting for sign-in (closing the tab would stop it), not once done', () => {
    const { run, runs } = follow();
    run.start();
    for (const state of ['listing', 'paused', 'needs-sign-in', 'finishing'] as const) {
      runs[0]!.progress({ ...EMPTY_PROGRESS, state });
      expect(run.unfinished, state).toBe(true);
    }
    runs[0]!.progress({ state: 'done' });
    expect(run.unfinished).toBe(false);
  });

  it('"Retry the missing ones" asks the same run to fetch the failed messages again, and shows its new report', async () => {
    const { run, runs, last, ended } = follow();
    run.start();
    runs[0]!.finish({ complete: false });
    await settled();
    run.retryMissing();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.calls).toEqual(['retryFailed']);
    expect(last()).toEqual({ phase: 'running', progress: null });
    expect(run.unfinished).toBe(true);
    runs[0]!.progress({ messagesDone: 1, messagesTotal: 2 });
    expect(last()).toMatchObject({ phase: 'running', progress: { messagesDone: 1 } });
    runs[0]!.finish({ complete: true });
    await settled();
    expect(last()).toMatchObject({ phase: 'ended', report: { complete: true }, cancelled: false });
    expect(ended).toHaveLength(2);
  });

  it('"Resume" after a cancel starts the same backup again into the same destination', async () => {
    const { run, runs, last } = follow();
    run.start();
    run.cancel();
    runs[0]!.finish({ complete: false });
    await settled();
    run.retryMissing();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.options.destination).toBe(destination);
    expect(runs[1]!.options.selection).toBe(selection);
    runs[1]!.finish({ complete: true });
    await settled();
    expect(last()).toMatchObject({ phase: 'ended', report: { complete: true }, cancelled: false });
  });

  it('"Resume" after the destination stopped the run (state failed) starts it again rather than retrying', async () => {
    const { run, runs } = follow();
    run.start();
    runs[0]!.progress({ state: 'failed', error: 'The disk is full.' });
    runs[0]!.finish({ complete: false });
    await settled();
    run.retryMissing();
    expect(runs[0]!.calls).toEqual([]);
    expect(runs).toHaveLength(2);
  });

  it('shows an engine failure, thrown at start or as the end, instead of a report', async () => {
    const { run, runs, last } = follow();
    run.start();
    runs[0]!.fail(new DOMException('full', 'QuotaExceededError'));
    await settled();
    expect(last()).toMatchObject({ phase: 'failed' });
    expect(run.unfinished).toBe(false);
  });

  it('ignores what an earlier run reports once it is replaced', async () => {
    const { run, runs, last } = follow();
    run.start();
    run.again();
    runs[0]!.progress({ messagesDone: 99 });
    runs[0]!.finish({ fetched: 99 });
    await settled();
    expect(last()).toEqual({ phase: 'running', progress: null });
  });
});
