import { MESSAGE_UID_CLASS_PREFIX, WEBMAIL_SELECTORS } from './selectors';

/** A message as the webmail API names it: `uid` is `"{shortUid}@{folderId}"`. */
export interface MessageRef {
  uid: string;
  shortUid: string;
  folderId: string;
}

export interface OpenedMessage extends MessageRef {
  element: HTMLElement;
  footer: HTMLElement | null;
}

/** Reads `{shortUid}@{folderId}` out of the `mail-…` class of an opened message. */
export function messageRefFromElement(element: Element): MessageRef | null {
  for (const token of element.classList) {
    if (!token.startsWith(MESSAGE_UID_CLASS_PREFIX)) continue;
    const ref = parseMessageUid(token.slice(MESSAGE_UID_CLASS_PREFIX.length));
    if (ref) return ref;
  }
  return null;
}

export function parseMessageUid(uid: string): MessageRef | null {
  const at = uid.indexOf('@');
  if (at <= 0 || at === uid.length - 1) return null;
  const shortUid = uid.slice(0, at);
  if (!/^\d+$/.test(shortUid)) return null;
  return { uid, shortUid, folderId: uid.slice(at + 1) };
}

export function findOpenedMessages(root: ParentNode): OpenedMessage[] {
  const found: OpenedMessage[] = [];
  for (const element of root.querySelectorAll<HTMLElement>(WEBMAIL_SELECTORS.openedMessage)) {
    const ref = messageRefFromElement(element);
    if (!ref) continue;
    const footer = element.querySelector<HTMLElement>(WEBMAIL_SELECTORS.openedMessageFooter);
    found.push({ ...ref, element, footer });
  }
  return found;
}

export function isDarkTheme(doc: Document): boolean {
  return doc.body?.matches(WEBMAIL_SELECTORS.darkThemeBody) ?? false;
}

/** The pane of the message list that holds the selected rows (else the page's first), or null if there is none. */
export function findMessageListPane(doc: Document): HTMLElement | null {
  const selectedRow = doc.querySelector(WEBMAIL_SELECTORS.selectedListRow);
  return (
    selectedRow?.closest<HTMLElement>(WEBMAIL_SELECTORS.messageListPane) ??
    doc.querySelector<HTMLElement>(WEBMAIL_SELECTORS.messageListPane)
  );
}

/** The messages whose rows are selected in the message list, in list order. */
export function findSelectedMessages(root: ParentNode): MessageRef[] {
  const refs: MessageRef[] = [];
  for (const row of root.querySelectorAll<HTMLElement>(WEBMAIL_SELECTORS.selectedListRow)) {
    const ref = row.dataset.threadUid ? parseMessageUid(row.dataset.threadUid) : null;
    if (ref && !refs.some((r) => r.uid === ref.uid)) refs.push(ref);
  }
  return refs;
}
