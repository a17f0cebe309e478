import { render } from 'preact';
import type { ActionServices, MessageAction } from '../features/action';
import { t } from '../i18n';
import { WEBMAIL_SELECTORS } from '../ksuite/selectors';
import { messageRefFromUrl } from '../ksuite/webmail-urls';
import { findOpenedMessages, isDarkTheme, type MessageRef, type OpenedMessage } from '../ksuite/webmail-dom';
import { BrandMark } from '../ui/brand-mark';
import floatingCss from '../ui/floating-toolbar.css?inline';
import { headerReportCss } from '../ui/header-report';
import launcherCss from '../ui/launcher.css?inline';
import { ToolbarForMessage, type ToolbarRunner } from '../ui/message-toolbar';
import toolbarCss from '../ui/message-toolbar.css?inline';
import { createShadowHost, type ShadowHost } from './shadow-host';

/**
 * Puts a toolbar on every opened message. Handled messages are remembered (a Map keyed by the message element),
 * so a DOM change costs one querySelectorAll and nothing else; toolbars of messages the webmail has removed
 * (navigation) are dropped, and everything goes when the extension context is invalidated.
 */
export function startMessageToolbars(
  doc: Document,
  actions: readonly MessageAction[],
  services: ActionServices,
  signal: AbortSignal,
) {
  const mounted = new Map<HTMLElement, { shadow: ShadowHost; uid: string }>();
  const runners = new Map<string, ToolbarRunner>();

  const mount = (message: OpenedMessage, underThreadToolbar: boolean): ShadowHost => {
    const shadow = createShadowHost('toolbar', toolbarCss + headerReportCss);
    shadow.host.dataset.messageUid = message.uid;
    placeToolbar(doc, shadow.host, message, underThreadToolbar);
    const register = (runner: ToolbarRunner | null) =>
      runner ? runners.set(message.uid, runner) : runners.delete(message.uid);
    render(
      <ToolbarForMessage message={message} actions={actions} services={services} register={register} />,
      shadow.root,
    );
    return shadow;
  };

  const scan = () => {
    if (signal.aborted) return;
    const theme = isDarkTheme(doc) ? 'dark' : 'light';
    for (const [element, entry] of mounted) {
      // The webmail may redraw the thread toolbar a toolbar sits under: it is put back on this scan.
      if (!element.isConnected || !entry.shadow.host.isConnected) {
        unmount(entry.shadow);
        mounted.delete(element);
      }
    }
    const opened = findOpenedMessages(doc);
    const newestWithoutFooter = opened.findLast((message) => !message.footer);
    for (const message of opened) {
      const known = mounted.get(message.element);
      // A footer drawn after the toolbar was placed: the toolbar moves just above it.
      if (known && message.footer && known.shadow.host.nextElementSibling !== message.footer) {
        delete known.shadow.host.dataset.placement;
        message.footer.before(known.shadow.host);
      }
      const entry = known ?? { shadow: mount(message, message === newestWithoutFooter), uid: message.uid };
      mounted.set(message.element, entry);
      entry.shadow.host.dataset.theme = theme;
    }
    // The URL says a message is open but the page has no element we recognise (the webmail's markup changed):
    // a floating button keeps the actions reachable.
    const orphan = opened.length === 0 ? messageRefFromUrl(doc.location.href) : null;
    if (orphan?.uid !== launcherUid) showLauncher(orphan);
  };

  let launcher: ShadowHost | null = null;
  let launcherUid: string | undefined;
  const showLauncher = (message: MessageRef | null) => {
    if (launcher) unmount(launcher);
    launcher = null;
    launcherUid = message?.uid;
    if (!message) return;
    launcher = createShadowHost('launcher', toolbarCss + launcherCss);
    launcher.host.dataset.messageUid = message.uid;
    launcher.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    doc.documentElement.append(launcher.host);
    render(
      <button type="button" class="launcher" title={t('extName')} onClick={() => runDetached(message)}>
        <BrandMark size={28} />
      </button>,
      launcher.root,
    );
  };

  /**
   * A message that is not opened (a list row under a right-click): its toolbar floats at the bottom of the page
   * for as long as the user keeps it, showing the same progress, errors and header report.
   */
  let floating: ShadowHost | null = null;
  const closeFloating = () => {
    if (floating) unmount(floating);
    floating = null;
  };
  const runDetached = (message: MessageRef, action?: string) => {
    closeFloating();
    const shadow = createShadowHost('floating-toolbar', toolbarCss + headerReportCss + floatingCss);
    shadow.host.dataset.messageUid = message.uid;
    shadow.host.dataset.theme = isDarkTheme(doc) ? 'dark' : 'light';
    doc.documentElement.append(shadow.host);
    floating = shadow;
    let ran = false;
    const register = (runner: ToolbarRunner | null) => {
      if (runner) runners.set(message.uid, runner);
      if (runner && action && !ran) {
        ran = true;
        queueMicrotask(() => runner(action));
      }
    };
    render(
      <div class="floating">
        <button type="button" class="close" aria-label={t('action_dismiss')} onClick={closeFloating}>
          ×
        </button>
        <ToolbarForMessage message={message} actions={actions} services={services} register={register} />
      </div>,
      shadow.root,
    );
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const { shadow } of mounted.values()) unmount(shadow);
      mounted.clear();
      closeFloating();
      showLauncher(null);
    },
    { once: true },
  );
  return { scan, runnerFor: (uid: string) => runners.get(uid), runDetached };
}

/**
 * Just above the message's footer (its reply buttons). Without a footer, the newest such message's toolbar goes
 * under the thread's toolbar, at the top of the reading pane, where the webmail's own thread actions are; any
 * other, or with no thread toolbar either, at the end of its message.
 */
function placeToolbar(doc: Document, host: HTMLElement, message: OpenedMessage, underThreadToolbar: boolean): void {
  if (message.footer) {
    message.footer.before(host);
    return;
  }
  const threadToolbarRow = underThreadToolbar
    ? doc.querySelector(WEBMAIL_SELECTORS.threadToolbar)?.parentElement
    : null;
  if (threadToolbarRow && !threadToolbarRow.contains(message.element)) {
    host.dataset.placement = 'thread-toolbar';
    threadToolbarRow.after(host);
  } else {
    message.element.append(host);
  }
}

function unmount(shadow: ShadowHost): void {
  render(null, shadow.root);
  shadow.remove();
}
