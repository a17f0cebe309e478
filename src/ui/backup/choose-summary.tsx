import type { BackupMailbox } from '../../backup';
import { t } from '../../i18n';
import { chosenTotal, type ChosenFolders, type DateRange } from './chosen-folders';
import { formatCount } from './progress-text';

/** The total the user is about to back up, by the server's counts; "up to" when a date range narrows it,
 * "at least" when the server did not count some folder. */
export function ChooseSummary(props: {
  chosen: ChosenFolders;
  mailboxes: readonly BackupMailbox[];
  range: DateRange;
  locale: string;
}) {
  const total = chosenTotal(props.chosen, props.mailboxes);
  const narrowed = props.range.from !== '' || props.range.to !== '';
  const messages = formatCount(total.messages, props.locale);
  const folders = formatCount(total.folders, props.locale);
  return (
    <p class="backup-summary" data-testid="backup-total" data-messages={total.messages}>
      {total.folders === 0
        ? t('backup_nothingChosen')
        : t(narrowed ? 'backup_totalUpTo' : total.uncounted > 0 ? 'backup_totalAtLeast' : 'backup_total', [
            messages,
            folders,
          ])}
    </p>
  );
}
