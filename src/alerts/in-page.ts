import { reportWebmailOpened } from './check-requests';
import { startPageNotificationFallback } from './page-fallback';

/**
 * The alerts' part of the webmail content script at load (top frame only): shows alerts with the page's own
 * Notification API where the browser has no notifications API for extensions (Safari). Only Safari's build goes
 * without the notifications permission (wxt.config.ts), so only there does the background hand alerts to a page
 * (poller.ts). Elsewhere this would be one more runtime listener set up at load, in every webmail tab, for messages
 * that never come; the other builds leave it out.
 */
export function startAlertsInPage(signal: AbortSignal): void {
  if (import.meta.env.SAFARI && window.top === window) startPageNotificationFallback(signal);
}

/**
 * What tells the background that a webmail page is open (top frame only), so that a signed-out "?" badge is
 * re-checked right after the user signs in. Called when the user is first there (a pointer over the page, a click,
 * a key, the page features loading): not at load, where this message, the first the script sends, took about half a
 * millisecond of the page's main thread in a CPU profile (the browser's messaging bindings being set up, and the
 * message), in every tab of the webmail.
 */
export function reporterOfPresence(signal: AbortSignal): () => void {
  if (window.top !== window) return () => undefined;
  let reported = false;
  return () => {
    if (reported || signal.aborted) return;
    reported = true;
    reportWebmailOpened().catch(() => undefined);
  };
}
