/** Builds every corpus message afresh. index.ts memoises this; tests call it directly to prove determinism. */

import { deceptiveSenderMessages } from './messages/deceptive-senders.ts';
import { everydayMessages } from './messages/everyday.ts';
import { headerOddityMessages } from './messages/header-oddities.ts';
import { hostileNameMessages } from './messages/hostile-names.ts';
import { internationalNameMessages } from './messages/international-names.ts';
import { largeAttachmentMessages } from './messages/large-attachments.ts';
import { malformedMessages } from './messages/malformed.ts';
import { outlookTnefMessages } from './messages/outlook-tnef.ts';
import { spamVerdictMessages } from './messages/spam-verdicts.ts';
import { structureMessages } from './messages/structure.ts';
import { traceHeaderMessages } from './messages/trace-headers.ts';
import type { CorpusMessage } from './types.ts';

export function assembleCorpus(): CorpusMessage[] {
  return [
    ...everydayMessages(),
    ...structureMessages(),
    ...internationalNameMessages(),
    ...hostileNameMessages(),
    ...outlookTnefMessages(),
    ...largeAttachmentMessages(),
    ...malformedMessages(),
    ...traceHeaderMessages(),
    ...spamVerdictMessages(),
    ...deceptiveSenderMessages(),
    ...headerOddityMessages(),
  ];
}
