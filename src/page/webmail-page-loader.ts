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
 *
 * At load it only listens (four listeners) and looks at the URL; everything that watches the page is made on the
 * user's first input. Each listener, closure and look made at load is paid in every tab and frame of the webmail:
 * on a 500-row list the loader's setup was most of what the script cost beyond an empty one (bench/page.bench.ts).
 */
export function startWebmailPageLoader(
  doc: Document,
  signal: AbortSignal,
  /** Called on the user's first sign of presence: a pointer over the page, a click, a key, or the features loading. */
  onUserPresent: () => void = () => undefined,
): void {
  let page: Promise<MessageActions> | null = null;
  const listening = new AbortController();
  signal.addEventListener('abort', () => listening.abort(), { once: true });

  const load = (): Promise<MessageActions> => {
    if (!page) {
      onUserPresent();
      page = loadLazyScript<WebmailPageModule>(WEBMAIL_PAGE_SCRIPT.name, WEBMAIL_PAGE_SCRIPT.file).then((module) => {
        listening.abort(); // from now on the page features watch the page themselves
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
  const pageNeedsFeatures = (look: Look): boolean => {
    if (look !== 'url' && doc.querySelector(WEBMAIL_SELECTORS.openedMessage)) return true;
    if (look === 'after-input' && doc.querySelector(WEBMAIL_SELECTORS.selectedListRow)) return true;
    // A message URL without a recognised message element: the features show their floating button.
    // `document.URL`, not `location.href`: the same string, without the `Location` object, which a content script's
    // world makes on its first look (0.1 ms in Chromium, on every page).
    const href = doc.URL;
    if (href === checkedHref) return false;
    checkedHref = href;
    // A message's URL names its thread (…/thread/123): any other URL is not taken apart, which at load is most of
    // what this look costs (a URL parsed, its path split, patterns compiled for their first use).
    return href.includes('/thread/') && messageRefFromUrl(href) !== null;
  };
  const check = (look: Look) => {
    if (!page && !listening.signal.aborted && pageNeedsFeatures(look)) start();
  };

  let watch: InputWatch | null = null;
  const onInput = () => {
    onUserPresent();
    (watch ??= watchAfterInput(doc, check, start, listening.signal)).restart();
  };
  // A pointer moving over the page is a user about to act, too: should a message have appeared with nothing else
  // telling (under a URL we do not recognise, say), it gets its toolbar before the click. A look at most every half
  // second, and no watching.
  let pointerLookAt = 0;
  let lookOnPointer: ReturnType<typeof perFrame<void>> | null = null;
  const onPointer = () => {
    const now = performance.now();
    if (now - pointerLookAt < POINTER_LOOK_EVERY_MS) return;
    pointerLookAt = now;
    onUserPresent();
    if (!lookOnPointer) {
      const looking = perFrame<void>(() => check('page'));
      listening.signal.addEventListener('abort', () => looking.cancel(), { once: true });
      lookOnPointer = looking;
    }
    lookOnPointer.push();
  };
  // Navigations the page makes by itself (its router rewrites the URL as it starts, a link, the back button): the
  // URL alone tells whether a message is shown; a message under another URL is met by the next pointer move.
  const onNavigation = () => check('url');

  const options = { capture: true, passive: true, signal: listening.signal };
  // A click or a key is what opens a message or selects rows (a `change` follows one of them; a tab coming back into
  // view is met by the next pointer move).
  doc.addEventListener('click', onInput, options);
  doc.addEventListener('keyup', onInput, options);
  // `mouseover`, not `pointerover`: the first listener for any pointer event sets the browser's pointer-event
  // handling up in the page, 0.4–1.4 ms in Chromium against 0.05 ms for a mouse event (a fresh tab, each type first,
  // 10 tabs each); a mouse, a pen and a tap all send mouse events too.
  doc.addEventListener('mouseover', onPointer, options);
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', onNavigation, { signal: listening.signal });
  else addEventListener('popstate', onNavigation, { signal: listening.signal });

  startPageRequests(doc, load, signal);
  // A message URL loads the features at once. The document is not looked at now: at document_idle the webmail is
  // still drawing its list, and the user's first pointer move looks at it anyway.
  check('url');
}

/** How much of the page a look takes in: the URL only, the document for an opened message, or selected rows too. */
type Look = 'url' | 'page' | 'after-input';

interface InputWatch {
  /** After an input: watch what is added to the page for a while, and look at the page in the next frame. */
  restart(): void;
}

/**
 * A message opens, or rows get selected, because the user did something: a click or a key. After each, DOM changes
 * are watched for a while (only what is added is looked at), and the page is looked at once more when the watch
 * ends. Made on the first input, so a page the user never touches never has it.
 */
function watchAfterInput(
  doc: Document,
  check: (look: Look) => void,
  start: () => void,
  signal: AbortSignal,
): InputWatch {
  let observer: MutationObserver | null = null;
  let watchEnd: ReturnType<typeof setTimeout> | undefined;
  const lookAfterInput = perFrame<void>(() => check('after-input'));
  const stop = () => {
    observer?.disconnect();
    observer = null;
    clearTimeout(watchEnd);
    lookAfterInput.cancel();
  };
  signal.addEventListener('abort', stop, { once: true });
  return {
    restart() {
      if (signal.aborted) return;
      if (!observer) {
        observer = new MutationObserver((records) => {
          if (records.some(addsOpenedMessage)) start();
        });
        observer.observe(doc.documentElement, { childList: true, subtree: true });
      }
      clearTimeout(watchEnd);
      watchEnd = setTimeout(() => {
        observer?.disconnect();
        observer = null;
        check('after-input');
      }, WATCH_AFTER_INPUT_MS);
      lookAfterInput.push();
    },
  };
}

const WATCH_AFTER_INPUT_MS = 10_000;
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
