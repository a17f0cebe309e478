import { archivableAttachments, attachmentsArchiveFor, buildAttachmentsArchive } from './attachments-archive.ts';
import type {
  ActivitiesJson,
  FolderJson,
  MailboxJson,
  MessageUidsJson,
  MessagesByUidsJson,
  ThreadListJson,
} from './api-json.ts';
import { folderResource } from './api-paths.ts';
import type { AuthRegistry } from './auth.ts';
import { sendDownload, streamDownload } from './binary-response.ts';
import { contentDisposition, fileNameFromSubject } from './content-disposition.ts';
import { applyCors } from './cors.ts';
import { readRequestBody, redirect, sendError, sendSuccess, type Exchange } from './exchange.ts';
import type { FaultPlan } from './faults.ts';
import type { MailStore, StoredFolder, StoredMailbox, StoredMessage } from './mail-store.ts';
import { messageDetailJson, messageSummaryJson } from './message-json.ts';
import { criteriaFromQuery, matchesCriteria, matchesEverything } from './message-search.ts';
import { groupIntoThreads, threadJson } from './threads.ts';
import { loginRedirectUrl } from './web-pages.ts';

// The mail API under https://mail.infomaniak.com/api/. Order per request: CORS (a preflight ends there),
// injected latency, injected failure, the authentication check, then the route. Shapes follow
// docs/ksuite-webmail.md.

/**
 * Threads per page when the request gives no `limit` (Infomaniak's MCP server asks for 50), and the most a `limit`
 * may ask for. Both guessed: the real default and maximum are not documented.
 */
export const THREAD_PAGE_SIZE = 50;
export const MAX_THREAD_PAGE_SIZE = 200;
const MAX_ACTION_UIDS = 1000;
const MAX_MOBILE_UIDS = 200;
/**
 * Guessed: the apps never ask `date-ordered-messages-uids` for more than 10,000 uids (docs/ksuite-webmail.md); the
 * replica answers at most that many, so a client cannot rely on the route to list a bigger folder whole.
 */
export const MAX_DATE_ORDERED_UIDS = 10_000;

export interface ApiContext {
  /** A getter: a reset swaps the whole store. */
  store(): MailStore;
  auth: AuthRegistry;
  faults: FaultPlan;
}

const FAULT_CODES: Record<number, string> = {
  400: 'validation_failed',
  401: 'not_authorized',
  403: 'access_denied',
  404: 'object_not_found',
  429: 'too_many_request',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

export async function handleApi(ex: Exchange, ctx: ApiContext): Promise<void> {
  if (applyCors(ex)) return;
  // Identified before the faults so the request log shows how even a failed call authenticated.
  ex.auth = ctx.auth.identify(ex.req);
  if (ctx.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.faults.latencyMs));
  const failure = ctx.faults.takeFailure(ex.url.pathname);
  if (failure) {
    const headers: Record<string, string> =
      failure.status === 429 ? { 'Retry-After': String(failure.retryAfterSeconds) } : {};
    sendError(
      ex,
      failure.status,
      FAULT_CODES[failure.status] ?? 'error',
      'Injected by the replica control interface',
      headers,
    );
    return;
  }
  const retryAfter = ctx.faults.takeRateLimit(ex.url.pathname);
  if (retryAfter !== undefined) {
    sendError(ex, 429, 'too_many_request', 'Rate limit of the replica control interface', {
      'Retry-After': String(retryAfter),
    });
    return;
  }
  const expiry = ctx.faults.takeSessionExpiry(ex.url.pathname);
  if (expiry) {
    ctx.auth.expire({ tokens: expiry.tokens });
    ctx.faults.signedOutAnswer = expiry.answer;
    ex.auth = ctx.auth.identify(ex.req);
  }
  if (!ex.auth.valid) {
    if (ctx.faults.signedOutAnswer === 'redirect' && ex.auth.kind !== 'bearer')
      return redirect(ex, loginRedirectUrl(ex));
    sendError(ex, 401, 'not_authorized', 'Authentication required');
    return;
  }
  try {
    await route(ex, ctx.store(), ctx.faults, ex.auth.account ?? '');
  } catch (error) {
    sendError(ex, 500, 'internal_server_error', error instanceof Error ? error.message : 'Unexpected error');
  }
}

