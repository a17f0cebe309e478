/**
 * Keyboard shortcuts for the message actions, through the manifest's `commands`: the browser owns the keys (the
 * user can change or clear them in its shortcut settings), the background runs the action in the webmail tab.
 *
 * No browser API here: wxt.config.ts builds the manifest from this table at build time.
 */

/**
 * The suggested key of each message action, by action id. Alt+Shift+letter: Chrome reserves most Ctrl+Shift
 * letters, Ctrl+Shift+Z is "redo" on macOS (where Ctrl means Command), and of Alt+Shift Chrome uses only A, B, I and
 * T (focus an inactive dialog, the bookmarks bar, feedback, the toolbar). Chrome accepts at most four suggested keys.
 */
export const SUGGESTED_KEYS: Readonly<Record<string, string>> = {
  zip: 'Alt+Shift+D',
  eml: 'Alt+Shift+E',
  headers: 'Alt+Shift+H',
};

const COMMAND_PREFIX = 'run-';

/** The manifest's command name for an action: `run-zip`. */
export function commandForAction(actionId: string): string {
  return COMMAND_PREFIX + actionId;
}

/** The action a command runs, or null for a command that is not one of ours. */
export function actionForCommand(command: string): string | null {
  const actionId = command.startsWith(COMMAND_PREFIX) ? command.slice(COMMAND_PREFIX.length) : '';
  return actionId in SUGGESTED_KEYS ? actionId : null;
}

/** The manifest's `commands`; each description is the action's label in the browser's shortcut settings. */
export function manifestCommands(): Record<string, { suggested_key: { default: string }; description: string }> {
  return Object.fromEntries(
    Object.entries(SUGGESTED_KEYS).map(([actionId, key]) => [
      commandForAction(actionId),
      { suggested_key: { default: key }, description: `__MSG_command_${actionId}__` },
    ]),
  );
}

/** A button's tooltip with its shortcut, as the browser names it ("Alt+Shift+Z", "⌥⇧Z"); unchanged without one. */
export function tooltipWithShortcut(tooltip: string, shortcut: string | undefined): string {
  return shortcut ? `${tooltip} (${shortcut})` : tooltip;
}

/**
 * From a content script to the background, which alone may read the bound keys (`commands.getAll`): answered by
 * the shortcut of each action that has one, `{ zip: 'Alt+Shift+D' }`, as the user set them.
 */
export const LIST_SHORTCUTS = 'ksuite-companion/list-shortcuts';

export function isListShortcutsRequest(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === LIST_SHORTCUTS;
}

/** The bound key of each action, from `commands.getAll()`; a command the user cleared has none. */
export function shortcutsByAction(commands: readonly { name?: string; shortcut?: string }[]): Record<string, string> {
  const shortcuts: Record<string, string> = {};
  for (const command of commands) {
    const actionId = actionForCommand(command.name ?? '');
    if (actionId && command.shortcut) shortcuts[actionId] = command.shortcut;
  }
  return shortcuts;
}
