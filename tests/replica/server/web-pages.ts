import type { AuthRegistry } from './auth.ts';
import { redirect, sendBody, sendPlain, type Exchange } from './exchange.ts';
import { LOGIN_ORIGIN } from './hostnames.ts';
import { pageSecurityHeaders, type PageKind } from './page-security.ts';
import { readWebmailFile } from './static-files.ts';

// The web pages of mail.infomaniak.com and ksuite.infomaniak.com: the single-page webmail, the kSuite shell
// around it, and their static assets under /__webmail/. Pages need a session; without one the browser is
// sent to sign in and brought back, as on the real site.

export const STATIC_PREFIX = '/__webmail/';

export async function serveStatic(ex: Exchange): Promise<void> {
  const file = await readWebmailFile(ex.url.pathname.slice(STATIC_PREFIX.length));
  if (!file) return sendPlain(ex, 404, 'Not found');
  sendBody(
    ex,
    200,
    { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' },
    file.body,
  );
}

export function loginRedirectUrl(ex: Exchange): string {
  return `${LOGIN_ORIGIN}/?redirect=${encodeURIComponent(`https://${ex.host}${ex.url.pathname}${ex.url.search}`)}`;
}

/** Serves a webmail HTML page to signed-in browsers; others go to the sign-in page. */
async function servePage(ex: Exchange, auth: AuthRegistry, fileName: string, kind: PageKind): Promise<void> {
  if (!auth.hasSession(ex.req)) return redirect(ex, loginRedirectUrl(ex));
  const file = await readWebmailFile(fileName);
  if (!file) return sendPlain(ex, 500, `The replica's webmail page ${fileName} is missing`);
  sendBody(ex, 200, { 'Content-Type': 'text/html; charset=utf-8', ...pageSecurityHeaders(kind) }, file.body);
}

/** mail.infomaniak.com: `/` -> `/0`; `/{mailboxIndex}`, `/{mailboxIndex};fid=…` and every route below -> the webmail. */
export async function handleMailPage(ex: Exchange, auth: AuthRegistry): Promise<void> {
  const path = ex.url.pathname;
  if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD') return sendPlain(ex, 405, 'Method not allowed');
  if (path === '/') return redirect(ex, '/0');
  if (/^\/\d+([;/].*)?$/.test(path)) return servePage(ex, auth, 'index.html', 'mail');
  sendPlain(ex, 404, 'Not found');
}

/** ksuite.infomaniak.com: `/` -> `/all/mail/0`; `/all/mail/{n}` and `/{spaceId}/mail…` -> the kSuite shell. */
export async function handleKsuitePage(ex: Exchange, auth: AuthRegistry): Promise<void> {
  const path = ex.url.pathname;
  if (ex.req.method !== 'GET' && ex.req.method !== 'HEAD') return sendPlain(ex, 405, 'Method not allowed');
  if (path === '/') return redirect(ex, '/all/mail/0');
  if (/^\/[^/]+\/mail(\/.*)?$/.test(path)) return servePage(ex, auth, 'ksuite-shell.html', 'ksuite');
  sendPlain(ex, 404, 'Not found');
}
