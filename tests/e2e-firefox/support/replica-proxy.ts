import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * How Firefox reaches the replica under the real hostnames. Chromium has `--host-resolver-rules`, which maps a
 * name to another port; Firefox's DNS overrides (`network.dns.forceResolve`, `localDomains`) map names to an
 * address only, and the replica cannot listen on 443 without privileges. So the test profile uses this HTTP
 * proxy for HTTPS: Firefox asks it to `CONNECT mail.infomaniak.com:443` and it tunnels the TLS bytes, untouched,
 * to the replica's port. Nothing else is tunnelled: any other host (Firefox's own services) gets 403 at once,
 * so the browser never waits on the network and never leaves this machine. Listens on loopback only.
 */
export interface ReplicaProxy {
  port: number;
  /** Hosts the browser asked for and was refused, for diagnosing a test that reached somewhere unexpected. */
  refused: ReadonlySet<string>;
  close(): Promise<void>;
}

export async function startReplicaProxy(options: {
  hosts: readonly string[];
  replicaPort: number;
}): Promise<ReplicaProxy> {
  const refused = new Set<string>();
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const server: Server = createServer((_request, response) => {
    // Plain-HTTP proxying is never configured; answer anything that arrives that way with a refusal.
    response.writeHead(403).end();
  });
  server.on('connection', track);
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = parseAuthority(request.url ?? '');
    if (!target || target.port !== 443 || !options.hosts.includes(target.host)) {
      refused.add(request.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(options.replicaPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        // Firefox keeps tunnels alive; close them so the server can stop.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function parseAuthority(authority: string): { host: string; port: number } | null {
  const match = /^([a-z0-9.-]+):(\d{1,5})$/i.exec(authority);
  return match ? { host: match[1]!.toLowerCase(), port: Number(match[2]) } : null;
}
