import { KsuiteApiClient } from '../ksuite/api-client';
import { CurrentMailbox } from '../ksuite/current-mailbox';
import { watchDom } from './dom-watcher';
import { t } from '../i18n';
import type { ActionServices } from '../features/action';
import { MESSAGE_ACTIONS } from '../features';
import { getUserPreferences } from '../features/shared/zip-preferences';
import { MessageSource } from '../ksuite/message-source';
import { startMessageToolbars } from './message-toolbars';
import type { MessageActions } from './page-requests';
import { startSelectionBar } from './selection-bar';

/**
 * Everything the extension shows inside a webmail page (top frame or the kSuite shell's iframe), once the page has
 * something to act on (see webmail-page-loader.ts). One watcher drives every feature; `signal` aborts when the
 * extension is updated or reloaded, removing all our UI.
 */
export function startWebmailPage(doc: Document, signal: AbortSignal): MessageActions {
  // The page's own session, never a personal token: a token may belong to another account than the one signed in
  // here, and the same folder id and uid would then fetch that account's message.
  const api = new KsuiteApiClient();
  // One per page: a message fetched for one action is not fetched again for the next.
  const services: ActionServices = {
    source: new MessageSource(api, new CurrentMailbox(api), () => doc.location.href),
    preferences: getUserPreferences,
  };
  const toolbars = startMessageToolbars(doc, MESSAGE_ACTIONS, services, signal);
  startSelectionBar(doc, MESSAGE_ACTIONS, services, signal);
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
      const actions = MESSAGE_ACTIONS.filter((action) => action.message).map((action) => ({
        id: action.id,
        label: t(action.label),
        tooltip: t(action.tooltip),
      }));
      return { uid: message.uid, subject: details?.subject ?? null, actions };
    },
  };
}
