import { adversarialMessages } from './corpus/adversarial.ts';
import { CORPUS_MAILBOXES, SECOND_ACCOUNT_MAILBOXES, buildCorpus, secondAccountMessages } from './corpus/index.ts';
import type { ReplicaCorpus } from './server/corpus-contract.ts';
import { launchReplica, type Replica } from './server/replica-server.ts';

// Entry point of the local kSuite Mail replica: the HTTPS stand-in for mail/ksuite/login.infomaniak.com,
// loaded with the project's message corpus. See README.md for how browsers and tests reach it.

export type { Replica, ReplicaAccount } from './server/replica-server.ts';
export type { ReplicaControl, DeliverRequest, DeliverResult, FailRequest, TruncateRequest } from './server/control.ts';
export type { SessionCookie } from './server/auth.ts';
export type { RequestLogEntry } from './server/request-log.ts';
export { folderIdFromPath } from './server/folder-id.ts';

export interface StartReplicaOptions {
  /** HTTPS port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Control HTTP port on 127.0.0.1; 0 (default) picks a free one. */
  controlPort?: number;
  /** Another corpus than the project's, for tests that need a tiny fixed one. */
  corpus?: ReplicaCorpus;
  /**
   * Adds the hostile messages of corpus/adversarial.ts (and their ordinary twins) in a folder of their own,
   * `Adversarial`, of the primary mailbox. Off by default: they are 37 MB and cost seconds to parse when listed.
   */
  adversarial?: boolean;
}

/**
 * The demo account's mailboxes and messages, and a second account with its own (someone else's); with
 * `adversarial`, the demo account's hostile messages too.
 */
export function projectCorpus(options: { adversarial?: boolean } = {}): ReplicaCorpus {
  const messages = buildCorpus();
  return {
    mailboxes: CORPUS_MAILBOXES,
    messages: options.adversarial ? [...messages, ...adversarialMessages()] : messages,
    otherAccounts: [{ mailboxes: SECOND_ACCOUNT_MAILBOXES, messages: secondAccountMessages() }],
  };
}

export async function startReplica(opts: StartReplicaOptions = {}): Promise<Replica> {
  const corpus = opts.corpus ?? projectCorpus({ adversarial: opts.adversarial });
  return launchReplica({ corpus, port: opts.port, controlPort: opts.controlPort });
}
