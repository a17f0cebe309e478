import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatClockTime } from '../../alerts/badge';
import { requestMailCheck } from '../../alerts/check-requests';
import { cursorKey } from '../../alerts/check-mail';
import { latestUnread, type UnreadMessage } from '../../alerts/latest-unread';
import { mailApi } from '../../alerts/mail-api';
import { pauseAlerts, resumeAlerts } from '../../alerts/pause';
import type { PollRecord } from '../../alerts/poll-record';
import { isQuietTime } from '../../alerts/quiet-time';
import { watchedFoldersOf } from '../../alerts/watched-folders';
import type { WebmailLink } from '../../alerts/webmail-link';
import { openLinkInWebmail } from '../../alerts/webmail-tab';
import { WEBMAIL_START_URL } from '../../ksuite/hosts';
import type { Settings } from '../../settings';
import { t } from '../../i18n';
import { AlertsSwitch } from './alerts-switch';
import { failureReason } from './failure-reason';
import { useNotificationPermission, usePausedUntil, usePollRecord, useSettings } from './hooks';
import { NotificationPermissionControl } from './permission-control';
import './alerts.css';

const LATEST_COUNT = 5;

/** The popup's mail part: status (with sign-in), unread per mailbox, the latest unread, alert switch and pause. */
export function PopupAlerts() {
  const record = usePollRecord();
  const settings = useSettings();
  const [checking, setChecking] = useState(false);
  // The mailbox of a link the webmail's account does not have (found with a token of another account).
  const [otherAccount, setOtherAccount] = useState<string | null>(null);

  const check = (force: boolean) => {
    setChecking(true);
    void requestMailCheck(force)
      .catch(() => undefined)
      .finally(() => setChecking(false));
  };
  // Opening the popup is a good moment for a fresh look (the back-off still applies).
  useEffect(() => check(false), []);

  const open = (link: WebmailLink) => {
    setOtherAccount(null);
    void openLinkInWebmail(link).then((opened) => (opened ? close() : setOtherAccount(link.mailboxEmail)));
  };

  if (!record || !settings) return null;
  return (
    <section class="alerts-popup" data-testid="alerts-popup" data-status={record.status}>
      <MailStatus record={record} checking={checking} onCheck={() => check(true)} />
      {record.status !== 'signed_out' && <UnreadPerMailbox record={record} settings={settings} open={open} />}
      {record.status === 'ok' && <LatestUnread record={record} settings={settings} open={open} />}
      {otherAccount !== null && (
        <p class="alerts-notice" role="status" data-testid="alerts-other-account">
          {t('alerts_otherAccount', otherAccount)}
        </p>
      )}
      <AlertControls settings={settings} />
    </section>
  );
}

function close(): void {
  window.close();
}

function MailStatus({ record, checking, onCheck }: { record: PollRecord; checking: boolean; onCheck: () => void }) {
  if (record.status === 'signed_out') {
    return (
      <div class="alerts-status signed-out" data-testid="alerts-status">
        <p>{t(record.withToken ? 'alerts_statusTokenRefused' : 'alerts_statusSignedOut')}</p>
        {record.withToken ? (
          <button type="button" class="button primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('alerts_openSettings')}
          </button>
        ) : (
          <button
            type="button"
            class="button primary"
            data-testid="alerts-sign-in"
            onClick={() => void browser.tabs.create({ url: WEBMAIL_START_URL }).then(close)}
          >
            {t('alerts_signIn')}
          </button>
        )}
      </div>
    );
  }
  const text =
    record.status === 'error'
      ? `${t('alerts_statusCheckFailed')} ${failureReason(record.errorKind)} ${t('alerts_nextTry', formatClockTime(record.retryAt))}`
      : record.status === 'ok'
        ? t('alerts_lastChecked', formatClockTime(record.check.checkedAt))
        : '';
  return (
    <div class="alerts-status" data-testid="alerts-status">
      <p>{checking ? t('alerts_checking') : text}</p>
      <button
        type="button"
        class="button alerts-small"
        data-testid="alerts-check-now"
        disabled={checking}
        onClick={onCheck}
      >
        {t('alerts_checkNow')}
      </button>
    </div>
  );
}

