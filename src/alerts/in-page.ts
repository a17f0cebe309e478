import { reportWebmailOpened } from './check-requests';
import { startPageNotificationFallback } from './page-fallback';

/**
 * The alerts' part of the webmail content script (top frame only): tells the background a webmail page is open,
 * so a signed-out "?" badge is re-checked right after the user signs in, and shows alerts with the page's own
 * Notification API where the browser has no notifications API for extensions (Safari).
 */
export function startAlertsInPage(signal: AbortSignal): void {
  if (window.top !== window) return;
  startPageNotificationFallback(signal);
  reportWebmailOpened().catch(() => undefined);
}