function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** `account`: the caller's; its mailboxes are the only ones it can list or reach. */
async function route(ex: Exchange, store: MailStore, faults: FaultPlan, account: string): Promise<void> {
  const path = decodedPath(ex.url.pathname).replace(/\/+$/, '');
  const method = ex.req.method === 'HEAD' ? 'GET' : ex.req.method;
  const notFound = () => sendError(ex, 404, 'object_not_found', 'No such route');

  if (path === '/api/ping-with-auth') return method === 'GET' ? sendSuccess(ex, 'pong') : notFound();
  if (path === '/api/mailbox') return method === 'GET' ? sendSuccess(ex, mailboxesJson(store, account)) : notFound();

  const scoped = /^\/api\/mail\/([^/]+)\/(.+)$/.exec(path);
  if (!scoped) return notFound();
  // Guessed: another account's mailbox answers like an unknown one (the real code, 404 or 403, is not known).
  const mailbox = store.mailboxByUuid(scoped[1] ?? '', account);
  if (!mailbox) return sendError(ex, 404, 'object_not_found', 'No such mailbox');
  const rest = scoped[2] ?? '';

  if (rest === 'folder')
    return method === 'GET' ? sendSuccess(ex, foldersJson(store, mailbox.rootFolders)) : notFound();

  const action = /^message\/(seen|unseen|star|unstar|delete|move)$/.exec(rest);
  if (action) return method === 'POST' ? messageAction(ex, store, mailbox, action[1] as MessageAction) : notFound();

  if (!rest.startsWith('folder/')) return notFound();
  const located = locateFolder(mailbox, rest.slice('folder/'.length));
  if (!located) return sendError(ex, 404, 'folder__not_exists', 'No such folder');
  const { folder, sub } = located;
  if (method !== 'GET') return notFound();

  if (sub === '/message') return threadList(ex, store, mailbox, folder);
  if (sub === '/mobile/date-ordered-messages-uids') return dateOrderedUids(ex, store, folder);
  if (sub === '/mobile/activities') return activities(ex, store, folder);
  if (sub === '/mobile/messages') return messagesByUids(ex, folder);

  const messageRoute = /^\/message\/(\d+)(\/download|\/attachmentsArchive|\/attachment\/([\d.]+))?$/.exec(sub);
  if (!messageRoute) return notFound();
  const message = folder.messages.get(Number(messageRoute[1]));
  if (!message) return sendError(ex, 404, 'mail__message_not_found', 'Message not found');
  const tail = messageRoute[2];
  if (!tail) {
    const format = ex.url.searchParams.get('prefered_format') === 'plain' ? 'plain' : 'html';
    return sendSuccess(ex, await messageDetailJson(message, format));
  }
  if (tail === '/download') return rawDownload(ex, faults, message);
  if (tail === '/attachmentsArchive') return attachmentsArchive(ex, faults, message);
  return attachmentDownload(ex, faults, message, messageRoute[3] ?? '');
}

/** Folder ids may contain '/', so the folder is found by id prefix rather than by splitting the path. */
function locateFolder(mailbox: StoredMailbox, folderRest: string): { folder: StoredFolder; sub: string } | undefined {
  let best: StoredFolder | undefined;
  for (const folder of mailbox.foldersById.values()) {
    const fits = folderRest === folder.id || folderRest.startsWith(`${folder.id}/`);
    if (fits && (!best || folder.id.length > best.id.length)) best = folder;
  }
  return best && { folder: best, sub: folderRest.slice(best.id.length) };
}

function mailboxesJson(store: MailStore, account: string): MailboxJson[] {
  return store.mailboxes(account).map((mailbox) => {
    const inbox = store.folderByRole(mailbox, 'INBOX');
    return {
      uuid: mailbox.uuid,
      email: mailbox.email,
      mailbox: mailbox.email.split('@')[0] ?? mailbox.email,
      mailbox_id: mailbox.mailboxId,
      hosting_id: mailbox.hostingId,
      is_primary: mailbox.isPrimary,
      is_locked: false,
      is_valid: true,
      // Guessed: the count the apps show per mailbox is taken to be the inbox's unread messages.
      unseen_messages: inbox ? store.unseenCount(inbox) : 0,
      aliases: [],
      is_part_of_ksuite: true,
    };
  });
}

function foldersJson(store: MailStore, folders: StoredFolder[]): FolderJson[] {
  return folders.map((folder) => ({
    id: folder.id,
    path: folder.path,
    name: folder.name,
    role: folder.role,
    // Guessed: role folders are the ones pinned by default.
    is_favorite: folder.role !== null,
    unread_count: store.unseenCount(folder),
    total_count: folder.messages.size,
    separator: '/' as const,
    children: foldersJson(store, folder.children),
  }));
}

