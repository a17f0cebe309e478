import { apiUid } from './api-paths.ts';
import type { AuthRegistry, ReplicaAccount, SessionCookie } from './auth.ts';
import { composeDeliveryMessage, type SimpleDelivery } from './delivery-message.ts';
import type { FaultPlan, SignedOutAnswer, TruncationMode } from './faults.ts';
import type { MailStore } from './mail-store.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';

// Test-only levers on the replica, the same operations in-process (this object) and over the control HTTP
// server. None of this is reachable on the Infomaniak hostnames.

export interface DeliverRequest {
  /** Mailbox email; the primary mailbox when absent. */
  mailbox?: string;
  /** IMAP path of the destination folder. */
  folder?: string;
  /** The message: raw bytes (base64 over HTTP) or the parts of a simple text message. */
  raw?: string | Uint8Array | SimpleDelivery;
}

export interface DeliverResult {
  uid: string;
  shortUid: number;
  folderId: string;
  mailboxUuid: string;
}

export interface FailRequest {
  count: number;
  status: number;
  /** Only requests whose path contains this fail (and are counted). */
  path?: string;
  /** Retry-After seconds sent with 429; default 1. */
  retryAfter?: number;
}

export interface TruncateRequest {
  count: number;
  bytes: number;
  mode: TruncationMode;
  /** Only downloads whose path contains this (or one of these) are cut (and counted). */
  path?: string | readonly string[];
}

export interface AddMessagesRequest {
  /** Mailbox email; the primary mailbox when absent. */
  mailbox?: string;
  /** IMAP path; INBOX when absent. */
  folder?: string;
  count: number;
}

export interface DeleteMessagesRequest {
  mailbox?: string;
  folder?: string;
  /** These uids of the folder; */
  uids?: number[];
  /** or this many, spread evenly over the folder from newest to oldest. */
  count?: number;
}

export interface MessagesChanged {
  mailboxUuid: string;
  folderId: string;
  /** The folder's uids added or deleted, in the order they were. */
  uids: number[];
}

export interface RateLimitRequest {
  /** Requests per second let through; more answer 429. 0 switches the limit off. */
  perSecond: number;
  /** Retry-After seconds; default 1. */
  retryAfter?: number;
  path?: string;
}

export interface ExpireSessionAfterRequest {
  /** API requests still served before the sessions end. */
  requests: number;
  tokens?: boolean;
  answer?: SignedOutAnswer;
  /** Only requests whose path contains this count. */
  path?: string;
}

export interface ReplicaControl {
  deliver(request?: DeliverRequest): DeliverResult;
  /** New messages, made by the corpus and the same on every run for the same calls; recorded as `added`. */
  addMessages(request: AddMessagesRequest): MessagesChanged;
  /** Messages gone for good (expunged, not moved to the trash); recorded as `deleted`. */
  deleteMessages(request: DeleteMessagesRequest): MessagesChanged;
  /** More than `perSecond` API requests a second answer 429 with Retry-After, until switched off or reset. */
  rateLimit(request: RateLimitRequest): void;
  /** `requests` more API requests are served, then every session ends (as expireSession), mid-run. */
  expireSessionAfter(request: ExpireSessionAfterRequest): void;
  /** API tokens work again after an expiry that took them; sessions stay as they are (sign in again for one). */
  restoreTokens(): void;
  /** Sessions (and with `tokens`, the API token) stop working; `answer` is how the API says so from then on. */
  expireSession(options?: { tokens?: boolean; answer?: SignedOutAnswer }): void;
  setLatency(ms: number): void;
  failNext(request: FailRequest): void;
  truncateNext(request: TruncateRequest): void;
  /** The next `count` attachments archives leave out the message's last attachment. */
  dropFromArchives(count: number): void;
  /** The next `count` downloads (raw, attachment, archive) answer 200 with an HTML page instead of their bytes. */
  answerDownloadsWithHtml(count: number, path?: string | readonly string[]): void;
  /** Mail back to the initial corpus, faults off, API tokens valid again. Issued sessions stay valid. */
  reset(): void;
  /** A live session of `account` (a sign-in address; the demo account when absent). */
  issueSessionCookie(account?: string): SessionCookie;
  /** Every account's sign-in address, password and API token, the demo account first. */
  accounts(): ReplicaAccount[];
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
}

export class ControlError extends Error {}

export interface ControlDeps {
  store(): MailStore;
  resetStore(): void;
  auth: AuthRegistry;
  faults: FaultPlan;
  log: RequestLog;
  accounts: readonly ReplicaAccount[];
}

const DEFAULT_DELIVERY: SimpleDelivery = {
  from: 'Replica Sender <sender@example.net>',
  subject: 'New message',
  text: 'Delivered by the replica control interface.',
};

function folderOf(store: MailStore, mailboxEmail: string | undefined, path: string | undefined) {
  const mailbox = mailboxEmail ? store.mailboxByEmail(mailboxEmail) : store.primaryMailbox();
  if (!mailbox) throw new ControlError(`unknown mailbox ${mailboxEmail}`);
  const folder = mailbox.foldersByPath.get(path ?? 'INBOX');
  if (!folder) throw new ControlError(`mailbox ${mailbox.email} has no folder ${path}`);
  return { mailbox, folder };
}

