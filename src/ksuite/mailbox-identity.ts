import { inWebmailOrder } from './current-mailbox';
import type { Mailbox } from './types';

/**
 * A personal API token and the webmail's session may belong to two different Infomaniak accounts. Their messages
 * cannot be told apart by folder id and uid (every INBOX has the same id, every folder numbers from 1), nor by the
 * webmail's `/{index}` (each account numbers its own mailboxes): only the mailbox tells, and what both accounts'
 * mailbox lists show alike for one mailbox is its address. Addresses are compared without case, as mail systems
 * treat them.
 */
export function sameMailboxAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Where the webmail signed in with `sessionMailboxes` shows the mailbox with address `email`: its `/{index}`, which
 * may differ from the index the other account gives it (a mailbox both accounts share). Null when that account does
 * not have the mailbox at all: nothing of it may then be looked for there.
 */
export function webmailIndexOf(sessionMailboxes: readonly Mailbox[], email: string): number | null {
  const index = inWebmailOrder(sessionMailboxes).findIndex((mailbox) => sameMailboxAddress(mailbox.email, email));
  return index < 0 ? null : index;
}