interface LinkListProps {
  record: PollRecord;
  settings: Settings;
  open: (link: WebmailLink) => void;
}

function UnreadPerMailbox({ record, settings, open }: LinkListProps) {
  const rows = record.check.mailboxes.map((mailbox) => {
    const watched = watchedFoldersOf(
      mailbox.uuid,
      record.check.folders[mailbox.uuid]?.list ?? [],
      settings.watchedFolders,
    );
    const unread = watched.reduce(
      (sum, folder) => sum + (record.check.cursors[cursorKey(mailbox.uuid, folder.id)]?.unread ?? 0),
      0,
    );
    return { mailbox, unread, watched: watched.length > 0 };
  });
  if (rows.length === 0) return null;
  return (
    <ul class="alerts-mailboxes" data-testid="alerts-mailboxes">
      {rows.map(({ mailbox, unread, watched }) => (
        <li key={mailbox.uuid}>
          <button
            type="button"
            class="alerts-link"
            onClick={() => open({ mailboxEmail: mailbox.email, mailboxIndex: mailbox.index })}
          >
            <span class="alerts-mailbox-email">{mailbox.email}</span>
            <span class="alerts-count" data-testid="alerts-mailbox-unread">
              {watched
                ? unread > 0
                  ? t('alerts_unreadCount', String(unread))
                  : t('alerts_noUnread')
                : t('alerts_notWatched')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function LatestUnread({ record, settings, open }: LinkListProps) {
  const [messages, setMessages] = useState<UnreadMessage[] | null>(null);
  const stamp = record.check.checkedAt;
  useEffect(() => {
    const controller = new AbortController();
    const settle = (found: UnreadMessage[]) => {
      // A superseded request (a newer check came in) must not overwrite the newer list.
      if (!controller.signal.aborted) setMessages(found);
    };
    void mailApi({ retries: 0 })
      .then(({ api }) => latestUnread(api, record, settings.watchedFolders, LATEST_COUNT, controller.signal))
      .then(settle, () => settle([]));
    return () => controller.abort();
  }, [stamp, settings.watchedFolders]);
  if (!messages || messages.length === 0) return null;
  return (
    <div class="alerts-latest">
      <h2>{t('alerts_latestUnread')}</h2>
      <ul data-testid="alerts-latest">
        {messages.map((message) => (
          <li key={message.uid}>
            <button type="button" class="alerts-link" title={message.mailboxEmail} onClick={() => open(message.link)}>
              <span class="alerts-from">{message.fromName || message.fromEmail || t('alerts_unknownSender')}</span>
              <span class="alerts-subject">{message.subject || t('alerts_noSubject')}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AlertControls({ settings }: { settings: Settings }) {
  const permission = useNotificationPermission();
  const until = usePausedUntil();
  const quiet = until === null && settings.alertsEnabled && isQuietTime(settings.quietHours, new Date());

  return (
    <div class="alerts-controls">
      <AlertsSwitch settings={settings} permission={permission} />
      {settings.alertsEnabled && <NotificationPermissionControl />}
      {settings.alertsEnabled &&
        (until !== null ? (
          <div class="alerts-pause" data-testid="alerts-paused">
            <span>{t('alerts_pausedUntil', formatClockTime(until))}</span>
            <button type="button" class="button alerts-small" onClick={() => void resumeAlerts()}>
              {t('alerts_resume')}
            </button>
          </div>
        ) : (
          <div class="alerts-pause">
            {quiet && <span data-testid="alerts-quiet">{t('alerts_quietNow')}</span>}
            <button
              type="button"
              class="button alerts-small"
              data-testid="alerts-pause-hour"
              onClick={() => void pauseAlerts('hour')}
            >
              {t('alerts_pauseHour')}
            </button>
            <button type="button" class="button alerts-small" onClick={() => void pauseAlerts('tomorrow')}>
              {t('alerts_pauseTomorrow')}
            </button>
          </div>
        ))}
    </div>
  );
}
