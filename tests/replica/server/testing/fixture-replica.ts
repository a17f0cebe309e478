import type { ErrorEnvelope, SuccessEnvelope } from '../api-json.ts';
import { launchReplica, type Replica } from '../replica-server.ts';
import { call, type CallOptions, type CallResult } from './https-client.ts';
import { fixtureCorpus } from './fixture-corpus.ts';

// Starts a replica on the fixture corpus with short helpers for the three hosts.

export interface FixtureReplica {
  replica: Replica;
  /** API call with the demo Bearer token unless headers say otherwise. */
  api(path: string, options?: CallOptions): Promise<CallResult>;
  /** The `data` of a successful API call; throws on anything else. */
  data<T>(path: string, options?: CallOptions): Promise<T>;
  /** The error code of a failed API call; throws on success. */
  errorCode(path: string, options?: CallOptions): Promise<string>;
  mail(path: string, options?: CallOptions): Promise<CallResult>;
  ksuite(path: string, options?: CallOptions): Promise<CallResult>;
  login(path: string, options?: CallOptions): Promise<CallResult>;
  /** Cookie header value for a fresh session. */
  sessionCookie(): string;
}

export async function startFixtureReplica(): Promise<FixtureReplica> {
  const replica = await launchReplica({ corpus: fixtureCorpus() });
  const at = (origin: string) => (path: string, options?: CallOptions) => call(replica, `${origin}${path}`, options);
  const api = (path: string, options: CallOptions = {}) =>
    call(replica, `${replica.origins.mail}${path}`, {
      ...options,
      headers: { Authorization: `Bearer ${replica.demo.token}`, ...options.headers },
    });
  return {
    replica,
    api,
    async data<T>(path: string, options?: CallOptions) {
      const res = await api(path, options);
      const body = res.json<SuccessEnvelope<T> | ErrorEnvelope>();
      if (body.result !== 'success') throw new Error(`${path}: ${res.status} ${body.error.code}`);
      return body.data;
    },
    async errorCode(path, options) {
      const body = (await api(path, options)).json<SuccessEnvelope<unknown> | ErrorEnvelope>();
      if (body.result !== 'error') throw new Error(`${path} succeeded`);
      return body.error.code;
    },
    mail: at(replica.origins.mail),
    ksuite: at(replica.origins.ksuite),
    login: at(replica.origins.login),
    sessionCookie: () => {
      const cookie = replica.control.issueSessionCookie();
      return `${cookie.name}=${cookie.value}`;
    },
  };
}
