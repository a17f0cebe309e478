import { KsuiteApiClient } from '../ksuite/api-client';
import { CurrentMailbox } from '../ksuite/current-mailbox';
import { watchDom } from '../page/dom-watcher';
import { getApiToken } from '../settings';
import { getZipPreferences } from './zip-preferences';
import { MessageSource } from './message-source';
import { startMessageToolbars, type PageServices } from './message-toolbar';
import { startPageRequests } from './page-requests';
import { startSelectionBar } from './selection-bar';

/**
 * Everything the extension does inside a webmail page (top frame or the kSuite shell's iframe). One watcher
 * drives every feature; `signal` aborts when the extension is updated or reloaded, removing all our UI.
 */
export function startWebmailPage(doc: Document, signal: AbortSignal): void {
  const api = new KsuiteApiClient({ token: getApiToken });
  const services: PageServices = {
    source: new MessageSource(api, new CurrentMailbox(api), () => doc.location.href),
    zipPreferences: getZipPreferences,
  };
  const toolbars = startMessageToolbars(doc, services, signal);
  startPageRequests(doc, toolbars, services.source, signal);
  startSelectionBar(doc, services, signal);
  const scan = () => toolbars.scan();
  scan();
  watchDom(doc.documentElement, scan, signal);
  // The theme switch changes only a class on <body>, which the childList watcher does not see.
  if (doc.body) {
    const themeObserver = new MutationObserver(scan);
    themeObserver.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
    signal.addEventListener('abort', () => themeObserver.disconnect(), { once: true });
  }
}
