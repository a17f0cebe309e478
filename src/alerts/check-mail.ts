import type { KsuiteApiClient } from '../ksuite/api-client';
import { KsuiteApiError } from '../ksuite/api-error';
import { inWebmailOrder } from '../ksuite/current-mailbox';
import { MAX_UIDS_PER_DETAILS } from '../ksuite/routes';
import type { Message } from '../ksuite/types';
import { parseMessageUid } from '../ksuite/webmail-dom';
import type { WatchedFolders } from '../settings';
import { flattenFolders, watchedFoldersOf, watchesBeyondInbox, type FolderSummary } from './watched-folders';

export interface MailboxSnapshot {
  uuid: string;
  email: string;
  /** Position in the webmail's URLs (`/{index}`). */
  index: number;
  /** Unread messages of its INBOX, as the mailbox list reports them. */
  unseen: number;
}

/** Where we are in one folder's change journal, and the unread count we last saw for it. */
export interface FolderCursor {
  /** '' when the server offered no delta journal for this folder: changes are then found with the unseen filter. */
  signature: string;
  unread: number;
}

/** What one check leaves for the next; stored between polls, so it survives service-worker restarts. */
export interface MailCheckState {
  mailboxes: MailboxSnapshot[];
  folders: Record<string, { fetchedAt: number; list: FolderSummary[] }>;
  cursors: Record<string, FolderCursor>;
  /** Last successful check; 0 before the first. */
  checkedAt: number;
  /** Last time every watched folder's journal was read whatever the counts said. */
  sweptAt: number;
}

/** A message that arrived unread in a watched folder since the last check. */
export interface NewMail {
  /** What "already announced" is remembered by: the Message-ID, so a message moved between folders stays known. */
  dedupeKey: string;
  mailboxUuid: string;
  mailboxEmail: string;
  mailboxIndex: number;
  folderId: string;
  /** API uid `{shortUid}@{folderId}`. */
  uid: string;
  shortUid: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  preview: string;
  /** Epoch ms. */
  date: number;
}

export interface MailCheck {
  state: MailCheckState;
  arrived: NewMail[];
  /** `{mailboxUuid}/{uid}` of messages read or removed since the last check: their alerts are stale. */
  settled: string[];
  /** Unread messages across the watched folders (the badge). */
  unread: number;
}

export const EMPTY_CHECK_STATE: MailCheckState = { mailboxes: [], folders: {}, cursors: {}, checkedAt: 0, sweptAt: 0 };

/**
 * A message arriving while another is read leaves the counts unchanged; reading every journal now and then
 * catches that without paying for it on every poll.
 */
export const SWEEP_EVERY_MS = 15 * 60_000;
/** Folder names and ids rarely change; the list is re-read this often (and whenever a watched id is unknown). */
export const FOLDER_LIST_MAX_AGE_MS = 6 * 60 * 60_000;

export function cursorKey(mailboxUuid: string, folderId: string): string {
  return `${mailboxUuid} ${folderId}`;
}

/**
 * One look at the mailboxes, as cheap as the server allows: the mailbox list (one request, with each INBOX's
 * unread count) always; a folder's change journal only when its count moved (or on the periodic sweep); message
 * summaries only for what the journal says was added. A folder seen for the first time is only bookmarked, so
 * installing the extension does not announce a full inbox.
 */
export async function checkMail(
  api: KsuiteApiClient,
  previous: MailCheckState,
  watched: WatchedFolders,
  now: number,
  signal?: AbortSignal,
): Promise<MailCheck> {
  const listed = inWebmailOrder(await api.mailboxes(signal));
  // A locked mailbox (unpaid, blocked) answers nothing useful; it keeps its place in the webmail's numbering.
  const locked = new Set(listed.filter((m) => m.is_locked).map((m) => m.uuid));
  const mailboxes = listed.map((m, index): MailboxSnapshot => ({
    uuid: m.uuid,
    email: m.email,
    index,
    unseen: m.unseen_messages ?? 0,
  }));
  const sweep = now - previous.sweptAt >= SWEEP_EVERY_MS;
  const state: MailCheckState = {
    mailboxes,
    folders: {},
    cursors: {},
    checkedAt: now,
    sweptAt: sweep ? now : previous.sweptAt,
  };
  const result: MailCheck = { state, arrived: [], settled: [], unread: 0 };

  for (const mailbox of mailboxes) {
    if (locked.has(mailbox.uuid)) continue;
    const folders = await folderList(api, mailbox, previous, watched, now, signal);
    state.folders[mailbox.uuid] = folders;
    for (const folder of watchedFoldersOf(mailbox.uuid, folders.list, watched)) {
      const key = cursorKey(mailbox.uuid, folder.id);
      const unread = folder.role === 'INBOX' ? mailbox.unseen : folder.unread;
      result.unread += unread;
      const cursor = previous.cursors[key];
      if (!cursor) {
        state.cursors[key] = { signature: await signatureOf(api, mailbox, folder, signal), unread };
      } else if (cursor.unread === unread && !sweep) {
        state.cursors[key] = cursor;
      } else {
        const changes = await folderChanges(api, mailbox, folder, cursor, previous.checkedAt, signal);
        state.cursors[key] = { signature: changes.signature, unread };
        result.arrived.push(...changes.arrived);
        result.settled.push(...changes.settled);
      }
    }
  }
  return result;
}

