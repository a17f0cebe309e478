import { KsuiteApiClient } from '../ksuite/api-client';
import { webmailIndexOf } from '../ksuite/mailbox-identity';
import type { Mailbox } from '../ksuite/types';
import { WEBMAIL_ROUTES } from '../ksuite/webmail-urls';

/**
 * A place in the webmail (a mailbox, a folder, a message) the alerts found, maybe with a personal token of another
 * account than the one signed in to the webmail. It names its mailbox by address, so that where the webmail shows
 * it is decided when it is opened, with the webmail's own mailbox list (see ksuite/mailbox-identity.ts).
 */
export interface WebmailLink {
  mailboxEmail: string;
  /** The mailbox's `/{index}` in the list the link was made from; used only when the session's cannot be read. */
  mailboxIndex: number;
  folderId?: string;
  shortUid?: string;
}

export function webmailLinkUrl(link: WebmailLink, mailboxIndex = link.mailboxIndex): string {
  if (link.folderId === undefined) return WEBMAIL_ROUTES.mailbox(mailboxIndex);
  if (link.shortUid === undefined) return WEBMAIL_ROUTES.folder(mailboxIndex, link.folderId);
  return WEBMAIL_ROUTES.thread(mailboxIndex, link.folderId, link.shortUid);
}

/**
 * The mailboxes of the account signed in to the webmail in this browser (its cookies, never a token). Null when the
 * list cannot be had: signed out (the webmail will ask to sign in before it shows anything) or no answer.
 */
export function sessionMailboxes(session = new KsuiteApiClient({ retries: 0 })): Promise<Mailbox[] | null> {
  return session.mailboxes().catch(() => null);
}

/**
 * The URL that shows `link` in the webmail whose account has `mailboxes`, or null when that account has no such
 * mailbox: the same ids would show one of its own messages instead. Without the list, the link's own index is the
 * best there is.
 */
export function webmailUrlIn(mailboxes: readonly Mailbox[] | null, link: WebmailLink): string | null {
  if (!mailboxes) return webmailLinkUrl(link);
  const index = webmailIndexOf(mailboxes, link.mailboxEmail);
  return index === null ? null : webmailLinkUrl(link, index);
}
