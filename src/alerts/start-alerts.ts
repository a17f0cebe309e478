import { browser } from 'wxt/browser';
import { getSettings, watchApiToken, watchSettings } from '../settings';
import { createActionMenu, handleActionMenuClick, updateActionMenu } from './action-menu';
import { isCheckMailMessage, isWebmailOpenedMessage } from './check-requests';
import { listenToNotificationClicks } from './notification-clicks';
import { pausedUntil, watchPause } from './pause';
import { recordPermissionChanges } from './permission';
import { ensurePollAlarm, POLL_ALARM } from './poll-alarm';
import { loadPollRecord } from './poll-record';
import { pollForMail, renderBadge } from './poller';

/**
 * New-mail alerts in the background: a check on every alarm tick, notifications, the badge and the toolbar menu.
 * Every listener is added synchronously here, as a Manifest V3 worker must, so that the browser can wake the worker
 * for them; all state lives in storage.local, so a stopped worker loses nothing.
 */
export function startAlerts(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void pollAndReschedule();
  });
  browser.runtime.onInstalled.addListener(() => {
    void pausedUntil().then((until) => createActionMenu(until !== null));
    void pollAndReschedule();
  });
  browser.runtime.onStartup.addListener(() => void pollAndReschedule());
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isCheckMailMessage(message)) return pollForMail({ force: message.force });
    // Signing in ends on a webmail page: check then instead of leaving the "?" until the next tick.
    if (isWebmailOpenedMessage(message)) return checkIfSignedOut();
    return undefined;
  });
  (browser as { contextMenus?: typeof browser.contextMenus }).contextMenus?.onClicked.addListener((info) => {
    handleActionMenuClick(info.menuItemId);
  });
  recordPermissionChanges(listenToNotificationClicks);
  listenToNotificationClicks();

  watchSettings((settings, previous) => {
    if (settings.pollIntervalSeconds !== previous.pollIntervalSeconds)
      void ensurePollAlarm(settings.pollIntervalSeconds);
    if (JSON.stringify(settings.watchedFolders) !== JSON.stringify(previous.watchedFolders))
      void pollForMail({ force: true });
  });
  watchApiToken(() => void pollForMail({ force: true }));
  watchPause((until) => {
    updateActionMenu(until !== null);
    void renderBadge();
  });

  // A worker start is also a browser start or a wake-up: put the badge back as last known, keep the alarm alive.
  void renderBadge();
  void getSettings().then((settings) => ensurePollAlarm(settings.pollIntervalSeconds));
}

async function pollAndReschedule(): Promise<void> {
  try {
    await pollForMail();
  } finally {
    await ensurePollAlarm((await getSettings()).pollIntervalSeconds);
  }
}

async function checkIfSignedOut(): Promise<boolean> {
  if ((await loadPollRecord()).status !== 'signed_out') return false;
  await pollForMail({ force: true });
  return true;
}
