/**
 * Messages between the extension's pages/background and the webmail content script. The content script answers
 * only in the frame that has what is asked for, so a message sent to a whole tab gets one answer.
 */
export type PageRequest =
  | { type: 'describe-opened-message' }
  /** `context`: the message under the last right-click, else the opened one; `opened`: the opened one. */
  | { type: 'run-message-action'; action: string; target: 'context' | 'opened' };

export interface OpenedMessageDescription {
  uid: string;
  subject: string | null;
  /** The actions for one message, as the page offers them (translated there): the popup shows exactly these. */
  actions: { id: string; label: string; tooltip: string }[];
}

/**
 * The popup's question "does the extension recognise this page?", as a port opened to the whole tab
 * (`tabs.connect` without a frame id): every frame's content script answers on it with its own FrameHealth
 * (src/ksuite/page-health.ts), so the kSuite shell and the mail app in its frame are both heard.
 */
export const PAGE_HEALTH_PORT = 'ksuite-companion-page-health';

export function isPageRequest(value: unknown): value is PageRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'describe-opened-message' || type === 'run-message-action';
}
