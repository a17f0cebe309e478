import type { AuthRegistry } from './auth.ts';
import { SESSION_COOKIE, sessionFromCookieHeader, setCookieHeader } from './auth.ts';
import { readRequestBody, redirect, sendBody, sendPlain, type Exchange } from './exchange.ts';
import { COOKIE_DOMAIN, KSUITE_ORIGIN, isInfomaniakHttpsUrl } from './hostnames.ts';
import { pageSecurityHeaders } from './page-security.ts';
import { readWebmailFile } from './static-files.ts';

// login.infomaniak.com: the sign-in form and its POST. A successful sign-in sets the session cookie for
// .infomaniak.com and goes back to `redirect`, but only to an https Infomaniak URL (no open redirect).

/** Someone who can sign in: an account's sign-in address and password. */
export interface DemoUser {
  email: string;
  password: string;
}

const DEFAULT_AFTER_SIGN_IN = `${KSUITE_ORIGIN}/all/mail/0`;

export async function handleLogin(ex: Exchange, auth: AuthRegistry, users: readonly DemoUser[]): Promise<void> {
  const path = ex.url.pathname;
  if (path === '/logout') return signOut(ex, auth);
  if (ex.req.method === 'POST' && (path === '/login' || path === '/')) return signIn(ex, auth, users);
  if ((ex.req.method === 'GET' || ex.req.method === 'HEAD') && path === '/') {
    const target = ex.url.searchParams.get('redirect') ?? '';
    // Already signed in: straight on, as the real login host does.
    if (auth.hasSession(ex.req)) return redirect(ex, safeTarget(target));
    return showSignInPage(ex, 200, target, undefined);
  }
  sendPlain(ex, 404, 'Not found');
}

function safeTarget(candidate: string): string {
  return isInfomaniakHttpsUrl(candidate) ? candidate : DEFAULT_AFTER_SIGN_IN;
}

async function signIn(ex: Exchange, auth: AuthRegistry, users: readonly DemoUser[]): Promise<void> {
  const form = new URLSearchParams((await readRequestBody(ex.req, 64 * 1024)).toString('utf8'));
  const email = (form.get('email') ?? form.get('login') ?? form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  const target = form.get('redirect') ?? ex.url.searchParams.get('redirect') ?? '';
  const user = users.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase());
  if (!user || password !== user.password) {
    return showSignInPage(ex, 401, target, 'Incorrect email address or password.');
  }
  const cookie = auth.issueSession(user.email);
  ex.auth = { kind: 'cookie', valid: true, account: user.email.toLowerCase() };
  redirect(ex, safeTarget(target), 302, { 'Set-Cookie': setCookieHeader(cookie) });
}

function signOut(ex: Exchange, auth: AuthRegistry): void {
  const session = sessionFromCookieHeader(ex.req.headers.cookie);
  if (session) auth.endSession(session);
  const cleared = `${SESSION_COOKIE}=; Domain=${COOKIE_DOMAIN}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;
  redirect(ex, '/', 302, { 'Set-Cookie': cleared });
}

async function showSignInPage(ex: Exchange, status: number, target: string, error: string | undefined): Promise<void> {
  const file = await readWebmailFile('signin.html');
  if (!file) return sendPlain(ex, 500, "The replica's sign-in page signin.html is missing");
  const html = fillSignInForm(file.body.toString('utf8'), target, error);
  sendBody(
    ex,
    status,
    { 'Content-Type': 'text/html; charset=utf-8', ...pageSecurityHeaders('login') },
    Buffer.from(html, 'utf8'),
  );
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page is static HTML and has no script allowed inline, so the server fills in the form: the redirect
 * target (into an existing `name="redirect"` input, or a new hidden one) and, after a failure, the error.
 */
export function fillSignInForm(html: string, target: string, error: string | undefined): string {
  const redirectInput = /<input\b[^>]*\bname=["']?redirect\b["']?[^>]*>/i;
  const value = escapeHtml(target);
  let filled = redirectInput.test(html)
    ? html.replace(redirectInput, (tag) =>
        tag.replace(/\s+value=("[^"]*"|'[^']*'|[^\s>]*)/i, '').replace(/\s*\/?>$/, ` value="${value}">`),
      )
    : html.replace(/<form\b[^>]*>/i, (tag) => `${tag}\n<input type="hidden" name="redirect" value="${value}">`);
  if (error) {
    filled = filled.replace(
      /<form\b[^>]*>/i,
      (tag) => `${tag}\n<p class="signin-error" role="alert">${escapeHtml(error)}</p>`,
    );
  }
  return filled;
}
