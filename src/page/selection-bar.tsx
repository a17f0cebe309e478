import { render } from 'preact';
import type { ActionServices, MessageAction } from '../features/action';
import { findMessageListPane, findSelectedMessages, isDarkTheme } from '../ksuite/webmail-dom';
import { SelectionBar } from '../ui/selection-bar';
import selectionBarCss from '../ui/selection-bar.css?inline';
import toolbarCss from '../ui/message-toolbar.css?inline';
import { createShadowHost, type ShadowHost } from './shadow-host';

/**
 * With several rows of the message list selected, a bar at the foot of the list's pane offers the bulk exports.
 * It takes its place in the pane rather than floating over it: it covers no row (the last one can still be scrolled
 * to), keeps the list's width whatever it says, and stays off the folders. On a page without a pane it floats at the
 * bottom, at one fixed width. Selection changes come from the user's clicks and keys, so those events (not a DOM
 * observer) wake it.
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
    if (!shadow) shadow = createShadowHost('selection-bar', toolbarCss + selectionBarCss);
    dock(shadow.host);
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
  // Placed once, and again only if the webmail replaced its pane (the old one took the bar with it).
  const dock = (host: HTMLElement) => {
    const pane = findMessageListPane(doc);
    const parent = pane ?? doc.documentElement;
    if (host.parentElement === parent) return;
    host.dataset.placement = pane ? 'list-pane' : 'floating';
    parent.append(host);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };

  for (const type of ['click', 'keyup', 'change'] as const) {
    doc.addEventListener(type, schedule, { capture: true, passive: true, signal });
  }
  // Rows selected while this script was loading (the first selection loads it) were clicked before it listened.
  schedule();
  signal.addEventListener(
    'abort',
    () => {
      if (shadow) render(null, shadow.root);
      shadow?.remove();
    },
    { once: true },
  );
}
