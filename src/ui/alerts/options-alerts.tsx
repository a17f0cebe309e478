import { requestMailCheck } from '../../alerts/check-requests';
import type { PollRecord } from '../../alerts/poll-record';
import { watchableFolders, watchedFoldersOf, type FolderSummary } from '../../alerts/watched-folders';
import type { Settings } from '../../settings';
import { t } from '../../i18n';
import { folderDisplayName } from '../folder-names';
import { usePollRecord, useSettings } from './hooks';
import { useSaving } from '../saved-notice';
import { AlertsSwitch } from './alerts-switch';
import './alerts.css';

const INTERVALS = [30, 60, 120, 300, 600, 900, 1800];

function intervalLabel(seconds: number): string {
  if (seconds < 60) return t('settings_intervalSeconds', String(seconds));
  return seconds === 60 ? t('settings_intervalOneMinute') : t('settings_intervalMinutes', String(seconds / 60));
}

/** Options: alerts on/off and permission, check interval, quiet hours, the mailboxes and folders to watch. */
export function AlertsSettings() {
  const settings = useSettings();
  const record = usePollRecord();
  const { save } = useSaving();
  if (!settings) return null;
  const quiet = settings.quietHours;
  return (
    <section class="settings-section" data-testid="settings-alerts">
      <h2>{t('settings_alertsTitle')}</h2>
      <AlertsSwitch settings={settings} label="pages_alertsSwitchOptions" />
      <label class="settings-row">
        {t('settings_interval')}
        <select
          data-testid="settings-interval"
          value={String(settings.pollIntervalSeconds)}
          onChange={(e) => save({ pollIntervalSeconds: Number(e.currentTarget.value) })}
        >
          {[...new Set([...INTERVALS, settings.pollIntervalSeconds])]
            .sort((a, b) => a - b)
            .map((seconds) => (
              <option key={seconds} value={String(seconds)}>
                {intervalLabel(seconds)}
              </option>
            ))}
        </select>
      </label>

      <h3>{t('settings_quietTitle')}</h3>
      <div class="settings-row">
        <label>
          <input
            type="checkbox"
            data-testid="settings-quiet-enabled"
            checked={quiet.enabled}
            onChange={(e) => save({ quietHours: { ...quiet, enabled: e.currentTarget.checked } })}
          />
          {t('settings_quietFrom')}
        </label>
        <input
          type="time"
          aria-label={t('settings_quietStart')}
          value={quiet.start}
          onChange={(e) => e.currentTarget.value && save({ quietHours: { ...quiet, start: e.currentTarget.value } })}
        />
        <span>{t('settings_quietTo')}</span>
        <input
          type="time"
          aria-label={t('settings_quietEnd')}
          value={quiet.end}
          onChange={(e) => e.currentTarget.value && save({ quietHours: { ...quiet, end: e.currentTarget.value } })}
        />
      </div>

      <h3>{t('settings_watchTitle')}</h3>
      <p>{t('settings_watchHint')}</p>
      {record && <WatchedFoldersChooser record={record} settings={settings} />}
    </section>
  );
}

function WatchedFoldersChooser({ record, settings }: { record: PollRecord; settings: Settings }) {
  const { save } = useSaving();
  const { mailboxes, folders } = record.check;
  if (mailboxes.length === 0) {
    return (
      <div class="settings-row">
        <span>{t('settings_watchNoMailboxes')}</span>
        <button
          type="button"
          class="button alerts-small"
          onClick={() => void requestMailCheck(true).catch(() => undefined)}
        >
          {t('alerts_checkNow')}
        </button>
      </div>
    );
  }
  const choose = (mailboxUuid: string, list: FolderSummary[], folderId: string, on: boolean) => {
    const current = watchedFoldersOf(mailboxUuid, list, settings.watchedFolders).map((f) => f.id);
    const next = on ? [...current, folderId] : current.filter((id) => id !== folderId);
    save({ watchedFolders: { ...settings.watchedFolders, [mailboxUuid]: next } });
  };
  return (
    <div class="settings-watch" data-testid="settings-watch">
      {mailboxes.map((mailbox) => {
        const list = folders[mailbox.uuid]?.list ?? [];
        const watched = new Set(watchedFoldersOf(mailbox.uuid, list, settings.watchedFolders).map((f) => f.id));
        return (
          <fieldset key={mailbox.uuid}>
            <legend>{mailbox.email}</legend>
            {watchableFolders(list).map((folder) => (
              <label key={folder.id} class="settings-folder" data-depth={folder.depth}>
                <input
                  type="checkbox"
                  data-folder-id={folder.id}
                  checked={watched.has(folder.id)}
                  onChange={(e) => choose(mailbox.uuid, list, folder.id, e.currentTarget.checked)}
                />
                {folderDisplayName(folder)}
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
