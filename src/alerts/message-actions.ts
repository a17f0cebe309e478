import type { KsuiteApiClient } from '../ksuite/api-client';
import { MAX_UIDS_PER_ACTION } from '../ksuite/routes';
import type { NotificationTarget } from './alert-notifications';
import type { MailCheckState } from './check-mail';
import { flattenFolders } from './watched-folders';

type Messages = NotificationTarget['messages'];

function byMailbox(messages: Messages): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { mailboxUuid, uid } of messages) grouped.set(mailboxUuid, [...(grouped.get(mailboxUuid) ?? []), uid]);
  return grouped;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function markMessagesRead(api: KsuiteApiClient, messages: Messages): Promise<void> {
  for (const [mailboxUuid, uids] of byMailbox(messages)) {
    for (const part of chunks(uids, MAX_UIDS_PER_ACTION)) await api.markSeen(mailboxUuid, part);
  }
}

/** Moves the messages to their mailbox's Archive folder (found by role; the folder list is re-read if unknown). */
export async function archiveMessages(api: KsuiteApiClient, messages: Messages, known: MailCheckState): Promise<void> {
  for (const [mailboxUuid, uids] of byMailbox(messages)) {
    const list = known.folders[mailboxUuid]?.list ?? flattenFolders(await api.folders(mailboxUuid));
    const archive =
      list.find((f) => f.role === 'ARCHIVE') ??
      flattenFolders(await api.folders(mailboxUuid)).find((f) => f.role === 'ARCHIVE');
    if (!archive) continue;
    for (const part of chunks(uids, MAX_UIDS_PER_ACTION)) {
      await api.moveMessages(mailboxUuid, part, archive.id);
    }
  }
}
