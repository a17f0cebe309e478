import { answerRuntimeMessages } from '../runtime-messages';
import { isPageNotifyMessage, type PageNotification, type PageNotifyAnswer } from './page-messages';

/**
 * For the webmail content script. Where the browser gives extensions no notifications API (Safari), the
 * background hands new-mail alerts to an open webmail tab, which shows them with the page's own Notification API
 * (the webmail's site permission). Only the top frame answers, so the kSuite shell and its mail iframe do not both
 * show the same alert. Stops listening when `signal` aborts (the extension was updated or reloaded).
 */
export function startPageNotificationFallback(signal: AbortSignal): void {
  if (window.top !== window) return;
  const onMessage = (message: unknown): Promise<PageNotifyAnswer> | undefined => {
    if (!isPageNotifyMessage(message)) return undefined;
    return Promise.resolve({ shown: showInPage(message.notifications) });
  };
  answerRuntimeMessages(onMessage, signal);
}

function showInPage(notifications: readonly PageNotification[]): number {
  // Looked up only when an alert comes: the first touch of `Notification` sets up its bindings, which every
  // webmail page would otherwise pay at load. Asking needs a gesture in the page; without an earlier "allow",
  // the badge has to do.
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return 0;
  for (const item of notifications) {
    const notification = new Notification(item.title, { body: item.body, tag: item.id });
    notification.onclick = () => {
      window.focus();
      if (item.url !== null && location.href !== item.url) location.assign(item.url);
      notification.close();
    };
  }
  return notifications.length;
}
