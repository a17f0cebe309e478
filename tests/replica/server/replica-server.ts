import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleApi, type ApiContext } from './api-routes.ts';
import { AuthRegistry, type ReplicaAccount } from './auth.ts';
import { createReplicaCertificate } from './certificate.ts';
import { startControlServer } from './control-server.ts';
import { createControl, type ReplicaControl } from './control.ts';
import type { ReplicaCorpus } from './corpus-contract.ts';
import { openExchange, sendPlain, type Exchange } from './exchange.ts';
import { FaultPlan } from './faults.ts';
import {
  KSUITE_HOST,
  KSUITE_ORIGIN,
  LOGIN_HOST,
  LOGIN_ORIGIN,
  MAIL_HOST,
  MAIL_ORIGIN,
  REPLICA_HOSTS,
  hostnameOf,
} from './hostnames.ts';
import { MailStore } from './mail-store.ts';
import { RequestLog } from './request-log.ts';
import { handleLogin, type DemoUser } from './sign-in.ts';
import { STATIC_PREFIX, handleKsuitePage, handleMailPage, serveStatic } from './web-pages.ts';

// Assembles the replica: one HTTPS server answering for the three Infomaniak hosts (routed by Host header),
// plus the plain-HTTP control server. Everything is in memory and ends with close().

export const DEMO_PASSWORD = 'demo';
export type { ReplicaAccount } from './auth.ts';

export interface ReplicaOptions {
  corpus: ReplicaCorpus;
  /** HTTPS port; 0 (default) picks a free one. */
  port?: number;
  /** Control port; 0 (default) picks a free one. */
  controlPort?: number;
}

export interface Replica {
  port: number;
  hosts: { mail: string; ksuite: string; login: string };
  origins: { mail: string; ksuite: string; login: string };
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  /** Value for Chromium's --ignore-certificate-errors-spki-list. */
  spkiHash: string;
  certPem: string;
  controlUrl: string;
  control: ReplicaControl;
  /** The demo account: the owner of the corpus's primary mailbox. */
  demo: ReplicaAccount;
  /** Every account, the demo account first; each sees only its own mailboxes. */
  accounts: ReplicaAccount[];
  close(): Promise<void>;
}

export async function launchReplica(options: ReplicaOptions): Promise<Replica> {
  const certificate = await createReplicaCertificate();
  let store = new MailStore(options.corpus);
  const auth = new AuthRegistry(store.accounts);
  const faults = new FaultPlan();
  const log = new RequestLog();
  const users: DemoUser[] = store.accounts.map((account) => ({
    email: store.mailboxes(account).find((mailbox) => mailbox.isPrimary)?.email ?? account,
    password: DEMO_PASSWORD,
  }));
  const accounts: ReplicaAccount[] = users.map((user) => ({ ...user, token: auth.tokenOf(user.email) }));
  const api: ApiContext = { store: () => store, auth, faults };

  const dispatch = async (ex: Exchange): Promise<void> => {
    const path = ex.url.pathname;
    if (path.startsWith(STATIC_PREFIX) && REPLICA_HOSTS.some((host) => host === ex.host)) return serveStatic(ex);
    switch (ex.host) {
      case MAIL_HOST:
        return path === '/api' || path.startsWith('/api/') ? handleApi(ex, api) : handleMailPage(ex, auth);
      case KSUITE_HOST:
        return handleKsuitePage(ex, auth);
      case LOGIN_HOST:
        return handleLogin(ex, auth, users);
      default:
        // Reached by IP or an unknown name: say how to reach it properly rather than guess a host.
        return sendPlain(ex, 421, `kSuite replica: use ${REPLICA_HOSTS.join(', ')} (see hostResolverRules)`);
    }
  };

  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
    const ex = openExchange(req, res, hostnameOf(req.headers.host));
    // Recorded for every request (assets too), so the log shows which credentials the browser sent where.
    ex.auth = auth.identify(req);
    log.watch(ex);
    dispatch(ex).catch((error: unknown) => {
      if (!res.headersSent) sendPlain(ex, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const control = createControl({
    store: () => store,
    resetStore: () => {
      store = new MailStore(options.corpus);
    },
    auth,
    faults,
    log,
    accounts,
  });
  const controlServer = await startControlServer(control, options.controlPort ?? 0);

  return {
    port,
    hosts: { mail: MAIL_HOST, ksuite: KSUITE_HOST, login: LOGIN_HOST },
    origins: { mail: MAIL_ORIGIN, ksuite: KSUITE_ORIGIN, login: LOGIN_ORIGIN },
    hostResolverRules: REPLICA_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(','),
    spkiHash: certificate.spkiHash,
    certPem: certificate.certPem,
    controlUrl: controlServer.url,
    control,
    demo: accounts[0]!,
    accounts,
    async close() {
      await Promise.all(
        [server, controlServer.server].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
