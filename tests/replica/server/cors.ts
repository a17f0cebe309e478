import type { Exchange } from './exchange.ts';
import { KSUITE_ORIGIN, MAIL_ORIGIN } from './hostnames.ts';

// CORS on the mail API: the kSuite shell (and the mail host itself) may call it with credentials. Any other
// origin gets no CORS headers at all, so a browser blocks it, as it would on the real site.

const ALLOWED_ORIGINS = new Set([KSUITE_ORIGIN, MAIL_ORIGIN]);
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type';
const EXPOSED_HEADERS = 'x-request-id, content-disposition';

/** Adds CORS headers for allowed origins; answers a preflight and returns true when the request was one. */
export function applyCors(ex: Exchange): boolean {
  ex.res.setHeader('Vary', 'Origin');
  const origin = ex.req.headers.origin;
  const allowed = typeof origin === 'string' && ALLOWED_ORIGINS.has(origin);
  if (allowed) {
    ex.res.setHeader('Access-Control-Allow-Origin', origin);
    ex.res.setHeader('Access-Control-Allow-Credentials', 'true');
    ex.res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  const isPreflight = ex.req.method === 'OPTIONS' && ex.req.headers['access-control-request-method'] !== undefined;
  if (!isPreflight) return false;
  if (allowed) {
    ex.res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    ex.res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    ex.res.setHeader('Access-Control-Max-Age', '600');
  }
  ex.res.writeHead(204, { 'Content-Length': 0 });
  ex.res.end();
  return true;
}
