import type { browser } from '@wxt-dev/browser';

declare global {
  /** The extension API, as seen inside `serviceWorker.evaluate` and extension pages' `page.evaluate` callbacks. */
  const chrome: typeof browser & {
    contextMenus: { onClicked: { dispatch(...args: unknown[]): void } };
  };
}
