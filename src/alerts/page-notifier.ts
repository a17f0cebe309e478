import { browser } from 'wxt/browser';
import { WEBMAIL_MATCHES } from '../ksuite/hosts';
import type { AlertNotification } from './alert-notifications';
import { PAGE_NOTIFY, type PageNotifyAnswer, type PageNotifyMessage } from './page-messages';

/**
 * Hands alerts to one open webmail tab (see page-fallback.ts): the active one first, then the most recent. One
 * tab only, so two open tabs do not both announce. Returns whether some tab showed them.
 */
export async function notifyThroughWebmailTab(alerts: readonly AlertNotification[]): Promise<boolean> {
  if (alerts.length === 0) return false;
  const message: PageNotifyMessage = {
    type: PAGE_NOTIFY,
    notifications: alerts.map((a) => ({ id: a.id, title: a.title, body: a.message, url: a.target.url })),
  };
  const tabs = (await browser.tabs.query({ url: WEBMAIL_MATCHES })).sort(
    (a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
  );
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    try {
      const answer = (await browser.tabs.sendMessage(tab.id, message, { frameId: 0 })) as PageNotifyAnswer | undefined;
      if (answer && answer.shown > 0) return true;
    } catch {
      // A tab loaded before the extension has no content script to answer; try the next one.
    }
  }
  return false;
}
