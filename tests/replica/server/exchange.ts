import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// One request/response pair plus what the replica learns about it on the way (auth, bytes sent), and the
// helpers that write responses in the API's envelope. Every response leaves through here, so every one gets
// an x-request-id and is counted for the request log.

export type AuthKind = 'cookie' | 'bearer' | 'none';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** Host without port, lower-cased. */
  host: string;
  /** Full URL as the browser sees it (https, bare host). */
  url: URL;
  /** How the request authenticated and, when validly, for which account (its sign-in address). */
  auth: { kind: AuthKind; valid: boolean; account: string | null };
  bytesSent: number;
}

export function openExchange(req: IncomingMessage, res: ServerResponse, host: string): Exchange {
  const requestId = randomBytes(16).toString('hex');
  res.setHeader('x-request-id', requestId);
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `https://${host || 'invalid.invalid'}`);
  } catch {
    url = new URL(`https://${host || 'invalid.invalid'}/`);
  }
  return { req, res, requestId, host, url, auth: { kind: 'none', valid: false, account: null }, bytesSent: 0 };
}

export function successEnvelope(data: unknown, extra: Record<string, unknown> = {}): unknown {
  return { result: 'success', data, ...extra };
}

export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  sendBody(
    ex,
    status,
    { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    payload,
  );
}

export function sendSuccess(ex: Exchange, data: unknown, extra: Record<string, unknown> = {}): void {
  sendJson(ex, 200, successEnvelope(data, extra));
}

export function sendError(
  ex: Exchange,
  status: number,
  code: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(ex, status, { result: 'error', error: { code, description } }, headers);
}

export function sendBody(ex: Exchange, status: number, headers: Record<string, string | number>, body: Buffer): void {
  if (ex.res.headersSent) return;
  ex.res.writeHead(status, { ...headers, 'Content-Length': body.length });
  ex.bytesSent += ex.req.method === 'HEAD' ? 0 : body.length;
  ex.res.end(ex.req.method === 'HEAD' ? undefined : body);
}

export function redirect(
  ex: Exchange,
  location: string,
  status = 302,
  headers: Record<string, string | string[]> = {},
): void {
  if (ex.res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) ex.res.setHeader(name, value);
  ex.res.writeHead(status, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store' });
  ex.res.end();
}

export function sendPlain(ex: Exchange, status: number, text: string): void {
  sendBody(ex, status, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(text, 'utf8'));
}

export async function readRequestBody(req: IncomingMessage, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
