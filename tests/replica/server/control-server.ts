import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ControlError, type ReplicaControl } from './control.ts';
import { readRequestBody } from './exchange.ts';
import { hostnameOf, isReplicaHost } from './hostnames.ts';

// The control interface over plain HTTP on 127.0.0.1, for harnesses outside the test process (a browser
// test driver, a shell). Same operations as ReplicaControl, JSON in and out.

type Handler = (control: ReplicaControl, body: Record<string, unknown>) => unknown;

const ROUTES: Record<string, Handler> = {
  'GET /': () => ({ operations: Object.keys(ROUTES) }),
  'POST /deliver': (control, body) => control.deliver(body),
  'POST /add-messages': (control, body) =>
    control.addMessages({
      mailbox: optionalString(body.mailbox),
      folder: optionalString(body.folder),
      count: Number(body.count ?? 1),
    }),
  'POST /delete-messages': (control, body) =>
    control.deleteMessages({
      mailbox: optionalString(body.mailbox),
      folder: optionalString(body.folder),
      uids: Array.isArray(body.uids) ? body.uids.map(Number) : undefined,
      count: body.count === undefined ? undefined : Number(body.count),
    }),
  'POST /rate-limit': (control, body) => (
    control.rateLimit({
      perSecond: Number(body.perSecond ?? 0),
      retryAfter: body.retryAfter === undefined ? undefined : Number(body.retryAfter),
      path: optionalString(body.path),
    }),
    { ok: true }
  ),
  'POST /expire-session-after': (control, body) => (
    control.expireSessionAfter({
      requests: Number(body.requests),
      tokens: body.tokens === true,
      answer: body.answer === undefined ? undefined : (body.answer as 'status' | 'redirect'),
      path: optionalString(body.path),
    }),
    { ok: true }
  ),
  'POST /restore-tokens': (control) => (control.restoreTokens(), { ok: true }),
  'POST /expire-session': (control, body) => (
    control.expireSession({
      tokens: body.tokens === true,
      answer: body.answer === undefined ? undefined : (body.answer as 'status' | 'redirect'),
    }),
    { ok: true }
  ),
  'POST /latency': (control, body) => (control.setLatency(Number(body.ms)), { ok: true }),
  'POST /fail': (control, body) => (
    control.failNext({
      count: Number(body.count ?? 1),
      status: Number(body.status),
      path: typeof body.path === 'string' ? body.path : undefined,
      retryAfter: body.retryAfter === undefined ? undefined : Number(body.retryAfter),
    }),
    { ok: true }
  ),
  'POST /truncate': (control, body) => (
    control.truncateNext({
      count: Number(body.count ?? 1),
      bytes: Number(body.bytes),
      mode: body.mode as 'cut' | 'short',
      path: pathsOf(body.path),
    }),
    { ok: true }
  ),
  'POST /archive-drop': (control, body) => (control.dropFromArchives(Number(body.count ?? 1)), { ok: true }),
  'POST /html-download': (control, body) => (
    control.answerDownloadsWithHtml(Number(body.count ?? 1), pathsOf(body.path)),
    { ok: true }
  ),
  'POST /reset': (control) => (control.reset(), { ok: true }),
  'POST /session-cookie': (control, body) =>
    control.issueSessionCookie(typeof body.account === 'string' ? body.account : undefined),
  'GET /accounts': (control) => control.accounts(),
  'GET /requests': (control) => control.requestLog(),
  'DELETE /requests': (control) => (control.clearRequestLog(), { ok: true }),
};

export async function startControlServer(
  control: ReplicaControl,
  port: number,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => void answer(control, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${actual}`, server };
}

async function answer(control: ReplicaControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: unknown) => {
    const payload = Buffer.from(JSON.stringify(body ?? null));
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': payload.length });
    res.end(payload);
  };
  // Refuse the Infomaniak names outright, so a mapped browser can never reach these levers.
  if (isReplicaHost(hostnameOf(req.headers.host))) return send(404, { error: 'not here' });
  const path = new URL(req.url ?? '/', 'http://control').pathname.replace(/(.)\/+$/, '$1');
  const handler = ROUTES[`${req.method} ${path}`];
  if (!handler) return send(404, { error: `unknown operation ${req.method} ${path}`, operations: Object.keys(ROUTES) });
  try {
    const text = (await readRequestBody(req)).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    send(200, handler(control, body ?? {}));
  } catch (error) {
    const status = error instanceof ControlError || error instanceof SyntaxError ? 400 : 500;
    send(status, { error: error instanceof Error ? error.message : String(error) });
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A path filter as JSON gives it: one string, or a list of strings. */
function pathsOf(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}
