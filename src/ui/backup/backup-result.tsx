import type { BackupReport, FailedMessage, FolderOutcome } from '../../backup';
import { formatBytes, t } from '../../i18n';
import { formatCount } from './progress-text';

/**
 * The proof at the end, per folder: on the server, in the backup, failed, gone from the server. "Complete" only
 * when the engine says every listed message is in the backup; otherwise what is missing, by subject and date.
 */
export function BackupResult(props: {
  report: BackupReport;
  cancelled: boolean;
  /** Why the engine stopped the run (a destination that refused a write), in one translated sentence. */
  problem?: string;
  locale: string;
  onAgain: () => void;
}) {
  const { report, cancelled, locale, onAgain } = props;
  const count = (n: number) => formatCount(n, locale);
  const title = report.complete ? 'backup_complete' : cancelled ? 'backup_cancelled' : 'backup_incomplete';
  return (
    <section
      class={`backup-panel backup-result ${report.complete ? 'complete' : 'incomplete'}`}
      data-testid="backup-result"
      data-complete={String(report.complete)}
    >
      <h2 data-testid="backup-verdict">{t(title)}</h2>
      {props.problem && (
        <p class="backup-problem" role="alert" data-testid="backup-stopped-because">
          {props.problem}
        </p>
      )}
      <p>
        {report.fetched === 0
          ? t('backup_nothingNew')
          : t('backup_fetched', [count(report.fetched), formatBytes(report.bytesFetched, locale)])}
      </p>
      <table class="backup-table" data-testid="backup-folders">
        <thead>
          <tr>
            <th scope="col">{t('backup_folder')}</th>
            <th scope="col">{t('backup_onServer')}</th>
            <th scope="col">{t('backup_inBackup')}</th>
            <th scope="col">{t('backup_failed')}</th>
            <th scope="col">{t('backup_gone')}</th>
          </tr>
        </thead>
        {byMailbox(report.folders).map(([mailbox, folders]) => (
          <tbody key={mailbox} data-mailbox={mailbox}>
            <tr class="backup-table-mailbox">
              <th scope="rowgroup" colSpan={5}>
                {mailbox}
              </th>
            </tr>
            {folders.map((folder) => (
              <tr
                key={folder.folderPath}
                class={folder.inBackup < folder.onServer ? 'short' : undefined}
                data-folder={folder.folderPath}
              >
                <th scope="row">{folder.folderPath}</th>
                <td>{count(folder.onServer)}</td>
                <td>{count(folder.inBackup)}</td>
                <td>{folder.failed ? count(folder.failed) : '–'}</td>
                <td>{folder.gone ? count(folder.gone) : '–'}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      {report.failed.length > 0 && <MissingList failed={report.failed} locale={locale} />}
      {!report.complete && (
        <div class="backup-actions">
          <button type="button" class="button primary" data-testid="backup-again" onClick={onAgain}>
            {t(cancelled || props.problem ? 'backup_resume' : 'backup_retryMissing')}
          </button>
          <p class="backup-hint">{t('backup_againHint')}</p>
        </div>
      )}
      {report.gone.length > 0 && (
        <details class="backup-gone">
          <summary>{t('backup_goneTitle', count(report.gone.length))}</summary>
          <ul>
            {report.gone.map((message) => (
              <li key={`${message.mailbox}/${message.folderPath}/${message.uid}`}>
                {message.subject || t('backup_noSubject')} <span class="backup-hint">— {message.path}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The report's folders under their mailbox, in the report's order. */
function byMailbox(folders: readonly FolderOutcome[]): [string, FolderOutcome[]][] {
  const groups = new Map<string, FolderOutcome[]>();
  for (const folder of folders) groups.set(folder.mailbox, [...(groups.get(folder.mailbox) ?? []), folder]);
  return [...groups];
}

function MissingList({ failed, locale }: { failed: readonly FailedMessage[]; locale: string }) {
  return (
    <>
      <h3>{t('backup_missingTitle')}</h3>
      <ul class="backup-missing" data-testid="backup-missing">
        {failed.map((message) => (
          <li key={`${message.mailbox}/${message.folderPath}/${message.uid}`}>
            <span class="backup-missing-subject">{message.subject || t('backup_noSubject')}</span>
            <span class="backup-hint">
              {shownDate(message.date, locale)} · {message.mailbox} › {message.folderPath}
            </span>
            <span class="backup-missing-reason">{message.reason}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The server's date in the reader's own form; as given when it is not a date a browser can read. */
function shownDate(date: string, locale: string): string {
  const parsed = new Date(date);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
}
