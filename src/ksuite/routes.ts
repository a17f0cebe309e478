import type { MessageRef } from './webmail-dom';

export interface ThreadQuery {
  offset?: number;
  /** Threads per page; THREADS_PER_PAGE unless said otherwise. */
  limit?: number;
  unseenOnly?: boolean;
}

/** Threads per page of the thread list: what Infomaniak's own MCP server asks for (the maximum is not known). */
export const THREADS_PER_PAGE = 50;

/** Paths of the kSuite Mail API, on the mail host. `*resource` fields of the JSON are paths of the same kind. */
export const API_ROUTES = {
  pingWithAuth: () => '/api/ping-with-auth',
  mailboxes: () => '/api/mailbox?with=aliases,unseen',
  folders: (mailboxUuid: string) => `/api/mail/${enc(mailboxUuid)}/folder?with=ik-static`,
  threads: (mailboxUuid: string, folderId: string, query: ThreadQuery = {}) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/message?offset=${query.offset ?? 0}&thread=on` +
    `&limit=${query.limit ?? THREADS_PER_PAGE}` +
    (query.unseenOnly ? '&filters=unseen' : ''),
  /** A folder's messages one by one (`thread=off`), newest first, `limit` at a time from `offset`. */
  messagePage: (mailboxUuid: string, folderId: string, page: { offset: number; limit: number }) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/message?offset=${page.offset}&thread=off&limit=${page.limit}`,
  /** Up to `count` of a folder's short uids, newest first (the mobile apps ask for at most MAX_DATE_ORDERED_UIDS). */
  dateOrderedUids: (mailboxUuid: string, folderId: string, count: number) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/mobile/date-ordered-messages-uids?messages=${count}&direction=desc`,
  message: (mailboxUuid: string, ref: MessageRef) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(ref.folderId)}/message/${enc(ref.shortUid)}`,
  messageDetails: (resource: string) => `${resource}?prefered_format=html&with=auto_uncrypt`, // sic: "prefered"
  rawMessage: (mailboxUuid: string, ref: MessageRef) => `${API_ROUTES.message(mailboxUuid, ref)}/download`,
  attachmentsArchive: (messageResource: string) => `${messageResource}/attachmentsArchive`,
  messageAction: (mailboxUuid: string, action: 'seen' | 'unseen' | 'star' | 'unstar' | 'delete' | 'move') =>
    `/api/mail/${enc(mailboxUuid)}/message/${action}`,
  // Delta polling, as the mobile apps do it: a signature names a point in the folder's change journal.
  folderSignature: (mailboxUuid: string, folderId: string) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/mobile/date-ordered-messages-uids?messages=1&direction=desc`,
  folderActivities: (mailboxUuid: string, folderId: string, signature: string) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/mobile/activities?signature=${enc(signature)}`,
  messagesByUids: (mailboxUuid: string, folderId: string, shortUids: readonly number[]) =>
    `/api/mail/${enc(mailboxUuid)}/folder/${enc(folderId)}/mobile/messages?uids=${shortUids.join(',')}`,
} as const;

/** At most this many uids per `messagesByUids` request. */
export const MAX_UIDS_PER_DETAILS = 200;

/** The most uids the mobile apps ever ask `date-ordered-messages-uids` for; whether the server caps it is not known. */
export const MAX_DATE_ORDERED_UIDS = 10_000;

/** Messages per page of a `thread=off` list: the most the thread list is known to give at once. */
export const MESSAGES_PER_PAGE = 200;

/** At most this many uids per seen/unseen/move request. */
export const MAX_UIDS_PER_ACTION = 1000;

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
