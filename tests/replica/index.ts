import { adversarialMessages } from './corpus/adversarial.ts';
import { BIG_MAILBOX, BigMailboxPlan, addedMessage, bigMailbox, type BigMailboxOptions } from './corpus/big-mailbox.ts';
import { CORPUS_MAILBOXES, SECOND_ACCOUNT_MAILBOXES, buildCorpus, secondAccountMessages } from './corpus/index.ts';
import type { ReplicaCorpus } from './server/corpus-contract.ts';
import { launchReplica, type Replica } from './server/replica-server.ts';

// Entry point of the local kSuite Mail replica: the HTTPS stand-in for mail/ksuite/login.infomaniak.com,
// loaded with the project's message corpus. See README.md for how browsers and tests reach it.

export type { Replica, ReplicaAccount } from './server/replica-server.ts';
export type {
  ReplicaControl,
  DeliverRequest,
  DeliverResult,
  FailRequest,
  TruncateRequest,
  AddMessagesRequest,
  DeleteMessagesRequest,
  MessagesChanged,
  RateLimitRequest,
  ExpireSessionAfterRequest,
} from './server/control.ts';
export type { BigMailboxOptions } from './corpus/big-mailbox.ts';
export { BIG_MAILBOX, BIG_FOLDERS, BIG_YEARS } from './corpus/big-mailbox.ts';
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
  /**
   * Adds a generated mailbox to the demo account, `zentralarchiv@muster.example`: `messages` messages of about
   * `totalBytes` in all, the same for the same `seed`, made on the fly (see README.md, "The big mailbox").
   */
  bigMailbox?: BigMailboxOptions;
}

/** What a replica started with `bigMailbox` tells about it. */
export interface BigMailboxInfo {
  email: string;
  messages: number;
  seed: number;
  /** Exact sum of the messages' sizes (made once on first call: about 2 s for 30,000 messages). */
  totalBytes(): number;
  largestMessage(): number;
}

export type ReplicaWithBigMailbox = Replica & { bigMailbox?: BigMailboxInfo };

/**
 * The demo account's mailboxes and messages, and a second account with its own (someone else's); with
 * `adversarial`, the demo account's hostile messages too.
 */
export function projectCorpus(options: { adversarial?: boolean; bigMailbox?: BigMailboxPlan } = {}): ReplicaCorpus {
  const messages = buildCorpus();
  const big = options.bigMailbox;
  return {
    mailboxes: big ? [...CORPUS_MAILBOXES, bigMailbox()] : CORPUS_MAILBOXES,
    messages: options.adversarial ? [...messages, ...adversarialMessages()] : messages,
    generatedMessages: big && (() => big.messages()),
    newMessage: addedMessage,
    otherAccounts: [{ mailboxes: SECOND_ACCOUNT_MAILBOXES, messages: secondAccountMessages() }],
  };
}

export async function startReplica(opts: StartReplicaOptions = {}): Promise<ReplicaWithBigMailbox> {
  const plan = opts.bigMailbox && new BigMailboxPlan(opts.bigMailbox);
  const corpus = opts.corpus ?? projectCorpus({ adversarial: opts.adversarial, bigMailbox: plan });
  const replica = await launchReplica({ corpus, port: opts.port, controlPort: opts.controlPort });
  if (!plan) return replica;
  return {
    ...replica,
    bigMailbox: {
      email: BIG_MAILBOX,
      messages: plan.messageCount,
      seed: plan.seed,
      totalBytes: () => plan.totalBytes(),
      largestMessage: () => plan.largestMessage(),
    },
  };
}
