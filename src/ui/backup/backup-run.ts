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

/** States in which the engine is still at work or waiting for the user: leaving the page would stop it. */
const UNFINISHED = new Set<BackupProgress['state']>(['listing', 'running', 'paused', 'needs-sign-in', 'finishing']);

/**
 * One backup as the page follows it: the engine's progress, its controls, and the report at the end. "Retry the
 * missing ones" and "Resume" after a cancel start the same backup again into the same destination: the engine
 * resumes from what is there, so only what is missing is fetched.
 */
export class BackupRun {
  private controls: BackupControls | null = null;
  private view: RunView = { phase: 'running', progress: null };
  /** Bumped by each start, so a report of a run that was replaced is not shown. */
  private generation = 0;
  private cancelled = false;

  constructor(
    private readonly engine: BackupEngine,
    private readonly options: Omit<StartBackupOptions, 'onProgress'>,
    private readonly onChange: (view: RunView) => void,
    private readonly onEnd: (view: Exclude<RunView, { phase: 'running' }>) => void = () => undefined,
  ) {}

  start(): void {
    const generation = ++this.generation;
    this.cancelled = false;
    this.show({ phase: 'running', progress: null });
    try {
      this.controls = this.engine.startBackup({
        ...this.options,
        onProgress: (progress) => {
          if (generation === this.generation && this.view.phase === 'running')
            this.show({ phase: 'running', progress });
        },
      });
    } catch (error) {
      this.end(generation, { phase: 'failed', progress: null, error });
      return;
    }
    this.controls.done.then(
      (report) => {
        const cancelled = this.cancelled || this.view.progress?.state === 'cancelled';
        this.end(generation, { phase: 'ended', progress: this.view.progress, report, cancelled });
      },
      (error: unknown) => this.end(generation, { phase: 'failed', progress: this.view.progress, error }),
    );
  }

  pause = () => this.controls?.pause();
  resume = () => this.controls?.resume();
  cancel = () => {
    if (!this.controls) return;
    this.cancelled = true;
    this.controls.cancel();
  };
  /** After the end: the same backup again, which fetches only the messages not yet in the destination. */
  again = () => this.start();

  /** True while closing the page would interrupt the backup (the page warns before it closes). */
  get unfinished(): boolean {
    return this.view.phase === 'running' && (this.view.progress === null || UNFINISHED.has(this.view.progress.state));
  }

  private end(generation: number, view: Exclude<RunView, { phase: 'running' }>): void {
    if (generation !== this.generation) return;
    this.controls = null;
    this.show(view);
    this.onEnd(view);
  }

  private show(view: RunView): void {
    this.view = view;
    this.onChange(view);
  }
}
