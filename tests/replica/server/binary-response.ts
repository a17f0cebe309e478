import type { Exchange } from './exchange.ts';
import type { FaultPlan } from './faults.ts';

// Byte downloads (raw message, attachment, archive). The truncation fault lives here: "cut" promises the full
// Content-Length and drops the connection after K bytes (a network failure mid-download); "short" honestly
// declares and sends K bytes (a server that produced a wrong file).

export function sendDownload(ex: Exchange, faults: FaultPlan, body: Buffer, headers: Record<string, string>): void {
  const truncation = faults.takeTruncation();
  const res = ex.res;
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
