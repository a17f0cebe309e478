import type { AuthKind, Exchange } from './exchange.ts';

// What reached the replica, for tests that assert on the extension's traffic (which routes, how many bytes,
// cookie or token). Bounded so a long browser session cannot grow it without limit.

export interface RequestLogEntry {
  time: string;
  method: string;
  host: string;
  path: string;
  status: number;
  bytes: number;
  auth: AuthKind;
  authorized: boolean;
  /** The account the credentials speak for (its sign-in address); null when they are missing or invalid. */
  account: string | null;
  /**
   * The browser's Sec-Fetch-Site: `same-origin` for what a webmail page asks of its own host (its content scripts
   * included), `none` for the extension's background and its own pages; null from clients that do not send it.
   */
  site: string | null;
  requestId: string;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  /** Records the exchange once its response is done or abandoned. */
  watch(ex: Exchange): void {
    ex.res.once('close', () => {
      this.entries.push({
        time: new Date().toISOString(),
        method: ex.req.method ?? '',
        host: ex.host,
        path: ex.url.pathname + ex.url.search,
        status: ex.res.statusCode,
        bytes: ex.bytesSent,
        auth: ex.auth.kind,
        authorized: ex.auth.valid,
        account: ex.auth.account,
        site: headerValue(ex.req.headers['sec-fetch-site']),
        requestId: ex.requestId,
      });
      if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    });
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
