import { request } from 'node:https';
import { Readable } from 'node:stream';

/**
 * A `fetch` for node tests that sends requests for the Infomaniak hosts to the replica, the way Chromium's
 * --host-resolver-rules does in the browser tests: same URLs, same Host and SNI, only the address differs.
 * `cookie` plays the browser's cookie jar for `credentials: 'include'`.
 */
export function replicaFetch(port: number, options: { cookie?: string } = {}): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
      if (options.cookie && init.credentials === 'include') headers.Cookie = options.cookie;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          servername: url.hostname,
          path: url.pathname + url.search,
          method: init.method ?? 'GET',
          headers: { ...headers, Host: url.hostname },
          rejectUnauthorized: false,
        },
        (res) => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const nullBody = res.statusCode === 204 || res.statusCode === 304 || init.method === 'HEAD';
          resolve(
            new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status: res.statusCode,
              headers: responseHeaders,
            }),
          );
        },
      );
      req.on('error', reject);
      const signal = init.signal;
      if (signal) {
        const onAbort = () => req.destroy(signal.reason as Error);
        signal.addEventListener('abort', onAbort, { once: true });
        // One signal may serve thousands of requests (a backup run): let go of it once this one is over.
        const release = () => signal.removeEventListener('abort', onAbort);
        req.on('error', release);
        req.on('response', (res) => res.on('close', release));
      }
      if (init.body) req.write(init.body as string);
      req.end();
    });
}
