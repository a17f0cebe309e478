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

export interface ReplicaControl {
  deliver(request?: DeliverRequest): DeliverResult;
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

export function createControl(deps: ControlDeps): ReplicaControl {
  return {
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
