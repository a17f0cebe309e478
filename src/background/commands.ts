import { browser, type Browser } from 'wxt/browser';
import type { PageRequest } from '../page/page-messages';
import { actionForCommand, isListShortcutsRequest, shortcutsByAction } from '../shortcuts';

/**
 * The message actions' keyboard shortcuts (the manifest's `commands`, see src/shortcuts.ts): a command runs its
 * action on the message opened in the active tab, exactly as the popup's buttons do; the page shows its progress.
 * The listeners are added at once, as MV3 needs.
 */
export function startCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => void runCommand(command, tab));
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isListShortcutsRequest(message)) return undefined;
    return listShortcuts();
  });
}

/** Sends the command's action to the tab; a tab without an opened webmail message does not answer, and nothing runs. */
export async function runCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const action = actionForCommand(command);
  if (!action) return;
  // Chrome and Firefox hand over the active tab; an older browser does not.
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  const request: PageRequest = { type: 'run-message-action', action, target: 'opened' };
  await browser.tabs.sendMessage(tabId, request).catch(() => undefined);
}

async function listShortcuts(): Promise<Record<string, string>> {
  return browser.commands ? shortcutsByAction(await browser.commands.getAll()) : {};
}
