import { useEffect, useRef, useState } from 'preact/hooks';
import type { StartBackupOptions } from '../../backup';
import { BackupRun, type BackupEngine, type RunView } from './backup-run';

type EndedView = Exclude<RunView, { phase: 'running' }>;

/**
 * Runs one backup at a time for the page and follows it; while it is unfinished, closing or reloading the tab
 * asks first (the backup runs in this tab: closing it stops the backup, which a later visit resumes).
 */
export function useBackupRun(engine: BackupEngine, onEnd: (view: EndedView) => void) {
  const [view, setView] = useState<RunView | null>(null);
  const run = useRef<BackupRun | null>(null);
  const endHandler = useRef(onEnd);
  endHandler.current = onEnd;

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!run.current?.unfinished) return;
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const start = (options: Omit<StartBackupOptions, 'onProgress'>) => {
    run.current = new BackupRun(engine, options, setView, (ended) => endHandler.current(ended));
    run.current.start();
  };

  return {
    view,
    start,
    pause: () => run.current?.pause(),
    resume: () => run.current?.resume(),
    cancel: () => run.current?.cancel(),
    again: () => run.current?.again(),
    retryMissing: () => run.current?.retryMissing(),
    /** Back to choosing: the finished run's view is dropped. */
    clear: () => {
      run.current = null;
      setView(null);
    },
  };
}
