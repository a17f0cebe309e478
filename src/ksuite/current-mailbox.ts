import type { KsuiteApiClient } from './api-client';
import { awaitWithSignal, KsuiteApiError } from './api-error';
import type { Mailbox } from './types';
import { mailboxIndexFromUrl } from './webmail-urls';

/**
 * The webmail numbers mailboxes in its URLs (`mail.infomaniak.com/{index};fid=…`, `ksuite.infomaniak.com/…/mail/{index}`)
 * by their position in the mailbox list sorted primary first, then by address in code-point order: Infomaniak's iOS
 * app sorts them so for its Handoff links (`Mailbox.swift` `webmailSorted()`, Swift's `<` on strings), which is not
 * `localeCompare` (that puts `_` before digits and `a` before `B`).
 */
export function inWebmailOrder(mailboxes: readonly Mailbox[]): Mailbox[] {
  return [...mailboxes].sort(
    (a, b) => Number(b.is_primary) - Number(a.is_primary) || compareCodePoints(a.email, b.email),
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

/** Swift's `<` on strings: Unicode scalar values of the NFC forms, one by one (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a.normalize('NFC')];
  const right = [...b.normalize('NFC')];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
