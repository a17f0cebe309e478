import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ActionOutcome, ActionProgress, MissingMessage, RunContext } from '../features/action';
import { describeError, isCancellation, type UserFacingError } from '../features/shared/user-facing-error';
import { t } from '../i18n';
import { afterDelay } from './per-frame';

export type ActionStatus =
  | { kind: 'idle' }
  | { kind: 'working'; action: string; progress: ActionProgress | null }
  /** `fileName`: what went to the browser's downloads, for "Show". */
  | { kind: 'done'; text: string; fileName?: string }
  /** Saved, but not all of it: what is missing, and a run that fetches only that. */
  | { kind: 'partial'; action: string; text: string; missing: readonly MissingMessage[]; retry: Run }
  | { kind: 'error'; error: UserFacingError };

type Run = (context: Pick<RunContext, 'signal' | 'onProgress'>) => Promise<ActionOutcome>;

/**
 * How long an action runs before the toolbar shows it working: a progress bar shown and gone within a blink is
 * flicker, and each change costs a paint of the whole page (see afterDelay).
 */
const SHOW_WORKING_AFTER_MS = 400;

/**
 * Runs one action at a time for a toolbar or the selection bar: progress once the action has run a moment, then at
 * most once a frame, Cancel, and the outcome or the error as one translated sentence. Unmounting cancels what is
 * running.
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
    // The outcome of a run before goes at once: it is not this run's.
    setStatus((before) => (before.kind === 'idle' ? before : { kind: 'idle' }));
    const shownProgress = afterDelay(
      (progress: ActionProgress | null) => setStatus({ kind: 'working', action, progress }),
      SHOW_WORKING_AFTER_MS,
    );
    try {
      const outcome = await run({ signal: controller.signal, onProgress: shownProgress.push });
      setStatus(statusAfter(action, outcome));
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
    /** Runs a partial outcome's retry, shown and cancelled like the action it completes. */
    retry: () => (status.kind === 'partial' ? start(status.action, status.retry) : Promise.resolve(null)),
    cancel: () => task.current?.abort(),
    dismiss: () => setStatus({ kind: 'idle' }),
  };
}

function statusAfter(action: string, outcome: ActionOutcome): ActionStatus {
  switch (outcome.kind) {
    case 'saved':
      return {
        kind: 'done',
        text: savedText(outcome.fileName, outcome.withoutFiles ?? 0),
        fileName: outcome.fileName,
      };
    case 'saved-some': {
      const notFetched = outcome.missing.length;
      return {
        kind: 'partial',
        action,
        text:
          notFetched === 1
            ? t('bulkResult_savedSomeOneMissing', [String(outcome.saved), String(outcome.total)])
            : t('bulkResult_savedSomeManyMissing', [String(outcome.saved), String(outcome.total), String(notFetched)]),
        missing: outcome.missing,
        retry: outcome.retry,
      };
    }
    case 'header-report':
      // The report itself is what the user sees, under the toolbar.
      return { kind: 'idle' };
  }
}

/** "Saved …", and why a selection's archive holds fewer messages than were selected, when some had no attachments. */
function savedText(fileName: string, withoutFiles: number): string {
  if (withoutFiles === 0) return t('done_saved', fileName);
  return withoutFiles === 1
    ? t('bulkResult_savedOneWithoutFiles', fileName)
    : t('bulkResult_savedManyWithoutFiles', [fileName, String(withoutFiles)]);
}
