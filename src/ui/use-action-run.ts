import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActionOutcome, ActionProgress, RunContext } from '../features/action';
import { describeError, isCancellation, type UserFacingError } from '../features/shared/user-facing-error';
import { t } from '../i18n';
import { perFrame } from './per-frame';

export type ActionStatus =
  | { kind: 'idle' }
  | { kind: 'working'; action: string; progress: ActionProgress | null }
  | { kind: 'done'; text: string }
  | { kind: 'error'; error: UserFacingError };

type Run = (context: Pick<RunContext, 'signal' | 'onProgress'>) => Promise<ActionOutcome>;

/**
 * Runs one action at a time for a toolbar or the selection bar: progress at most once a frame, Cancel, and the
 * outcome or the error as one translated sentence. Unmounting cancels what is running.
 */
export function useActionRun() {
  const [status, setStatus] = useState<ActionStatus>({ kind: 'idle' });
  const task = useRef<AbortController | null>(null);

  useEffect(() => () => task.current?.abort(), []);

  /** Runs `run` unless another run is under way (then null); resolves with the outcome, or null on failure. */
  const start = useCallback(async (action: string, run: Run): Promise<ActionOutcome | null> => {
    if (task.current) return null;
    const controller = new AbortController();
    task.current = controller;
    setStatus({ kind: 'working', action, progress: null });
    const shownProgress = perFrame((progress: ActionProgress) => setStatus({ kind: 'working', action, progress }));
    try {
      const outcome = await run({ signal: controller.signal, onProgress: shownProgress.push });
      setStatus(statusAfter(outcome));
      return outcome;
    } catch (error) {
      setStatus(isCancellation(error) ? { kind: 'idle' } : { kind: 'error', error: describeError(error) });
      return null;
    } finally {
      shownProgress.cancel();
      task.current = null;
    }
  }, []);

  return {
    status,
    busy: status.kind === 'working',
    start,
    cancel: () => task.current?.abort(),
    dismiss: () => setStatus({ kind: 'idle' }),
  };
}

function statusAfter(outcome: ActionOutcome): ActionStatus {
  switch (outcome.kind) {
    case 'saved':
      return { kind: 'done', text: t('done_saved', outcome.fileName) };
    case 'saved-some':
      return {
        kind: 'error',
        error: {
          text: t('bulk_savedSome', [
            outcome.fileName,
            String(outcome.saved),
            String(outcome.missing.length),
            outcome.missing.map((m) => `${m.subject} (${m.reason})`).join('; '),
          ]),
        },
      };
    case 'header-report':
      // The report itself is what the user sees, under the toolbar.
      return { kind: 'idle' };
  }
}
