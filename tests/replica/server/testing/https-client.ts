import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

// A tiny client for the replica tests: connects to 127.0.0.1:port but speaks to the Infomaniak name (SNI and
// Host), verifying the replica's certificate against its own PEM, as a browser with the SPKI pin would.

export interface ReplicaTarget {
  port: number;
  certPem: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** JSON body; sets Content-Type. */
  json?: unknown;
}

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the declared Content-Length arrived. */
  complete: boolean;
  json<T = unknown>(): T;
}

export function call(target: ReplicaTarget, url: string, options: CallOptions = {}): Promise<CallResult> {
  const parsed = new URL(url);
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const headers: Record<string, string> = {
    Host: parsed.hostname,
    ...(options.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        servername: parsed.hostname,
        ca: target.certPem,
        method: options.method ?? 'GET',
        path: parsed.pathname + parsed.search,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        let settled = false;
        const finish = () => {
          if (settled) return;
          settled = true;
          const data = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: data,
            complete: res.complete,
            json: () => JSON.parse(data.toString('utf8')),
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON call to the control HTTP server. */
export function controlCall<T = unknown>(
  controlUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T }> {
  const url = new URL(path, controlUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
