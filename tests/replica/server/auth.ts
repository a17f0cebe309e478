import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthKind } from './exchange.ts';
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

export class AuthRegistry {
  private sessions = new Set<string>();
  private readonly tokens = new Set<string>();
  readonly demoToken = randomBytes(24).toString('base64url');

  constructor() {
    this.tokens.add(this.demoToken);
  }

  issueSession(): SessionCookie {
    const value = randomBytes(24).toString('base64url');
    this.sessions.add(value);
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
    this.sessions = new Set();
    if (tokens) this.tokens.clear();
  }

  /** Brings the demo token back (after an expiry that took tokens). Sessions are left alone. */
  restoreDemoToken(): void {
    this.tokens.add(this.demoToken);
  }

  /** A Bearer header wins over a cookie when both are sent, as an explicit credential should. */
  identify(req: IncomingMessage): { kind: AuthKind; valid: boolean } {
    const authorization = req.headers.authorization;
    const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (bearer) return { kind: 'bearer', valid: this.tokens.has(bearer) };
    const session = sessionFromCookieHeader(req.headers.cookie);
    if (session !== undefined) return { kind: 'cookie', valid: this.sessions.has(session) };
    return { kind: 'none', valid: false };
  }

  hasSession(req: IncomingMessage): boolean {
    const session = sessionFromCookieHeader(req.headers.cookie);
    return session !== undefined && this.sessions.has(session);
  }
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
