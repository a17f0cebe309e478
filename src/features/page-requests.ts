import { browser } from 'wxt/browser';
import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { findOpenedMessages, messageRefFromElement, parseMessageUid, type MessageRef } from '../ksuite/webmail-dom';
import type { ToolbarAction } from '../ui/message-toolbar';
import type { MessageSource } from './message-source';
import type { ToolbarRunner } from './message-toolbar';
import { isPageRequest, type OpenedMessageDescription } from './page-messages';

interface Toolbars {
  runnerFor(uid: string): ToolbarRunner | undefined;
  runDetached(message: MessageRef, action: ToolbarAction): void;
}

/**
 * Answers the popup and the right-click menu. The frame that has the message answers; the others stay silent
 * (returning nothing), so a request sent to the whole tab gets exactly one reply.
 */
export function startPageRequests(doc: Document, toolbars: Toolbars, source: MessageSource, signal: AbortSignal) {
  let contextTarget: MessageRef | null = null;
  const onContextMenu = (event: MouseEvent) => {
    contextTarget = messageUnder(event.target);
  };
  doc.addEventListener('contextmenu', onContextMenu, { capture: true, signal });

  const onMessage = (request: unknown): Promise<unknown> | undefined => {
    if (signal.aborted || !isPageRequest(request)) return undefined;
    const opened = findOpenedMessages(doc).at(-1) ?? null;
    if (request.type === 'describe-opened-message') {
      return opened ? describe(opened, source) : undefined;
    }
    const target = request.target === 'context' ? (contextTarget ?? opened) : opened;
    if (!target) return undefined;
    run(target, request.action);
    return Promise.resolve({ ok: true });
  };

  const run = (target: MessageRef, action: ToolbarAction) => {
    const runner = toolbars.runnerFor(target.uid);
    if (runner) runner(action);
    else toolbars.runDetached(target, action);
  };

  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}

async function describe(message: MessageRef, source: MessageSource): Promise<OpenedMessageDescription> {
  const details = await source.details(message).catch(() => null);
  return { uid: message.uid, subject: details?.subject ?? null };
}

/** The message an element belongs to: an opened message, or a row of the message list. */
function messageUnder(target: EventTarget | null): MessageRef | null {
  if (!(target instanceof Element)) return null;
  const opened = target.closest(WEBMAIL_SELECTORS.openedMessage);
  if (opened) return messageRefFromElement(opened);
  const row = target.closest<HTMLElement>(WEBMAIL_SELECTORS.listRow);
  return row?.dataset.threadUid ? parseMessageUid(row.dataset.threadUid) : null;
}
