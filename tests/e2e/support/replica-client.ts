import type { BrowserContext } from 'playwright-core';
import type {
  DeliverRequest,
  DeliverResult,
  ReplicaAccount,
  RequestLogEntry,
  SessionCookie,
} from '../../replica/index';

/**
 * The replica's control interface as the browser tests use it: over HTTP, because the replica runs in vitest's
 * main process while each test file runs in a worker.
 */
export class ReplicaClient {
  constructor(private readonly controlUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`replica control ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  reset = () => this.call('POST', '/reset');
  deliver = (request: DeliverRequest = {}) => this.call<DeliverResult>('POST', '/deliver', request);
  /** Sessions end; the API then answers with a JSON 401 (`status`) or a 302 to the sign-in page (`redirect`). */
  expireSession = (tokens = false, answer: 'status' | 'redirect' = 'status') =>
    this.call('POST', '/expire-session', { tokens, answer });
  setLatency = (ms: number) => this.call('POST', '/latency', { ms });
  /** `retryAfter`: the seconds a 429 asks the client to wait (its Retry-After). */
  failNext = (count: number, status: number, path?: string, retryAfter?: number) =>
    this.call('POST', '/fail', { count, status, path, retryAfter });
  /** `path`: only downloads whose path contains it are cut (the webmail page fetches inline images too). */
  truncateNext = (count: number, bytes: number, mode: 'cut' | 'short', path?: string | string[]) =>
    this.call('POST', '/truncate', { count, bytes, mode, path });
  dropFromArchives = (count = 1) => this.call('POST', '/archive-drop', { count });
  answerDownloadsWithHtml = (count = 1, path?: string | string[]) =>
    this.call('POST', '/html-download', { count, path });
  requests = () => this.call<RequestLogEntry[]>('GET', '/requests');
  /** Every account's sign-in address, password and personal API token, the demo account first. */
  accounts = () => this.call<ReplicaAccount[]>('GET', '/accounts');
  clearRequests = () => this.call('DELETE', '/requests');

  /** Signs the browser in to the demo mailbox the way the sign-in page would: with the session cookie. */
  async signIn(context: BrowserContext): Promise<void> {
    const cookie = await this.call<SessionCookie>('POST', '/session-cookie');
    await context.addCookies([{ ...cookie, domain: cookie.domain }]);
  }
}
