import { browser } from 'wxt/browser';
import { MAIL_ORIGIN } from '../ksuite/hosts';
import { sessionMailboxes, webmailUrlIn, type WebmailLink } from './webmail-link';

/**
 * Shows `url` (a page of the classic webmail) in the webmail tab the user already has, focused, or in a new tab.
 * Only tabs on the mail host are reused: the kSuite shell's own URLs for a message are not known.
 */
export async function openInWebmail(url: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: `${MAIL_ORIGIN}/*` });
  const tab = tabs.sort(
    (a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
  )[0];
  if (tab?.id === undefined) {
    await browser.tabs.create({ url });
    return;
  }
  await browser.tabs.update(tab.id, { url, active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

/**
 * Shows what the alerts found (see webmail-link.ts) in the webmail tab, where the account signed in there has it.
 * Returns false, having opened nothing, when that account has no such mailbox.
 */
export async function openLinkInWebmail(link: WebmailLink): Promise<boolean> {
  const url = webmailUrlIn(await sessionMailboxes(), link);
  if (url === null) return false;
  await openInWebmail(url);
  return true;
}