async function threadList(ex: Exchange, store: MailStore, mailbox: StoredMailbox, folder: StoredFolder): Promise<void> {
  const query = ex.url.searchParams;
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const limit = pageSize(query.get('limit'));
  const threadMode = query.get('thread') === 'off' ? 'off' : 'on';
  const criteria = criteriaFromQuery(query);
  const everywhere = query.get('severywhere') === '1';
  const candidates = everywhere
    ? [...mailbox.foldersById.values()].flatMap((f) => store.messagesIn(f)).sort((a, b) => b.arrivedAt - a.arrivedAt)
    : store.messagesIn(folder);
  // A plain listing takes the folder's kept order as it is: paging a 30,000-message folder must not touch them all.
  let matching: readonly StoredMessage[] = candidates;
  if (!matchesEverything(criteria)) {
    const found: StoredMessage[] = [];
    for (const message of candidates) if (await matchesCriteria(message, criteria)) found.push(message);
    matching = found;
  }

  const groupCount = threadMode === 'on' ? (await threadsOf(matching)).length : matching.length;
  const page =
    threadMode === 'on'
      ? (await threadsOf(matching)).slice(offset, offset + limit)
      : matching.slice(offset, offset + limit).map((message) => [message]);
  const threads = await Promise.all(
    page.map(async (group) => threadJson(await Promise.all(group.map(messageSummaryJson)))),
  );

  const pageAt = (at: number) => {
    const next = new URLSearchParams(query);
    next.set('offset', String(at));
    return `${folderResource(mailbox, folder)}/message?${next.toString()}`;
  };
  const data: ThreadListJson = {
    threads,
    total_messages_count: matching.length,
    messages_count: groupCount,
    current_offset: offset,
    thread_mode: threadMode,
    folder_unseen_messages: store.unseenCount(folder),
    resource_previous: offset > 0 ? pageAt(Math.max(0, offset - limit)) : null,
    resource_next: offset + limit < groupCount ? pageAt(offset + limit) : null,
  };
  sendSuccess(ex, data);
}

/** Conversations of a list, kept per list: a folder's kept order is one array until the folder changes. */
const threadCache = new WeakMap<readonly StoredMessage[], Promise<StoredMessage[][]>>();

function threadsOf(messages: readonly StoredMessage[]): Promise<StoredMessage[][]> {
  let threads = threadCache.get(messages);
  if (!threads) {
    threads = Promise.all(messages.map(async (message) => ({ message, ...(await message.content.threadIds()) }))).then(
      groupIntoThreads,
    );
    threadCache.set(messages, threads);
  }
  return threads;
}

/** `limit` as asked, within 1…MAX_THREAD_PAGE_SIZE; the default page size when absent or not a number. */
function pageSize(limit: string | null): number {
  const asked = Number.parseInt(limit ?? '', 10);
  if (!Number.isInteger(asked) || asked < 1) return THREAD_PAGE_SIZE;
  return Math.min(asked, MAX_THREAD_PAGE_SIZE);
}

function dateOrderedUids(ex: Exchange, store: MailStore, folder: StoredFolder): void {
  const asked = Number.parseInt(ex.url.searchParams.get('messages') ?? '', 10);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_DATE_ORDERED_UIDS) : MAX_DATE_ORDERED_UIDS;
  const newestFirst = store.messagesIn(folder);
  const ordered = ex.url.searchParams.get('direction') === 'asc' ? [...newestFirst].reverse() : newestFirst;
  const data: MessageUidsJson = {
    messages_uids: ordered.slice(0, limit).map((message) => message.uid),
    signature: store.signatureFor(folder),
  };
  sendSuccess(ex, data);
}

function activities(ex: Exchange, store: MailStore, folder: StoredFolder): void {
  const signature = ex.url.searchParams.get('signature');
  if (!signature) return sendError(ex, 400, 'validation_failed', 'signature is required');
  const position = store.positionFromSignature(folder, signature);
  // Guessed code: the real name for an unknown or outdated cursor is not documented.
  if (position === undefined) return sendError(ex, 400, 'invalid_signature', 'Unknown or outdated signature');
  const changes = folder.changes.since(position);
  const updated = changes.updated.flatMap((uid): ActivitiesJson['updated'] => {
    const message = folder.messages.get(uid);
    if (!message) return [];
    return [{ uid: String(uid), ...message.flags, scheduled: false }];
  });
  const data: ActivitiesJson = {
    deleted: changes.deleted.map(String),
    updated,
    added: changes.added.filter((uid) => folder.messages.has(uid)),
    unread_count: store.unseenCount(folder),
    signature: store.signatureFor(folder),
  };
  sendSuccess(ex, data);
}

