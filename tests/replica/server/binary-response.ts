import type { Exchange } from './exchange.ts';
import type { FaultPlan } from './faults.ts';

// Byte downloads (raw message, attachment, archive). The truncation fault lives here: "cut" promises the full
// Content-Length and drops the connection after K bytes (a network failure mid-download); "short" honestly
// declares and sends K bytes (a server that produced a wrong file, or a proxy that cut it "cleanly"). So does the
// foreign-page fault: an HTML page with status 200 in place of the bytes.

export function sendDownload(ex: Exchange, faults: FaultPlan, body: Buffer, headers: Record<string, string>): void {
  const res = ex.res;
  if (faults.takeHtmlAnswer(ex.url.pathname)) {
    sendForeignPage(ex);
    return;
  }
  const truncation = faults.takeTruncation(ex.url.pathname);
  if (!truncation || truncation.bytes >= body.length) {
    res.writeHead(200, { ...headers, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    ex.bytesSent += body.length;
    res.end(body);
    return;
  }
  const part = body.subarray(0, truncation.bytes);
  if (truncation.mode === 'short') {
    res.writeHead(200, { ...headers, 'Content-Length': part.length, 'Cache-Control': 'no-store' });
    ex.bytesSent += part.length;
    res.end(part);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  ex.bytesSent += part.length;
  res.write(part, () => res.destroy());
}

/**
 * A download made of pieces, written as the client takes them (back-pressure), so memory holds a piece or two
 * however big the message. The same faults as sendDownload: the HTML page, and truncation after `bytes`.
 */
export async function streamDownload(
  ex: Exchange,
  faults: FaultPlan,
  size: number,
  chunks: Iterable<Uint8Array>,
  headers: Record<string, string>,
): Promise<void> {
  const res = ex.res;
  if (faults.takeHtmlAnswer(ex.url.pathname)) {
    sendForeignPage(ex);
    return;
  }
  const truncation = faults.takeTruncation(ex.url.pathname);
  const cutAt = truncation && truncation.bytes < size ? truncation.bytes : size;
  const declared = truncation?.mode === 'short' ? cutAt : size;
  res.writeHead(200, { ...headers, 'Content-Length': declared, 'Cache-Control': 'no-store' });
  if (ex.req.method === 'HEAD') {
    res.end();
    return;
  }
  let sent = 0;
  for (const chunk of chunks) {
    if (sent >= cutAt || res.destroyed) break;
    const piece = chunk.byteLength > cutAt - sent ? chunk.subarray(0, cutAt - sent) : chunk;
    sent += piece.byteLength;
    ex.bytesSent += piece.byteLength;
    if (sent === cutAt && cutAt < declared) {
      // "cut": what was sent reaches the client, then the connection ends as a network failure would end it,
      // short of the promised Content-Length.
      await new Promise<void>((resolve) => res.write(piece, () => resolve()));
      res.destroy();
      return;
    }
    if (!res.write(piece)) await drained(res);
  }
  if (res.destroyed) return;
  if (cutAt < declared) res.destroy();
  else res.end();
}

/** Resolves when the response can take more, or is gone (a client that hung up must not leave us waiting). */
function drained(res: Exchange['res']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * What a download can get instead of its bytes when something in front of the API answers for it, e.g. after a
 * session expiry: status 200 and an HTML page (the real page and its wording are not known; this one is made up).
 */
export const FOREIGN_PAGE = Buffer.from(
  [
    '<!DOCTYPE html>',
    '<html lang="de">',
    '<head><meta charset="utf-8"><title>Infomaniak – Anmelden</title></head>',
    '<body><form method="post" action="https://login.infomaniak.com/login"><p>Bitte melden Sie sich an.</p></form></body>',
    '</html>',
    '',
  ].join('\n'),
);

function sendForeignPage(ex: Exchange): void {
  ex.res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': FOREIGN_PAGE.length,
    'Cache-Control': 'no-store',
  });
  ex.bytesSent += FOREIGN_PAGE.length;
  ex.res.end(FOREIGN_PAGE);
}
