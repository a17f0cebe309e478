import type { KsuiteApiClient } from '../ksuite/api-client';
import { parseMessageUid } from '../ksuite/webmail-dom';
import type { WatchedFolders } from '../settings';
import { cursorKey } from './check-mail';
import type { PollRecord } from './poll-record';
import { watchedFoldersOf } from './watched-folders';
import type { WebmailLink } from './webmail-link';

export interface UnreadMessage {
  uid: string;
  mailboxEmail: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  date: number;
  link: WebmailLink;
}

/** Unread lists are read from at most this many folders, the ones with unread mail, in webmail order. */
const MAX_FOLDERS = 4;

/**
 * The newest unread messages of the watched folders, for the popup: one unseen-filter request per folder that
 * has unread mail according to the last check, so an empty inbox costs nothing.
 */
export async function latestUnread(
  api: KsuiteApiClient,
  record: PollRecord,
  watched: WatchedFolders,
  limit: number,
  signal?: AbortSignal,
): Promise<UnreadMessage[]> {
  const { mailboxes, folders, cursors } = record.check;
  const sources = mailboxes.flatMap((mailbox) =>
    watchedFoldersOf(mailbox.uuid, folders[mailbox.uuid]?.list ?? [], watched)
      .filter((folder) => (cursors[cursorKey(mailbox.uuid, folder.id)]?.unread ?? 0) > 0)
      .map((folder) => ({ mailbox, folder })),
  );
  const lists = await Promise.all(
    sources.slice(0, MAX_FOLDERS).map(async ({ mailbox, folder }) => {
      const { threads } = await api.threads(mailbox.uuid, folder.id, { unseenOnly: true }, signal);
      return threads
        .flatMap((thread) => thread.messages)
        .filter((m) => !m.seen && m.folder_id === folder.id)
        .flatMap((m): UnreadMessage[] => {
          const ref = parseMessageUid(m.uid);
          if (!ref) return [];
          const date = Date.parse(m.internal_date ?? m.date);
          return [
            {
              uid: `${mailbox.uuid}/${m.uid}`,
              mailboxEmail: mailbox.email,
              fromName: m.from?.[0]?.name ?? '',
              fromEmail: m.from?.[0]?.email ?? '',
              subject: m.subject ?? '',
              date: Number.isFinite(date) ? date : 0,
              link: {
                mailboxEmail: mailbox.email,
                mailboxIndex: mailbox.index,
                folderId: folder.id,
                shortUid: ref.shortUid,
              },
            },
          ];
        });
    }),
  );
  return lists
    .flat()
    .sort((a, b) => b.date - a.date)
    .slice(0, limit);
}