async function messagesByUids(ex: Exchange, folder: StoredFolder): Promise<void> {
  const uids = (ex.url.searchParams.get('uids') ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map(Number);
  if (uids.length === 0 || uids.length > MAX_MOBILE_UIDS || uids.some((uid) => !Number.isInteger(uid))) {
    return sendError(ex, 400, 'validation_failed', `uids must list 1 to ${MAX_MOBILE_UIDS} integers`);
  }
  const found = uids.map((uid) => folder.messages.get(uid)).filter((m): m is StoredMessage => m !== undefined);
  const data: MessagesByUidsJson = { messages: await Promise.all(found.map(messageSummaryJson)) };
  sendSuccess(ex, data);
}

/** Streamed with back-pressure, so a generated 25 MB message is never whole in memory. */
async function rawDownload(ex: Exchange, faults: FaultPlan, message: StoredMessage): Promise<void> {
  const parsed = await message.content.parse();
  await streamDownload(ex, faults, message.content.size, message.content.chunks(), {
    'Content-Type': 'message/rfc822',
    'Content-Disposition': contentDisposition('attachment', fileNameFromSubject(parsed.subject, 'eml', 'message')),
  });
}

async function attachmentDownload(
  ex: Exchange,
  faults: FaultPlan,
  message: StoredMessage,
  partId: string,
): Promise<void> {
  const parsed = await message.content.parse();
  const attachment = parsed.attachments.find((a) => a.partId === partId);
  if (!attachment) return sendError(ex, 404, 'mail__message_attachment_not_found', 'No such attachment');
  sendDownload(ex, faults, attachment.content, {
    'Content-Type': attachment.mimeType,
    'Content-Disposition': contentDisposition(attachment.disposition, attachment.name),
  });
}

async function attachmentsArchive(ex: Exchange, faults: FaultPlan, message: StoredMessage): Promise<void> {
  const parsed = await message.content.parse();
  const files = archivableAttachments(parsed.attachments);
  // Guessed: the real server's answer for a message without attachments is not documented.
  if (files.length === 0)
    return sendError(ex, 404, 'mail__message_attachment_not_found', 'The message has no attachments');
  const date = new Date(parsed.date ?? message.internalDate);
  let zip: Buffer;
  if (faults.archivesMissingAFile > 0) {
    faults.archivesMissingAFile -= 1;
    zip = await buildAttachmentsArchive(files.slice(0, -1), date);
  } else if (message.content.generated) {
    // Kept for no one: a generated mailbox's archives would add up to its size.
    zip = await buildAttachmentsArchive(files, date);
  } else {
    zip = await attachmentsArchiveFor(message.content.bytes(), files, date);
  }
  sendDownload(ex, faults, zip, {
    'Content-Type': 'application/zip',
    'Content-Disposition': contentDisposition('attachment', fileNameFromSubject(parsed.subject, 'zip', 'attachments')),
  });
}

type MessageAction = 'seen' | 'unseen' | 'star' | 'unstar' | 'delete' | 'move';

async function messageAction(
  ex: Exchange,
  store: MailStore,
  mailbox: StoredMailbox,
  action: MessageAction,
): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse((await readRequestBody(ex.req, 1024 * 1024)).toString('utf8') || '{}');
  } catch {
    return sendError(ex, 400, 'validation_failed', 'The body must be JSON');
  }
  const { uids, to } = (body ?? {}) as { uids?: unknown; to?: unknown };
  if (
    !Array.isArray(uids) ||
    uids.length === 0 ||
    uids.length > MAX_ACTION_UIDS ||
    !uids.every((u) => typeof u === 'string')
  ) {
    return sendError(ex, 400, 'validation_failed', `uids must list 1 to ${MAX_ACTION_UIDS} message uids`);
  }
  let destination: StoredFolder | undefined;
  if (action === 'move') {
    destination = typeof to === 'string' ? mailbox.foldersById.get(to) : undefined;
    if (!destination)
      return sendError(ex, 404, 'mail__move_destination_folder_not_found', 'No such destination folder');
  }
  const messages = (uids as string[])
    .map((uid) => store.messageByApiUid(mailbox, uid))
    .filter((m): m is StoredMessage => m !== undefined);
  if (messages.length === 0) return sendError(ex, 404, 'mail__message_not_found', 'None of the messages exist');

  switch (action) {
    case 'seen':
    case 'unseen':
    case 'star':
    case 'unstar': {
      const patch =
        action === 'seen' ? { seen: true } : action === 'unseen' ? { seen: false } : { flagged: action === 'star' };
      for (const message of messages) store.setFlags(message, patch);
      // Shape from the apps' MessageActionResult: the number of messages acted on.
      return sendSuccess(ex, { flagged: messages.length });
    }
    case 'delete':
      for (const message of messages) store.delete(message);
      return sendSuccess(ex, []);
    case 'move':
      for (const message of messages) if (destination) store.move(message, destination);
      // The real answer carries an undo resource; the replica has no undo, and says so with null.
      return sendSuccess(ex, { undo_resource: null });
  }
}
