import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthKind, Exchange } from './exchange.ts';
import { COOKIE_DOMAIN } from './hostnames.ts';

// Who may call the API: holders of a live session cookie (the web app) or of a personal API token (Bearer).
// Sessions are random values kept in memory; expiring them is how tests simulate a signed-out browser.

export const SESSION_COOKIE = 'KSUITE_SESSION';

/** Cookie attributes as a browser-profile cookie, for harnesses that plant the session without signing in. */
export interface SessionCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Lax';
}

/** Someone who can sign in, as tests see them. */
export interface ReplicaAccount {
  /** Sign-in address: the account's primary mailbox. */
  email: string;
  password: string;
  /** The account's personal API token (Bearer), new each start. */
  token: string;
}

/** Who a request speaks for: how it authenticated, whether that is valid, and then for which account. */
export type Identity = Exchange['auth'];

export class AuthRegistry {
  /** Session cookie value → account. */
  private sessions = new Map<string, string>();
  /** One personal API token per account (account → token), new each start. */
  private readonly issuedTokens: ReadonlyMap<string, string>;
  private readonly tokens = new Map<string, string>();

  /** `accounts`: sign-in addresses, the demo account first. */
  constructor(private readonly accounts: readonly string[]) {
    this.issuedTokens = new Map(accounts.map((account) => [account, randomBytes(24).toString('base64url')]));
    this.restoreTokens();
  }

  get demoToken(): string {
    return this.tokenOf(this.accounts[0] ?? '');
  }

  tokenOf(account: string): string {
    const token = this.issuedTokens.get(account.toLowerCase());
    if (!token) throw new Error(`no account ${account}`);
    return token;
  }

  /** A session of `account` (the demo account by default), as the sign-in page would start one. */
  issueSession(account = this.accounts[0] ?? ''): SessionCookie {
    if (!this.issuedTokens.has(account.toLowerCase())) throw new Error(`no account ${account}`);
    const value = randomBytes(24).toString('base64url');
    this.sessions.set(value, account.toLowerCase());
    return {
      name: SESSION_COOKIE,
      value,
      domain: COOKIE_DOMAIN,
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    };
  }

  endSession(value: string): void {
    this.sessions.delete(value);
  }

  /** Every session cookie stops working; with `tokens`, personal tokens do too. */
  expire({ tokens = false }: { tokens?: boolean } = {}): void {
    this.sessions = new Map();
    if (tokens) this.tokens.clear();
  }

  /** Brings every account's token back (after an expiry that took tokens). Sessions are left alone. */
  restoreTokens(): void {
    for (const [account, token] of this.issuedTokens) this.tokens.set(token, account);
  }

  /** A Bearer header wins over a cookie when both are sent, as an explicit credential should. */
  identify(req: IncomingMessage): Identity {
    const authorization = req.headers.authorization;
    const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (bearer) return identity('bearer', this.tokens.get(bearer));
    const session = sessionFromCookieHeader(req.headers.cookie);
    if (session !== undefined) return identity('cookie', this.sessions.get(session));
    return identity('none', undefined);
  }

  hasSession(req: IncomingMessage): boolean {
    const session = sessionFromCookieHeader(req.headers.cookie);
    return session !== undefined && this.sessions.has(session);
  }
}

function identity(kind: AuthKind, account: string | undefined): Identity {
  return { kind, valid: account !== undefined, account: account ?? null };
}

export function sessionFromCookieHeader(header: string | undefined): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export function setCookieHeader(cookie: SessionCookie): string {
  return `${cookie.name}=${cookie.value}; Domain=${cookie.domain}; Path=${cookie.path}; Secure; HttpOnly; SameSite=${cookie.sameSite}`;
}
