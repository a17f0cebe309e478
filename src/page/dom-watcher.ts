/** Marks the elements the extension itself inserts, so its own mutations never wake the watcher. */
export const OWN_NODE_ATTRIBUTE = 'data-ksuite-companion';

/**
 * Calls `onChange` at most once per animation frame while the page's DOM changes, and never while the page is
 * idle: there is no polling, only a MutationObserver whose callback does no DOM reads of its own.
 */
export function watchDom(root: Node, onChange: () => void, signal: AbortSignal): void {
  let scheduled = false;
  const observer = new MutationObserver((records) => {
    if (scheduled || !records.some(isForeignChange)) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) onChange();
    });
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

function isForeignChange(record: MutationRecord): boolean {
  for (const node of record.addedNodes) if (!isOwnNode(node)) return true;
  for (const node of record.removedNodes) if (!isOwnNode(node)) return true;
  return false;
}

export function isOwnNode(node: Node): boolean {
  return node instanceof Element && node.hasAttribute(OWN_NODE_ATTRIBUTE);
}
