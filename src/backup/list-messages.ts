import type { KsuiteApiClient } from '../ksuite/api-client';
import { MAX_DATE_ORDERED_UIDS, MAX_UIDS_PER_DETAILS, MESSAGES_PER_PAGE } from '../ksuite/routes';
import type { Message, Recipient } from '../ksuite/types';
import { parseMessageUid, type MessageRef } from '../ksuite/webmail-dom';
import { inRange, isUnbounded, type DateRange } from './date-range';

/**
 * Which messages of one folder the server holds, with what the backup needs of each (subject, date, sender,
 * recipients, Message-ID, size). Two ways, both of them the apps' own:
 *
 * - `uids`: `mobile/date-ordered-messages-uids` for every uid at once, then `mobile/messages?uids=` 200 at a time.
 *   The uid list is one snapshot, so messages arriving or leaving while the folder is listed neither shift nor hide
 *   others; the apps never ask it for more than 10,000.
 * - `pages`: the message list with `thread=off`, `limit` 200 per page from `offset`. No cap, but a message deleted
 *   while the pages are read shifts the later ones by one, so one could be missed until the next run.
 *
 * Both cost one request per 200 messages (the uid list adds one). `uids` is used when the folder's `total_count`
 * says it fits under the apps' cap, `pages` otherwise.
 */

export type ListingStrategy = 'uids' | 'pages';

export interface ListedMessage {
  ref: MessageRef;
  messageId: string;
  date: string;
  subject: string;
  from: string;
  to: string;
  /** Of the raw message, from the JSON; null when the server gave none. */
  size: number | null;
}

export interface FolderListing {
  strategy: ListingStrategy;
  /** Every short uid the folder holds, date range or not: what a message in the backup is checked against. */
  onServer: Set<string>;
  /** The messages within the date range, newest first. */
  messages: ListedMessage[];
}

export function chooseStrategy(totalCount: number | null): ListingStrategy {
  return totalCount !== null && totalCount <= MAX_DATE_ORDERED_UIDS ? 'uids' : 'pages';
}

// A Date header a little later than the arrival the uid list is ordered by is common (clocks differ); a margin
// keeps those messages when the listing stops at the start of the date range.
const ORDER_MARGIN_MS = 3 * 24 * 3600 * 1000;

/**
 * What an earlier run already recorded of a message (from the manifest): with the `uids` strategy such messages
 * need no details request, so a later run costs one request per folder plus one per 200 new messages.
 */
export type KnownMessage = (shortUid: string) => ListedMessage | undefined;

export async function listFolderMessages(
  api: KsuiteApiClient,
  mailboxUuid: string,
  folder: { id: string; totalCount: number | null },
  range: DateRange,
  options: { strategy?: ListingStrategy; signal?: AbortSignal; known?: KnownMessage } = {},
): Promise<FolderListing> {
  const strategy = options.strategy ?? chooseStrategy(folder.totalCount);
  return strategy === 'uids'
    ? listByUids(api, mailboxUuid, folder.id, range, options.known ?? (() => undefined), options.signal)
    : listByPages(api, mailboxUuid, folder.id, range, options.signal);
}

async function listByUids(
  api: KsuiteApiClient,
  mailboxUuid: string,
  folderId: string,
  range: DateRange,
  known: KnownMessage,
  signal: AbortSignal | undefined,
): Promise<FolderListing> {
  const uids = await api.dateOrderedUids(mailboxUuid, folderId, MAX_DATE_ORDERED_UIDS, signal);
  // A full list may be the server's cap, not the folder (it grew since total_count was read): page through it.
  if (uids.length >= MAX_DATE_ORDERED_UIDS) return listByPages(api, mailboxUuid, folderId, range, signal);
  const messages: ListedMessage[] = [];
  for (let at = 0; at < uids.length; at += MAX_UIDS_PER_DETAILS) {
    const batch = uids.slice(at, at + MAX_UIDS_PER_DETAILS);
    const unknown = batch.filter((uid) => !known(String(uid)));
    const fetched = new Map<string, ListedMessage>();
    if (unknown.length > 0) {
      for (const message of (await api.messagesByUids(mailboxUuid, folderId, unknown, signal)).messages) {
        const listed = listedMessage(message);
        if (listed) fetched.set(listed.ref.shortUid, listed);
      }
    }
    // In the server's order; a uid whose details did not come is gone since the uid list was made.
    const listed = batch
      .map((uid) => known(String(uid)) ?? fetched.get(String(uid)))
      .filter((m): m is ListedMessage => m !== undefined);
    messages.push(...listed.filter((m) => inRange(range, m.date)));
    // Newest first: once a whole batch is older than the range (with a margin), the rest is too.
    if (range.startMs !== null && listed.length > 0 && listed.every((m) => isOlderThan(m.date, range.startMs!))) break;
  }
  return { strategy: 'uids', onServer: new Set(uids.map(String)), messages };
}

async function listByPages(
  api: KsuiteApiClient,
  mailboxUuid: string,
  folderId: string,
  range: DateRange,
  signal: AbortSignal | undefined,
): Promise<FolderListing> {
  const onServer = new Set<string>();
  const messages: ListedMessage[] = [];
  // The offset moves by what each page held, so a server that gives fewer than asked loses nothing.
  for (let offset = 0; ;) {
    const page = await api.messagePage(mailboxUuid, folderId, { offset, limit: MESSAGES_PER_PAGE }, signal);
    for (const message of page.messages) {
      const listed = listedMessage(message);
      // A message seen on two pages (new mail shifted the list) is listed once.
      if (!listed || onServer.has(listed.ref.shortUid)) continue;
      onServer.add(listed.ref.shortUid);
      if (isUnbounded(range) || inRange(range, listed.date)) messages.push(listed);
    }
    offset += page.messages.length;
    if (!page.hasMore || page.messages.length === 0) break;
  }
  return { strategy: 'pages', onServer, messages };
}

function isOlderThan(date: string, startMs: number): boolean {
  const ms = Date.parse(date);
  return !Number.isNaN(ms) && ms < startMs - ORDER_MARGIN_MS;
}

function listedMessage(message: Message): ListedMessage | null {
  const ref = parseMessageUid(message.uid);
  if (!ref) return null;
  return {
    ref,
    messageId: message.msg_id ?? '',
    date: message.date ?? '',
    subject: message.subject ?? '',
    from: people(message.from),
    to: people(message.to),
    size: message.size,
  };
}

function people(list: Recipient[] | null | undefined): string {
  return (list ?? []).map((r) => (r.name ? `${r.name} <${r.email}>` : r.email)).join(', ');
}
