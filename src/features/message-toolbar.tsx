import { render } from 'preact';
import { findOpenedMessages, isDarkTheme, type OpenedMessage } from '../ksuite/webmail-dom';
import { createShadowHost, type ShadowHost } from '../page/shadow-host';
import { MessageToolbar } from '../ui/message-toolbar';
import toolbarCss from '../ui/message-toolbar.css?inline';

/**
 * Puts a toolbar on every opened message. Handled messages are remembered (a Map keyed by the message element),
 * so a DOM change costs one querySelectorAll and nothing else; toolbars of messages the webmail has removed
 * (navigation) are dropped, and everything goes when the extension context is invalidated.
 */
export function startMessageToolbars(doc: Document, signal: AbortSignal): () => void {
  const mounted = new Map<HTMLElement, ShadowHost>();

  const mount = (message: OpenedMessage): ShadowHost => {
    const shadow = createShadowHost('toolbar', toolbarCss);
    shadow.host.dataset.messageUid = message.uid;
    if (message.footer) message.footer.before(shadow.host);
    else message.element.append(shadow.host);
    render(<MessageToolbar />, shadow.root);
    return shadow;
  };

  const scan = () => {
    if (signal.aborted) return;
    const theme = isDarkTheme(doc) ? 'dark' : 'light';
    for (const [element, shadow] of mounted) {
      if (!element.isConnected) {
        unmount(shadow);
        mounted.delete(element);
      }
    }
    for (const message of findOpenedMessages(doc)) {
      const shadow = mounted.get(message.element) ?? mount(message);
      mounted.set(message.element, shadow);
      shadow.host.dataset.theme = theme;
    }
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const shadow of mounted.values()) unmount(shadow);
      mounted.clear();
    },
    { once: true },
  );
  return scan;
}

function unmount(shadow: ShadowHost): void {
  render(null, shadow.root);
  shadow.remove();
}
