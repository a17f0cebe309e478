import { OWN_NODE_ATTRIBUTE } from './dom-watcher';

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

/**
 * A host element with its own shadow root, so the webmail's CSS cannot reach our UI and ours cannot leak into
 * the page. The root is open so that the end-to-end tests can drive it as a user would (Playwright's locators and
 * Puppeteer's `>>>` stop at a closed root). The webmail's scripts can reach inside too, which is why every control
 * in it acts only on the user's own input (src/ui/from-user.ts).
 */
export function createShadowHost(kind: string, css: string): ShadowHost {
  const host = document.createElement('ksuite-companion');
  host.setAttribute(OWN_NODE_ATTRIBUTE, kind);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root, remove: () => host.remove() };
}
