import { browser, type Browser } from 'wxt/browser';
import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { readFrameHealth } from '../ksuite/page-health';
import { findOpenedMessages, messageRefFromElement, parseMessageUid, type MessageRef } from '../ksuite/webmail-dom';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import { answerRuntimeMessages } from '../runtime-messages';
import { isPageRequest, PAGE_HEALTH_PORT, type OpenedMessageDescription } from './page-messages';

/** What answers a request once the page features are loaded (see webmail-page.ts). */
export interface MessageActions {
  run(target: MessageRef, actionId: string): void;
  describe(message: MessageRef): Promise<OpenedMessageDescription>;
}

/**
 * Answers the popup and the right-click menu. The frame that has the message answers; the others stay silent
 * (returning nothing), so a request sent to the whole tab gets exactly one reply. Which frame that is, is decided
 * here from the DOM alone, so a frame without a message never loads the page features for nothing.
 */
export function startPageRequests(doc: Document, actions: () => Promise<MessageActions>, signal: AbortSignal) {
  let contextTarget: MessageRef | null = null;
  const onContextMenu = (event: MouseEvent) => {
    contextTarget = messageUnder(event.target);
  };
  doc.addEventListener('contextmenu', onContextMenu, { capture: true, signal });

  const onMessage = (request: unknown): Promise<unknown> | undefined => {
    if (!isPageRequest(request)) return undefined;
    // Without a message element we recognise, the message the URL names: the popup's actions still work then.
    const opened = findOpenedMessages(doc).at(-1) ?? messageRefFromUrl(doc.location.href);
    if (request.type === 'describe-opened-message') {
      return opened ? actions().then((page) => page.describe(opened)) : undefined;
    }
    const target = request.target === 'context' ? (contextTarget ?? opened) : opened;
    if (!target) return undefined;
    return actions().then((page) => {
      page.run(target, request.action);
      return { ok: true };
    });
  };

  answerRuntimeMessages(onMessage, signal);

  // Counted when asked, from the DOM as it is now; every frame answers for itself.
  const onConnect = (port: Browser.runtime.Port) => {
    if (signal.aborted || port.name !== PAGE_HEALTH_PORT) return;
    port.postMessage(readFrameHealth(doc, window.top === window));
  };
  browser.runtime.onConnect.addListener(onConnect);
  signal.addEventListener('abort', () => browser.runtime.onConnect.removeListener(onConnect), { once: true });
}

/** The message an element belongs to: an opened message, or a row of the message list. */
function messageUnder(target: EventTarget | null): MessageRef | null {
  if (!(target instanceof Element)) return null;
  const opened = target.closest(WEBMAIL_SELECTORS.openedMessage);
  if (opened) return messageRefFromElement(opened);
  const row = target.closest<HTMLElement>(WEBMAIL_SELECTORS.listRow);
  return row?.dataset.threadUid ? parseMessageUid(row.dataset.threadUid) : null;
}
