/**
 * The message corpus of the local kSuite Mail replica: three mailboxes and the messages in them, built in memory
 * from the descriptions in messages/*.ts. Big attachments are generated from a seeded PRNG, so nothing large is
 * committed and every run yields the same bytes.
 */

import { assembleCorpus } from './assemble.ts';
import type { CorpusMessage } from './types.ts';

export type {
  CorpusExpectations,
  CorpusFolder,
  CorpusMailbox,
  CorpusMessage,
  ExpectedAttachment,
  ExpectedContainer,
  ExpectedInnerFile,
  FolderRole,
} from './types.ts';
export { CORPUS_MAILBOXES, folderPaths } from './mailboxes.ts';
export { BEAT, BOOKKEEPING, SECOND_ACCOUNT_MAILBOXES, secondAccountMessages } from './second-account.ts';
export { buildDeliveryMessage, type DeliveryOptions } from './delivery.ts';

let corpus: CorpusMessage[] | undefined;

/**
 * All corpus messages. Memoised: every call returns the same array (and the same byte arrays), so callers that
 * change flags or bytes must copy first.
 */
export function buildCorpus(): CorpusMessage[] {
  corpus ??= assembleCorpus();
  return corpus;
}
