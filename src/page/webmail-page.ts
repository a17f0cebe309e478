import { KsuiteApiClient } from '../ksuite/api-client';
import { CurrentMailbox } from '../ksuite/current-mailbox';
import { watchDom } from './dom-watcher';
import { getApiToken } from '../settings';
import { getZipPreferences } from '../features/shared/zip-preferences';
import { MessageSource } from '../ksuite/message-source';
import { startMessageToolbars, type PageServices } from './message-toolbars';
import type { MessageActions } from './page-requests';
import { startSelectionBar } from './selection-bar';

/**
 * Everything the extension shows inside a webmail page (top frame or the kSuite shell's iframe), once the page has
 * something to act on (see webmail-page-loader.ts). One watcher drives every feature; `signal` aborts when the
 * extension is updated or reloaded, removing all our UI.
 */
export function startWebmailPage(doc: Document, signal: AbortSignal): MessageActions {
  const api = new KsuiteApiClient({ token: getApiToken });
  const services: PageServices = {
    source: new MessageSource(api, new CurrentMailbox(api), () => doc.location.href),
    zipPreferences: getZipPreferences,
  };
  const toolbars = startMessageToolbars(doc, services, signal);
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
  return {
    run(target, action) {
      const runner = toolbars.runnerFor(target.uid);
      if (runner) runner(action);
      else toolbars.runDetached(target, action);
    },
    async describe(message) {
      const details = await services.source.details(message).catch(() => null);
      return { uid: message.uid, subject: details?.subject ?? null };
    },
  };
}
