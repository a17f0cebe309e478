import { browser } from 'wxt/browser';
import { getSettings, type Settings } from '../settings';
import { alertNotificationsFor, messageNotificationId } from './alert-notifications';
import { ANNOUNCED_KEY, loadAnnounced, notYetAnnounced, rememberAnnounced } from './announced';
import { badgeFor, formatClockTime, showBadge } from './badge';
import { checkMail, type NewMail } from './check-mail';
import { mailApi } from './mail-api';
import { forgetTargets } from './notification-targets';
import { notifyThroughWebmailTab } from './page-notifier';
import { pausedUntil } from './pause';
import { notificationsGranted, notificationsSupported } from './permission';
import { afterFailure, afterSuccess, loadPollRecord, POLL_RECORD_KEY, type PollRecord } from './poll-record';
import { isQuietTime } from './quiet-time';
import { clearSystemNotifications, showSystemNotifications, systemNotifications } from './system-notifications';

let queue: Promise<unknown> = Promise.resolve();

/**
 * One mail check, then alerts for what is new and the badge. Checks never overlap (the alarm, the popup and a
 * settings change can ask at once); `force` (a user's "check now") ignores the back-off.
 */
export function pollForMail(options: { force?: boolean } = {}): Promise<PollRecord> {
  const run = queue.then(() => pollOnce(options.force ?? false));
  queue = run.catch(() => undefined);
  return run;
}

async function pollOnce(force: boolean): Promise<PollRecord> {
  const now = Date.now();
  const [settings, record] = await Promise.all([getSettings(), loadPollRecord()]);
  if (!force && record.retryAt > now) return record;
  const { api, withToken } = await mailApi();

  let next: PollRecord;
  try {
    const check = await checkMail(api, record.check, settings.watchedFolders, now);
    next = afterSuccess(check, withToken, now);
    const log = await loadAnnounced();
    const fresh = notYetAnnounced(check.arrived, log);
    // Remembered before showing: should the worker die in between, a missed alert beats a repeated one.
    await browser.storage.local.set({
      [POLL_RECORD_KEY]: next,
      [ANNOUNCED_KEY]: rememberAnnounced(
        log,
        fresh.map((m) => m.dedupeKey),
        now,
      ),
    });
    if (fresh.length > 0 && (await alertsWanted(settings, now))) await announce(fresh, now);
    if (check.settled.length > 0) await withdraw(check.settled);
  } catch (error) {
    next = afterFailure(record, error, withToken, settings.pollIntervalSeconds * 1000, now);
    await browser.storage.local.set({ [POLL_RECORD_KEY]: next });
  }
  await renderBadge(next);
  return next;
}

async function alertsWanted(settings: Settings, now: number): Promise<boolean> {
  return (
    settings.alertsEnabled && !isQuietTime(settings.quietHours, new Date(now)) && (await pausedUntil(now)) === null
  );
}

async function announce(mails: NewMail[], now: number): Promise<void> {
  const alerts = alertNotificationsFor(mails, now);
  if (systemNotifications() && (await notificationsGranted())) {
    await showSystemNotifications(alerts, now);
  } else if (!notificationsSupported()) {
    await notifyThroughWebmailTab(alerts);
  }
}

/** Read or gone elsewhere: its notification would only be noise now. */
async function withdraw(settled: readonly string[]): Promise<void> {
  const ids = settled.map((key) => {
    const slash = key.indexOf('/');
    return messageNotificationId(key.slice(0, slash), key.slice(slash + 1));
  });
  await clearSystemNotifications(ids);
  await forgetTargets(ids);
}

export async function renderBadge(record?: PollRecord): Promise<void> {
  const [current, until] = await Promise.all([record ?? loadPollRecord(), pausedUntil()]);
  await showBadge(badgeFor(current, until, formatClockTime));
}
