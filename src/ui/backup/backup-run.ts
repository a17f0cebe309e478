import type { BackupControls, BackupProgress, BackupReport, StartBackupOptions } from '../../backup';

/** What the page needs of the backup engine; the page is handed it, so its tests can hand it a fake. */
export interface BackupEngine {
  listBackupSources: typeof import('../../backup').listBackupSources;
  startBackup: typeof import('../../backup').startBackup;
}

export type RunView =
  | { phase: 'running'; progress: BackupProgress | null }
  /** `cancelled`: the user stopped it; what is done is kept and a new run resumes from there. */
  | { phase: 'ended'; progress: BackupProgress | null; report: BackupReport; cancelled: boolean }
  | { phase: 'failed'; progress: BackupProgress | null; error: unknown };

type EndedView = Exclude<RunView, { phase: 'running' }>;

/** States in which the engine is still at work or waiting for the user: leaving the page would stop it. */
const UNFINISHED = new Set<BackupProgress['state']>(['listing', 'running', 'paused', 'needs-sign-in', 'finishing']);

/**
 * One backup as the page follows it: the engine's progress, its controls, and the report at the end. "Retry the
 * missing ones" asks the same run's engine to fetch the failed messages again (its `done` then settles anew);
 * "Resume" after a cancel or a failure starts the same backup again into the same destination, which the engine
 * resumes from what is there, so only what is missing is fetched.
 */
export class BackupRun {
  /** The run the page follows; a replaced run's progress and end are ignored. */
  private live: { controls: BackupControls | null } | null = null;
  private view: RunView = { phase: 'running', progress: null };
  private cancelled = false;

  constructor(
    private readonly engine: BackupEngine,
    private readonly options: Omit<StartBackupOptions, 'onProgress'>,
    private readonly onChange: (view: RunView) => void,
    private readonly onEnd: (view: EndedView) => void = () => undefined,
  ) {}

  start(): void {
    const run: { controls: BackupControls | null } = { controls: null };
    this.live = run;
    this.cancelled = false;
    this.show({ phase: 'running', progress: null });
    try {
      run.controls = this.engine.startBackup({
        ...this.options,
        onProgress: (progress) => {
          if (this.live === run && this.view.phase === 'running') this.show({ phase: 'running', progress });
        },
      });
    } catch (error) {
      this.end(run, { phase: 'failed', progress: null, error });
      return;
    }
    this.follow(run);
  }

  pause = () => this.live?.controls?.pause();
  resume = () => this.live?.controls?.resume();
  cancel = () => {
    if (!this.live?.controls || this.view.phase !== 'running') return;
    this.cancelled = true;
    this.live.controls.cancel();
  };

  /** After an incomplete end: fetch again only what failed, into the same destination. */
  retryMissing = () => {
    const run = this.live;
    // A cancelled run, or one the destination stopped (disk full, permission gone), is resumed by a new run.
    const stopped = this.view.phase === 'ended' && (this.view.cancelled || this.view.progress?.state === 'failed');
    if (!run?.controls || this.view.phase !== 'ended' || stopped) {
      this.start();
      return;
    }
    this.cancelled = false;
    this.show({ phase: 'running', progress: null });
    run.controls.retryFailed();
    this.follow(run);
  };

  /** After a cancel or a failure: the same backup again, which fetches only what the destination does not hold. */
  again = () => this.start();

  /** True while closing the page would interrupt the backup (the page warns before it closes). */
  get unfinished(): boolean {
    return this.view.phase === 'running' && (this.view.progress === null || UNFINISHED.has(this.view.progress.state));
  }

  private follow(run: { controls: BackupControls | null }): void {
    run.controls!.done.then(
      (report) => {
        const cancelled = this.cancelled || this.view.progress?.state === 'cancelled';
        this.end(run, { phase: 'ended', progress: this.view.progress, report, cancelled });
      },
      (error: unknown) => this.end(run, { phase: 'failed', progress: this.view.progress, error }),
    );
  }

  private end(run: { controls: BackupControls | null }, view: EndedView): void {
    if (this.live !== run || this.view.phase !== 'running') return;
    this.show(view);
    this.onEnd(view);
  }

  private show(view: RunView): void {
    this.view = view;
    this.onChange(view);
  }
}
