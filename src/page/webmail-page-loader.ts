import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import { readFrameHealth, type FrameHealth } from '../ksuite/page-health';
import { reporterOfPresence } from '../alerts/in-page';
import { isOwnNode } from './dom-watcher';
import { loadLazyScript } from './lazy-script';
import { perFrame } from '../ui/per-frame';
import { answerPageRequest, type MessageActions } from './page-requests';
import { isPageRequest } from './page-messages';
import { isExpectSaveMessage } from './save-ticket-messages';
import { isShellTopFrame, startSavingForMailFrames } from './save-through-shell';
import { WEBMAIL_PAGE_SCRIPT, type WebmailPageModule } from './webmail-page-script';

/**
 * What the content script wakes at the page's first sign of need (content-script-at-load.ts): it decides when the
 * page features (toolbars, selection bar, zip, header analysis) load, and answers the popup, the right-click menu and
 * the background. A script of its own, imported only then: a webmail page nobody touches never compiles it.
 *
 * The features load the first time there is something for them: an opened message (or a message URL), selected rows,
 * or a request from the popup or the right-click menu. Until then it looks at the page only after the user's input,
 * so loading or scrolling a long message list costs nothing.
 */
export interface WebmailPageLoader {
  /** A click or a key in the page. */
  input(): void;
  /** The pointer over the page. */
  pointer(): void;
  /** The page's own navigation (its router, a link, the back button). */
  navigation(): void;
  /**
   * A runtime message the content script took on for this frame: its answer, or `undefined` when the frame has
   * nothing to answer after all (see content-script-at-load.ts).
   */
  answer(message: unknown, contextTarget: EventTarget | null): Promise<unknown> | undefined;
  /** What this frame sees of itself, for the popup (src/ksuite/page-health.ts). */
  health(): FrameHealth;
}

export function startWebmailPageLoader(
  doc: Document,
  signal: AbortSignal,
  /** Removes the content script's input listeners: called once the page features watch the page themselves. */
  stopInputs: () => void,
): WebmailPageLoader {
  const reportUserPresent = reporterOfPresence(signal);
  const expectSave = isShellTopFrame() ? startSavingForMailFrames(signal) : null;
  let page: Promise<MessageActions> | null = null;
  const listening = new AbortController();
  signal.addEventListener('abort', () => listening.abort(), { once: true });
  listening.signal.addEventListener('abort', stopInputs, { once: true });

  const load = (): Promise<MessageActions> => {
    if (!page) {
      reportUserPresent();
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
    const href = doc.URL;
    if (href === checkedHref) return false;
    checkedHref = href;
    return messageRefFromUrl(href) !== null;
  };
  const check = (look: Look) => {
    if (!page && !listening.signal.aborted && pageNeedsFeatures(look)) start();
  };

  let watch: InputWatch | null = null;
  // A pointer moving over the page is a user about to act, too: should a message have appeared with nothing else
  // telling (under a URL we do not recognise, say), it gets its toolbar before the click. A look at most every half
  // second, and no watching.
  let pointerLookAt = -Infinity;
  let lookOnPointer: ReturnType<typeof perFrame<void>> | null = null;

  // Woken by a message URL, or by the first input, request or navigation: the URL is looked at once now.
  check('url');
  return {
    input() {
      reportUserPresent();
      if (listening.signal.aborted) return;
      (watch ??= watchAfterInput(doc, check, start, listening.signal)).restart();
    },
    pointer() {
      const now = performance.now();
      if (now - pointerLookAt < POINTER_LOOK_EVERY_MS) return;
      pointerLookAt = now;
      reportUserPresent();
      if (listening.signal.aborted) return;
      if (!lookOnPointer) {
        const looking = perFrame<void>(() => check('page'));
        listening.signal.addEventListener('abort', () => looking.cancel(), { once: true });
        lookOnPointer = looking;
      }
      lookOnPointer.push();
    },
    navigation: () => check('url'),
    answer(message, contextTarget) {
      if (isPageRequest(message)) return answerPageRequest(doc, message, contextTarget, load);
      if (isExpectSaveMessage(message) && expectSave) return expectSave(message);
      return undefined;
    },
    health: () => readFrameHealth(doc, window.top === window),
  };
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
