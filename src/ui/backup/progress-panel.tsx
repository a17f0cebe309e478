import type { BackupProgress, BackupState } from '../../backup';
import { WEBMAIL_START_URL } from '../../ksuite/hosts';
import { formatBytes, t, type MessageKey } from '../../i18n';
import { durationText, formatCount, fractionDone, speedText } from './progress-text';

const TITLE: Record<BackupState, MessageKey> = {
  listing: 'backup_stateListing',
  running: 'backup_stateRunning',
  paused: 'backup_statePaused',
  'needs-sign-in': 'backup_stateNeedsSignIn',
  finishing: 'backup_stateFinishing',
  done: 'backup_stateFinishing',
  cancelled: 'backup_stateCancelling',
  failed: 'backup_stateFinishing',
};

/** While the backup runs: how far, how fast, how long still, where; Pause, Resume and Cancel. */
export function ProgressPanel(props: {
  progress: BackupProgress | null;
  locale: string;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const { progress, locale } = props;
  const state = progress?.state ?? 'listing';
  const count = (n: number) => formatCount(n, locale);
  const left = progress?.secondsLeft ?? null;
  return (
    <section class="backup-panel backup-progress" data-testid="backup-progress" data-state={state} aria-live="polite">
      <h2>{t(TITLE[state])}</h2>
      {/* While the folders are listed the total is still growing: no bar to fill yet, and "0 of 0" would say nothing.
          A progress element without a value is indeterminate; given one (even undefined, through Preact) it is not,
          so the listing has an element of its own. */}
      {state === 'listing' ? (
        <progress key="listing" class="backup-bar" aria-label={t('backup_progressLabel')} />
      ) : (
        <progress
          key="running"
          class="backup-bar"
          max={1}
          value={progress ? fractionDone(progress) : 0}
          aria-label={t('backup_progressLabel')}
        />
      )}
      {progress && (
        <dl class="backup-figures">
          <div>
            <dt>{t('backup_messages')}</dt>
            {state === 'listing' ? (
              <dd data-testid="backup-messages-listed">{t('backup_listedSoFar', count(progress.messagesTotal))}</dd>
            ) : (
              <dd data-testid="backup-messages-done">
                {t('backup_countOf', [count(progress.messagesDone), count(progress.messagesTotal)])}
              </dd>
            )}
          </div>
          <div>
            <dt>{t('backup_size')}</dt>
            <dd>
              {state === 'listing'
                ? formatBytes(progress.bytesTotal, locale)
                : t('backup_countOf', [
                    formatBytes(progress.bytesDone, locale),
                    formatBytes(progress.bytesTotal, locale),
                  ])}
            </dd>
          </div>
          <div>
            <dt>{t('backup_speedLabel')}</dt>
            <dd>{(state === 'running' && speedText(progress.bytesPerSecond, locale)) || '–'}</dd>
          </div>
          <div>
            <dt>{t('backup_timeLeft')}</dt>
            <dd>{left === null || state !== 'running' ? '–' : durationText(left, locale)}</dd>
          </div>
          {progress.currentFolder && (
            <div class="backup-current">
              <dt>{t('backup_currentFolder')}</dt>
              <dd data-testid="backup-current-folder">
                {progress.currentFolder.mailbox} › {progress.currentFolder.path}
              </dd>
            </div>
          )}
        </dl>
      )}
      {progress && progress.alreadyThere > 0 && (
        <p class="backup-hint">{t('backup_alreadyThere', count(progress.alreadyThere))}</p>
      )}
      {progress && progress.failed.length > 0 && (
        <p class="backup-problem">{t('backup_failedSoFar', count(progress.failed.length))}</p>
      )}
      {state === 'needs-sign-in' && (
        <p class="backup-problem" data-testid="backup-sign-in" role="alert">
          {t('backup_signInAgain')}{' '}
          <a href={WEBMAIL_START_URL} target="_blank" rel="noopener">
            {t('backup_openWebmail')}
          </a>
        </p>
      )}
      <div class="backup-actions">
        {state === 'paused' || state === 'needs-sign-in' ? (
          <button type="button" class="button primary" data-testid="backup-resume" onClick={props.onResume}>
            {t('backup_resume')}
          </button>
        ) : (
          <button
            type="button"
            class="button"
            data-testid="backup-pause"
            disabled={state !== 'running'}
            onClick={props.onPause}
          >
            {t('backup_pause')}
          </button>
        )}
        <button
          type="button"
          class="button"
          data-testid="backup-cancel"
          disabled={state === 'finishing' || state === 'cancelled'}
          onClick={props.onCancel}
        >
          {t('backup_cancel')}
        </button>
      </div>
      <p class="backup-hint">{t('backup_keepTabOpen')}</p>
    </section>
  );
}
