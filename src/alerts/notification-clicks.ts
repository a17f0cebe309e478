import { t } from '../i18n';
import { NOTIFICATION_PREFIX } from './alert-notifications';
import { archiveMessages, markMessagesRead } from './message-actions';
import { forgetTargets, targetOf } from './notification-targets';
import { mailApi } from './mail-api';
import { pollForMail } from './poller';
import { loadPollRecord } from './poll-record';
import { clearSystemNotifications, showNoticeNotification, systemNotifications } from './system-notifications';
import { openLinkInWebmail } from './webmail-tab';

let listening = false;

/**
 * Clicks on our notifications: the body opens the message (or the folder, for a group) in the webmail tab;
 * "Mark as read" and "Archive" act through the API, then a check brings the badge up to date. The notifications
 * API exists only once the permission is granted, so this is called at start and again after a grant.
 */
export function listenToNotificationClicks(): void {
  const api = systemNotifications();
  if (!api || listening) return;
  listening = true;
  api.onClicked.addListener((id) => {
    if (id.startsWith(NOTIFICATION_PREFIX)) void openNotification(id);
  });
  api.onButtonClicked?.addListener((id, index) => {
    if (id.startsWith(NOTIFICATION_PREFIX)) void runButton(id, index);
  });
  api.onClosed.addListener((id) => {
    if (id.startsWith(NOTIFICATION_PREFIX)) void forgetTargets([id]);
  });
}

/**
 * Opens what the notification announced, where the account signed in to the webmail has it; a message found with a
 * personal token of another account is not opened there (its ids would show one of that account's own messages):
 * a notice says why instead.
 */
export async function openNotification(id: string): Promise<void> {
  const target = await targetOf(id);
  await dismiss(id);
  // Targets stored before links named their mailbox have nothing to check against; they are not opened.
  if (!target?.link) return;
  if (!(await openLinkInWebmail(target.link))) {
    await showNoticeNotification(t('alerts_otherAccount', target.link.mailboxEmail));
  }
}

export async function runButton(id: string, index: number): Promise<void> {
  const target = await targetOf(id);
  const action = target?.buttons[index];
  if (!target || !action) return;
  const { api } = await mailApi();
  try {
    if (action === 'read') await markMessagesRead(api, target.messages);
    else await archiveMessages(api, target.messages, (await loadPollRecord()).check);
    await dismiss(id);
  } catch (error) {
    // The notification stays, so the user can still open the message and act there.
    console.warn('kSuite Mail companion: notification action failed', error);
  }
  await pollForMail({ force: true });
}

async function dismiss(id: string): Promise<void> {
  await clearSystemNotifications([id]);
  await forgetTargets([id]);
}
