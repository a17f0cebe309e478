import type { KsuiteApiClient } from './api-client';
import { awaitWithSignal, KsuiteApiError } from './api-error';
import { KSUITE_HOST, MAIL_HOST } from './hosts';
import type { Mailbox } from './types';

/**
 * The webmail numbers mailboxes in its URLs (`mail.infomaniak.com/{index}/…`, `ksuite.infomaniak.com/…/mail/{index}`)
 * by their position in the mailbox list sorted primary first, then by address.
 */
export function mailboxIndexFromUrl(href: string): number | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const match =
    url.hostname === MAIL_HOST
      ? /^\/(\d+)(?:\/|$)/.exec(url.pathname)
      : url.hostname === KSUITE_HOST
        ? /\/mail\/(\d+)(?:\/|$)/.exec(url.pathname)
        : null;
  return match ? Number(match[1]) : null;
}

export function inWebmailOrder(mailboxes: readonly Mailbox[]): Mailbox[] {
  return [...mailboxes].sort(
    (a, b) => Number(b.is_primary) - Number(a.is_primary) || a.email.localeCompare(b.email, 'en'),
  );
}

/** The mailbox the page at `href` shows. One mailbox list request per page, reused while the page lives. */
export class CurrentMailbox {
  private list: Promise<Mailbox[]> | null = null;

  constructor(private readonly api: KsuiteApiClient) {}

  async resolve(href: string, signal?: AbortSignal): Promise<Mailbox> {
    // Shared by every caller, so started without any one caller's signal.
    this.list ??= this.api.mailboxes().then(inWebmailOrder);
    let mailboxes: Mailbox[];
    try {
      mailboxes = await awaitWithSignal(this.list, signal);
    } catch (error) {
      if (!(error instanceof KsuiteApiError && error.kind === 'aborted')) this.list = null; // failures must not stick
      throw error;
    }
    const mailbox = mailboxes[mailboxIndexFromUrl(href) ?? 0];
    if (!mailbox) throw new KsuiteApiError('not_found', { code: 'mailbox_index' });
    return mailbox;
  }
}
