import { reportWebmailOpened } from './check-requests';
import { startPageNotificationFallback } from './page-fallback';

/**
 * The alerts' part of the webmail content script (top frame only): shows alerts with the page's own Notification API
 * where the browser has no notifications API for extensions (Safari), and returns what tells the background that
 * a webmail page is open, so that a signed-out "?" badge is re-checked right after the user signs in. The content
 * script calls it when the user is first there (a pointer over the page, a click, a key): not at load, where this
 * message, the first the script sends, took about half a millisecond of the page's main thread in a CPU profile
 * (the browser's messaging bindings being set up, and the message), in every tab of the webmail.
 */
export function startAlertsInPage(signal: AbortSignal): () => void {
  if (window.top !== window) return () => undefined;
  // Only Safari's build goes without the notifications permission (wxt.config.ts), so only there does the
  // background hand alerts to a page (poller.ts). Elsewhere this would be one more runtime listener set up at load,
  // in every webmail tab, for messages that never come; the other builds leave it out.
  if (import.meta.env.SAFARI) startPageNotificationFallback(signal);
  let reported = false;
  return () => {
    if (reported || signal.aborted) return;
    reported = true;
    reportWebmailOpened().catch(() => undefined);
  };
}
