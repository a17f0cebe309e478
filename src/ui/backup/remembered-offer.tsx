import type { RememberedBackup } from '../../backup/remembered-backup';
import { t } from '../../i18n';

/**
 * A reopened page offers to go on with the last backup: resume one that was cut off, or add what is new to a
 * finished one. The engine fetches only what the folder does not hold yet, in either case.
 */
export function RememberedOffer(props: { remembered: RememberedBackup; locale: string; onContinue: () => void }) {
  const { remembered, locale } = props;
  const started = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(remembered.startedAt),
  );
  const name = remembered.folder.name;
  return (
    <section class="backup-panel backup-remembered" data-testid="backup-remembered">
      <p>{t(remembered.finished ? 'backup_lastFinished' : 'backup_lastUnfinished', [name, started])}</p>
      <button type="button" class="button primary" data-testid="backup-continue" onClick={props.onContinue}>
        {t(remembered.finished ? 'backup_addNew' : 'backup_resumeIn', name)}
      </button>
    </section>
  );
}