async function folderList(
  api: KsuiteApiClient,
  mailbox: MailboxSnapshot,
  previous: MailCheckState,
  watched: WatchedFolders,
  now: number,
  signal?: AbortSignal,
): Promise<{ fetchedAt: number; list: FolderSummary[] }> {
  const cached = previous.folders[mailbox.uuid];
  const chosen = watched[mailbox.uuid] ?? [];
  const fresh =
    cached &&
    now - cached.fetchedAt < FOLDER_LIST_MAX_AGE_MS &&
    chosen.every((id) => cached.list.some((f) => f.id === id)) &&
    !watchesBeyondInbox(mailbox.uuid, cached.list, watched);
  if (fresh) return cached;
  return { fetchedAt: now, list: flattenFolders(await api.folders(mailbox.uuid, signal)) };
}

/** A bookmark at "now" in the folder's journal; '' when the server has no journal for it. */
async function signatureOf(
  api: KsuiteApiClient,
  mailbox: MailboxSnapshot,
  folder: FolderSummary,
  signal?: AbortSignal,
): Promise<string> {
  try {
    return await api.folderSignature(mailbox.uuid, folder.id, signal);
  } catch (error) {
    if (journalUnavailable(error)) return '';
    throw error;
  }
}

/** The journal refused our signature (too old, reset) or does not exist: not a failure of the whole check. */
function journalUnavailable(error: unknown): boolean {
  return error instanceof KsuiteApiError && (error.kind === 'bad_response' || error.kind === 'not_found');
}

async function folderChanges(
  api: KsuiteApiClient,
  mailbox: MailboxSnapshot,
  folder: FolderSummary,
  cursor: FolderCursor,
  lastCheckedAt: number,
  signal?: AbortSignal,
): Promise<{ signature: string; arrived: NewMail[]; settled: string[] }> {
  if (cursor.signature) {
    try {
      const activities = await api.folderActivities(mailbox.uuid, folder.id, cursor.signature, signal);
      const settled = [
        ...(activities.deleted ?? []),
        ...(activities.updated ?? []).filter((u) => u.seen).map((u) => u.uid),
      ];
      return {
        signature: activities.signature,
        arrived: await addedMessages(api, mailbox, folder, activities.added ?? [], signal),
        settled: settled.map((shortUid) => `${mailbox.uuid}/${shortUid}@${folder.id}`),
      };
    } catch (error) {
      if (!journalUnavailable(error)) throw error;
    }
  }
  // Without a usable journal, the unseen filter says what is unread; what is newer than our last check is new.
  const signature = await signatureOf(api, mailbox, folder, signal);
  const { threads } = await api.threads(mailbox.uuid, folder.id, { unseenOnly: true }, signal);
  const since = lastCheckedAt - CLOCK_SLACK_MS;
  const arrived = threads
    .flatMap((thread) => thread.messages)
    .filter((m) => !m.seen && !m.is_draft && m.folder_id === folder.id && messageTime(m) >= since)
    .map((m) => newMail(mailbox, folder, m));
  return { signature, arrived: arrived.filter((m): m is NewMail => m !== null), settled: [] };
}

/** Our clock and the server's disagree a little; a message is never missed for that (announcing is deduplicated). */
const CLOCK_SLACK_MS = 5 * 60_000;

async function addedMessages(
  api: KsuiteApiClient,
  mailbox: MailboxSnapshot,
  folder: FolderSummary,
  added: readonly number[],
  signal?: AbortSignal,
): Promise<NewMail[]> {
  if (added.length === 0) return [];
  // Newest first; a flood beyond one request is announced by its newest part (the notification is grouped anyway).
  const uids = [...new Set(added)].sort((a, b) => b - a).slice(0, MAX_UIDS_PER_DETAILS);
  const { messages } = await api.messagesByUids(mailbox.uuid, folder.id, uids, signal);
  return messages
    .filter((m) => !m.seen && !m.is_draft)
    .map((m) => newMail(mailbox, folder, m))
    .filter((m): m is NewMail => m !== null);
}

function newMail(mailbox: MailboxSnapshot, folder: FolderSummary, message: Message): NewMail | null {
  const ref = parseMessageUid(message.uid);
  if (!ref) return null;
  const from = message.from?.[0];
  return {
    dedupeKey: `${mailbox.uuid}/${message.msg_id || message.uid}`,
    mailboxUuid: mailbox.uuid,
    mailboxEmail: mailbox.email,
    mailboxIndex: mailbox.index,
    folderId: folder.id,
    uid: message.uid,
    shortUid: ref.shortUid,
    fromName: from?.name ?? '',
    fromEmail: from?.email ?? '',
    subject: message.subject ?? '',
    preview: message.preview ?? '',
    date: messageTime(message),
  };
}

function messageTime(message: Message): number {
  const time = Date.parse(message.internal_date ?? message.date);
  return Number.isFinite(time) ? time : 0;
}
