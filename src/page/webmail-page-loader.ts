import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import { isOwnNode } from './dom-watcher';
import { loadLazyScript } from './lazy-script';
import { perFrame } from '../ui/per-frame';
import { startPageRequests, type MessageActions } from './page-requests';
import { WEBMAIL_PAGE_SCRIPT, type WebmailPageModule } from './webmail-page-script';

/**
 * The part of the content script that runs on every webmail page. It stays small, because it is compiled and run
 * in every tab and frame of the webmail, and does next to nothing until the user acts: loading or scrolling a long
 * message list costs it nothing, nor does an idle page. The page features (toolbars, selection bar, zip, header
 * analysis) load the first time there is something for them: an opened message (or a message URL), selected rows,
 * or a request from the popup or the right-click menu.
 */
export function startWebmailPageLoader(doc: Document, signal: AbortSignal): void {
  let page: Promise<MessageActions> | null = null;
  const watching = new AbortController();
  signal.addEventListener('abort', () => watching.abort(), { once: true });

  const load = (): Promise<MessageActions> => {
    if (!page) {
      page = loadLazyScript<WebmailPageModule>(WEBMAIL_PAGE_SCRIPT.name, WEBMAIL_PAGE_SCRIPT.file).then((module) => {
        watching.abort(); // from now on the page features watch the page themselves
        return module.startWebmailPage(doc, signal);
      });
      page.catch((error: unknown) => {
        console.error('kSuite Mail companion: the page features did not load', error);
        page = null; // the next opened message, selection or request tries again
      });
    }
    return page;
  };

  const start = () => void load().catch(() => undefined);
  let checkedHref = '';
  /**
   * Whether the page has something for the features: a whole-document look, so only now and then. Selected rows
   * come from the user's input, so only a look after input asks for them.
   */
  const pageNeedsFeatures = (afterInput: boolean): boolean => {
    if (doc.querySelector(WEBMAIL_SELECTORS.openedMessage)) return true;
    if (afterInput && doc.querySelector(WEBMAIL_SELECTORS.selectedListRow)) return true;
    // A message URL without a recognised message element: the features show their floating button.
    const href = doc.location.href;
    if (href === checkedHref) return false;
    checkedHref = href;
    return messageRefFromUrl(href) !== null;
  };
  const check = (afterInput = false) => {
    if (!page && !signal.aborted && pageNeedsFeatures(afterInput)) start();
  };

  // A message opens, or rows get selected, because the user did something: a click, a key, a navigation. After
  // each, DOM changes are watched for a while (only what is added is looked at), and the page is looked at once
  // more when the watch ends. While the page only loads or scrolls its list, nothing runs.
  let observer: MutationObserver | null = null;
  let watchEnd: ReturnType<typeof setTimeout> | undefined;
  const stopWatching = () => {
    observer?.disconnect();
    observer = null;
    clearTimeout(watchEnd);
  };
  const watchAWhile = () => {
    if (page || signal.aborted) return;
    if (!observer) {
      observer = new MutationObserver((records) => {
        if (!page && records.some(addsOpenedMessage)) start();
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    }
    clearTimeout(watchEnd);
    watchEnd = setTimeout(() => {
      stopWatching();
      check(true);
    }, WATCH_AFTER_INPUT_MS);
  };
  watching.signal.addEventListener('abort', stopWatching, { once: true });

  const lookAfterInput = perFrame<void>(() => check(true));
  const lookOnPointer = perFrame<void>(() => check());
  watching.signal.addEventListener(
    'abort',
    () => {
      lookAfterInput.cancel();
      lookOnPointer.cancel();
    },
    { once: true },
  );
  const onIntent = () => {
    watchAWhile();
    lookAfterInput.push();
  };
  for (const type of ['click', 'keyup', 'change'] as const) {
    doc.addEventListener(type, onIntent, { capture: true, passive: true, signal: watching.signal });
  }
  addEventListener('popstate', onIntent, { signal: watching.signal });
  // Coming back to the tab is a moment the user is about to act.
  doc.addEventListener('visibilitychange', onIntent, { signal: watching.signal });
  // In-page navigations the page makes itself (where the browser has the Navigation API).
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', onIntent, {
    signal: watching.signal,
  });
  // A pointer moving over the page is a user about to act, too: should a message have appeared with nothing else
  // telling, it gets its toolbar before the click. A look at most every half second, and no watching.
  let pointerLookAt = 0;
  const onPointer = () => {
    const now = performance.now();
    if (now - pointerLookAt < POINTER_LOOK_EVERY_MS) return;
    pointerLookAt = now;
    lookOnPointer.push();
  };
  doc.addEventListener('pointerover', onPointer, { capture: true, passive: true, signal: watching.signal });

  startPageRequests(doc, load, signal);
  // The webmail may still be drawing itself at document_idle: looked at now, and once more while it settles (not
  // later: an idle page is left alone, and the next click or key looks again).
  check();
  const settled = setTimeout(() => check(), SETTLING_CHECK_MS);
  watching.signal.addEventListener('abort', () => clearTimeout(settled), { once: true });
}

const WATCH_AFTER_INPUT_MS = 10_000;
const SETTLING_CHECK_MS = 1_500;
const POINTER_LOOK_EVERY_MS = 500;

function addsOpenedMessage(record: MutationRecord): boolean {
  for (const node of record.addedNodes) {
    if (!(node instanceof Element) || isOwnNode(node)) continue;
    // A row of the message list holds no opened message: the bulk of what a long list adds is passed over here.
    if (node.matches(WEBMAIL_SELECTORS.listRow)) continue;
    if (node.matches(WEBMAIL_SELECTORS.openedMessage) || node.querySelector(WEBMAIL_SELECTORS.openedMessage)) {
      return true;
    }
  }
  return false;
}
