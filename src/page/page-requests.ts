import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { findOpenedMessages, messageRefFromElement, parseMessageUid, type MessageRef } from '../ksuite/webmail-dom';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import type { OpenedMessageDescription, PageRequest } from './page-messages';

/** What answers a request once the page features are loaded (see webmail-page.ts). */
export interface MessageActions {
  run(target: MessageRef, actionId: string): void;
  describe(message: MessageRef): Promise<OpenedMessageDescription>;
}

/**
 * Answers the popup and the right-click menu in the frame that has the message: `undefined` when this frame has
 * none (another frame answers). The page features are loaded only for a message there is.
 */
export function answerPageRequest(
  doc: Document,
  request: PageRequest,
  /** What the last right-click in this frame was on. */
  contextTarget: EventTarget | null,
  actions: () => Promise<MessageActions>,
): Promise<unknown> | undefined {
  // Without a message element we recognise, the message the URL names: the popup's actions still work then.
  const opened = findOpenedMessages(doc).at(-1) ?? messageRefFromUrl(doc.URL);
  if (request.type === 'describe-opened-message') {
    return opened ? actions().then((page) => page.describe(opened)) : undefined;
  }
  const target = request.target === 'context' ? (messageUnder(contextTarget) ?? opened) : opened;
  if (!target) return undefined;
  return actions().then((page) => {
    page.run(target, request.action);
    return { ok: true };
  });
}

/** The message an element belongs to: an opened message, or a row of the message list. */
function messageUnder(target: EventTarget | null): MessageRef | null {
  if (!(target instanceof Element)) return null;
  const opened = target.closest(WEBMAIL_SELECTORS.openedMessage);
  if (opened) return messageRefFromElement(opened);
  const row = target.closest<HTMLElement>(WEBMAIL_SELECTORS.listRow);
  return row?.dataset.threadUid ? parseMessageUid(row.dataset.threadUid) : null;
}