export function createControl(deps: ControlDeps): ReplicaControl {
  return {
    addMessages({ mailbox: email, folder: path, count }) {
      if (!Number.isInteger(count) || count < 1 || count > 100_000)
        throw new ControlError('count must be an integer from 1 to 100000');
      const store = deps.store();
      const { mailbox, folder } = folderOf(store, email, path);
      let added;
      try {
        added = store.addNewMessages(mailbox, folder, count);
      } catch (error) {
        throw new ControlError(error instanceof Error ? error.message : String(error));
      }
      return { mailboxUuid: mailbox.uuid, folderId: folder.id, uids: added.map((message) => message.uid) };
    },
    deleteMessages({ mailbox: email, folder: path, uids, count }) {
      const store = deps.store();
      const { mailbox, folder } = folderOf(store, email, path);
      let doomed;
      if (uids !== undefined) {
        if (!Array.isArray(uids) || !uids.every((uid) => Number.isInteger(uid)))
          throw new ControlError('uids must be a list of integers');
        doomed = uids.map((uid) => folder.messages.get(uid)).filter((message) => message !== undefined);
      } else {
        if (!Number.isInteger(count) || count! < 1) throw new ControlError('give uids, or a positive count');
        const all = store.messagesIn(folder);
        const n = Math.min(count!, all.length);
        doomed = Array.from({ length: n }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / n)]!);
      }
      for (const message of doomed) store.expunge(message);
      return { mailboxUuid: mailbox.uuid, folderId: folder.id, uids: doomed.map((message) => message.uid) };
    },
    rateLimit({ perSecond, retryAfter = 1, path }) {
      if (!Number.isFinite(perSecond) || perSecond < 0) throw new ControlError('perSecond must be 0 or more');
      if (!Number.isFinite(retryAfter) || retryAfter < 0) throw new ControlError('retryAfter must be 0 or more');
      deps.faults.limitRate(
        perSecond === 0 ? undefined : { perSecond, retryAfterSeconds: retryAfter, pathContains: path },
      );
    },
    expireSessionAfter({ requests, tokens = false, answer = 'status', path }) {
      if (!Number.isInteger(requests) || requests < 0) throw new ControlError('requests must be 0 or more');
      if (answer !== 'status' && answer !== 'redirect') throw new ControlError("answer must be 'status' or 'redirect'");
      deps.faults.expireSessionAfter({ remaining: requests, tokens, answer, pathContains: path });
    },
    restoreTokens() {
      deps.auth.restoreTokens();
    },
    deliver(request = {}) {
      const store = deps.store();
      const mailbox = request.mailbox ? store.mailboxByEmail(request.mailbox) : store.primaryMailbox();
      if (!mailbox) throw new ControlError(`unknown mailbox ${request.mailbox}`);
      const folder = mailbox.foldersByPath.get(request.folder ?? 'INBOX');
      if (!folder) throw new ControlError(`mailbox ${mailbox.email} has no folder ${request.folder}`);
      const raw = request.raw;
      const bytes =
        raw instanceof Uint8Array
          ? raw
          : typeof raw === 'string'
            ? new Uint8Array(Buffer.from(raw, 'base64'))
            : composeDeliveryMessage({ ...DEFAULT_DELIVERY, ...raw }, mailbox.email);
      const message = store.deliver(mailbox, folder, bytes);
      return {
        uid: apiUid(folder, message.uid),
        shortUid: message.uid,
        folderId: folder.id,
        mailboxUuid: mailbox.uuid,
      };
    },
    expireSession({ tokens, answer = 'status' } = {}) {
      if (answer !== 'status' && answer !== 'redirect') throw new ControlError("answer must be 'status' or 'redirect'");
      deps.auth.expire({ tokens });
      deps.faults.signedOutAnswer = answer;
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new ControlError('latency must be a non-negative number of ms');
      deps.faults.latencyMs = ms;
    },
    failNext({ count, status, path, retryAfter = 1 }) {
      if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
      if (!Number.isInteger(status) || status < 400 || status > 599)
        throw new ControlError('status must be 4xx or 5xx');
      deps.faults.failNext({ remaining: count, status, pathContains: path, retryAfterSeconds: retryAfter });
    },
    truncateNext({ count, bytes, mode, path }) {
      if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
      if (!Number.isInteger(bytes) || bytes < 0) throw new ControlError('bytes must be a non-negative integer');
      if (mode !== 'cut' && mode !== 'short') throw new ControlError("mode must be 'cut' or 'short'");
      deps.faults.truncateNext({ remaining: count, bytes, mode, pathContains: pathList(path) });
    },
    dropFromArchives(count) {
      if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
      deps.faults.archivesMissingAFile = count;
    },
    answerDownloadsWithHtml(count, path) {
      if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
      deps.faults.downloadsAnsweredWithHtml = count;
      deps.faults.htmlDownloadsPathContains = pathList(path);
    },
    reset() {
      deps.resetStore();
      deps.faults.clear();
      deps.auth.restoreTokens();
    },
    issueSessionCookie(account) {
      if (account !== undefined && !deps.accounts.some((a) => a.email.toLowerCase() === account.toLowerCase()))
        throw new ControlError(`unknown account ${account}`);
      return deps.auth.issueSession(account);
    },
    accounts() {
      return deps.accounts.map((account) => ({ ...account }));
    },
    requestLog() {
      return deps.log.list();
    },
    clearRequestLog() {
      deps.log.clear();
    },
  };
}

function pathList(path: string | readonly string[] | undefined): readonly string[] | undefined {
  return path === undefined ? undefined : typeof path === 'string' ? [path] : path;
}
