import { watchDom } from '../page/dom-watcher';
import { startMessageToolbars } from './message-toolbar';

/**
 * Everything the extension does inside a webmail page (top frame or the kSuite shell's iframe). One watcher
 * drives every feature; `signal` aborts when the extension is updated or reloaded, removing all our UI.
 */
export function startWebmailPage(doc: Document, signal: AbortSignal): void {
  const scanners = [startMessageToolbars(doc, signal)];
  const scan = () => scanners.forEach((scanner) => scanner());
  scan();
  watchDom(doc.documentElement, scan, signal);
  // The theme switch changes only a class on <body>, which the childList watcher does not see.
  if (doc.body) {
    const themeObserver = new MutationObserver(scan);
    themeObserver.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
    signal.addEventListener('abort', () => themeObserver.disconnect(), { once: true });
  }
}
