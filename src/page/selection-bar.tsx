import { render } from 'preact';
import type { ActionServices, MessageAction } from '../features/action';
import { findSelectedMessages, isDarkTheme } from '../ksuite/webmail-dom';
import { SelectionBar } from '../ui/selection-bar';
import selectionBarCss from '../ui/selection-bar.css?inline';
import toolbarCss from '../ui/message-toolbar.css?inline';
import { createShadowHost, type ShadowHost } from './shadow-host';

/**
 * With several rows of the message list selected, a bar at the bottom of the page offers the bulk exports.
 * Selection changes come from the user's clicks and keys, so those events (not a DOM observer) wake it.
 */
export function startSelectionBar(
  doc: Document,
  actions: readonly MessageAction[],
  services: ActionServices,
  signal: AbortSignal,
): void {
  let shadow: ShadowHost | null = null;
  let busy = false;
  let scheduled = false;

  const update = () => {
    scheduled = false;
    if (signal.aborted) return;
    const selected = findSelectedMessages(doc);
    if (selected.length < 2 && !busy) {
      if (shadow) render(null, shadow.root);
      shadow?.remove();
      shadow = null;
      return;
    }
    if (!shadow) {
      shadow = createShadowHost('selection-bar', toolbarCss + selectionBarCss);
      doc.documentElement.append(shadow.host);
    }
    shadow.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    render(
      <SelectionBar
        selected={selected}
        actions={actions}
        services={services}
        onBusy={(value) => {
          busy = value;
          if (!value) schedule();
        }}
      />,
      shadow.root,
    );
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };

  for (const type of ['click', 'keyup', 'change'] as const) {
    doc.addEventListener(type, schedule, { capture: true, passive: true, signal });
  }
  signal.addEventListener(
    'abort',
    () => {
      if (shadow) render(null, shadow.root);
      shadow?.remove();
    },
    { once: true },
  );
}
