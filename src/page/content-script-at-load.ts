import { browser, type Browser } from 'wxt/browser';
import { OPENED_MESSAGE_SELECTOR } from '../ksuite/selectors';
import { urlMayNameMessage } from '../ksuite/webmail-urls';
import { answerRuntimeMessages } from '../runtime-messages';
import { loadLazyScript } from './lazy-script';
import { isPageRequest, PAGE_HEALTH_PORT } from './page-messages';
import { isExpectSaveMessage } from './save-ticket-messages';
import { isShellTopFrame } from './save-through-shell';
import { WEBMAIL_LOADER_SCRIPT, type WebmailLoaderModule } from './webmail-loader-script';
import type { WebmailPageLoader } from './webmail-page-loader';

/**
 * What the webmail content script does at load, in every tab and frame of the webmail: it listens, and nothing
 * more. The page's first sign of need (a click, a key, the pointer over the page, a message URL, a request from the
 * popup, the right-click menu or the background) imports the page loader (webmail-page-loader.ts, a script of its
 * own), which decides from then on, and is handed that first sign.
 *
 * Why so little: this code is compiled in every webmail tab and frame as it loads, touched or not, and the browser
 * parses all of it then (WXT wraps it in a function that runs at once). Measured against an empty content script on
 * a 500-row list, each KB here cost about a tenth of that script's own time, and the listeners themselves next to
 * nothing (README, "Benchmarks").
 */
export function listenAtLoad(doc: Document, signal: AbortSignal): void {
  // The page's input: listened to until the page features watch the page themselves (the loader says when).
  const inputs = new AbortController();
  signal.addEventListener('abort', () => inputs.abort(), { once: true });
  let loader: WebmailPageLoader | null = null;
  let loading: Promise<WebmailPageLoader> | null = null;
  const wake = (): Promise<WebmailPageLoader> =>
    (loading ??= loadLazyScript<WebmailLoaderModule>(WEBMAIL_LOADER_SCRIPT.name, WEBMAIL_LOADER_SCRIPT.file).then(
      (module) => (loader = module.startWebmailPageLoader(doc, signal, () => inputs.abort())),
      (error: unknown) => {
        console.error('kSuite Mail companion: the page loader did not load', error);
        loading = null; // the next sign of need tries again
        throw error;
      },
    ));
  const toLoader = (use: (loader: WebmailPageLoader) => void) => {
    if (loader) use(loader);
    else wake().then(use, () => undefined);
  };
  // A quick look at the URL; the loader takes it apart.
  const urlMayShowMessage = () => urlMayNameMessage(doc.URL);

  const options = { capture: true, passive: true, signal: inputs.signal };
  // A click or a key is what opens a message or selects rows (a `change` follows one of them).
  doc.addEventListener('click', () => toLoader((awake) => awake.input()), options);
  doc.addEventListener('keyup', () => toLoader((awake) => awake.input()), options);
  // `mouseover`, not `pointerover`: the first listener for any pointer event sets the browser's pointer-event
  // handling up in the page, 0.4–1.4 ms in Chromium against 0.05 ms for a mouse event (a fresh tab, each type first,
  // 10 tabs each); a mouse, a pen and a tap all send mouse events too.
  doc.addEventListener('mouseover', () => toLoader((awake) => awake.pointer()), options);
  // Navigations the page makes by itself (its router rewrites the URL as it starts, a link, the back button) wake the
  // loader only for a URL that may name a message.
  const onNavigation = () => {
    if (loader || urlMayShowMessage()) toLoader((awake) => awake.navigation());
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', onNavigation, { signal: inputs.signal });
  else addEventListener('popstate', onNavigation, { signal: inputs.signal });

  // What the right-click menu's actions apply to; which message that is, the loader works out when asked.
  let contextTarget: EventTarget | null = null;
  const onContextMenu = (event: MouseEvent) => (contextTarget = event.target);
  doc.addEventListener('contextmenu', onContextMenu, { capture: true, passive: true, signal });

  // A request sent to the whole tab gets one answer, from the frame that has what it asks for, so a frame takes a
  // request on only where it may: a page request where a message is opened, named by the URL or right-clicked; the
  // shell's saving in the shell. Decided here from the DOM and the URL, the loader answers; where it then finds no
  // message after all (markup or a URL it cannot read), its answer is empty, which its sender reads as "no frame
  // could": should another frame of the tab have the message, its answer may come second.
  const mayAnswer = (message: unknown): boolean => {
    if (isPageRequest(message)) {
      const rightClicked = message.type === 'run-message-action' && message.target === 'context' && !!contextTarget;
      return rightClicked || urlMayShowMessage() || doc.querySelector(OPENED_MESSAGE_SELECTOR) !== null;
    }
    return isExpectSaveMessage(message) && isShellTopFrame();
  };
  answerRuntimeMessages((message) => {
    if (!mayAnswer(message)) return undefined;
    return wake().then((awake) => awake.answer(message, contextTarget));
  }, signal);

  // The popup asks every frame how it sees its page; each answers from its DOM as it is then.
  const onConnect = (port: Browser.runtime.Port) => {
    if (signal.aborted || port.name !== PAGE_HEALTH_PORT) return;
    toLoader((awake) => {
      try {
        port.postMessage(awake.health());
      } catch {
        // The popup closed meanwhile.
      }
    });
  };
  browser.runtime.onConnect.addListener(onConnect);
  signal.addEventListener('abort', () => browser.runtime.onConnect.removeListener(onConnect), { once: true });

  // A message URL wakes the loader at once. The document is not looked at now: at document_idle the webmail is still
  // drawing its list, and the user's first pointer move looks at it anyway.
  if (urlMayShowMessage()) toLoader(() => undefined);
}
