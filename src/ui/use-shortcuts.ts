import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LIST_SHORTCUTS } from '../shortcuts';

/**
 * The keyboard shortcut of each message action as the browser has it bound now (the user may have changed or
 * cleared one): `{ zip: 'Alt+Shift+D' }`, empty until the background answered. Asked each time a component mounts,
 * so a shortcut changed in the browser's settings shows on the next opened message.
 */
export function useShortcuts(): Readonly<Record<string, string>> {
  const [shortcuts, setShortcuts] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void browser.runtime
      .sendMessage({ type: LIST_SHORTCUTS })
      .then((answer) => live && answer && setShortcuts(answer as Record<string, string>))
      // No answer (the extension was updated since the page loaded): the tooltips just show no keys.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return shortcuts;
}
