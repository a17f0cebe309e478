import { browser } from 'wxt/browser';
import { WEBMAIL_MATCHES } from '../ksuite/hosts';
import type { Mailbox } from '../ksuite/types';
import { t } from '../i18n';
import type { AlertNotification } from './alert-notifications';
import { PAGE_NOTIFY, type PageNotification, type PageNotifyAnswer, type PageNotifyMessage } from './page-messages';
import { sessionMailboxes, webmailUrlIn } from './webmail-link';

/**
 * Hands alerts to one open webmail tab (see page-fallback.ts): the active one first, then the most recent. One
 * tab only, so two open tabs do not both announce. Returns whether some tab showed them.
 */
export async function notifyThroughWebmailTab(alerts: readonly AlertNotification[]): Promise<boolean> {
  if (alerts.length === 0) return false;
  const mailboxes = await sessionMailboxes();
  const message: PageNotifyMessage = { type: PAGE_NOTIFY, notifications: alerts.map((a) => inPage(a, mailboxes)) };
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

/**
 * An alert as the webmail tab shows it, its link looked up in the mailboxes of the webmail's account: an alert found
 * with a personal token of another account gets no link there (it would open one of this account's messages), and
 * says so.
 */
function inPage(alert: AlertNotification, mailboxes: readonly Mailbox[] | null): PageNotification {
  const url = webmailUrlIn(mailboxes, alert.target.link);
  const body =
    url === null ? `${alert.message}\n${t('alerts_otherAccount', alert.target.link.mailboxEmail)}` : alert.message;
  return { id: alert.id, title: alert.title, body, url };
}
