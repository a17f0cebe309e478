import { describe, expect, it } from 'vitest';
import { MESSAGE_ACTIONS } from './features';
import {
  actionForCommand,
  commandForAction,
  manifestCommands,
  shortcutsByAction,
  SUGGESTED_KEYS,
  tooltipWithShortcut,
} from './shortcuts';
import de from '../public/_locales/de/messages.json';
import en from '../public/_locales/en/messages.json';
import fr from '../public/_locales/fr/messages.json';
import it_ from '../public/_locales/it/messages.json';

describe("the manifest's commands", () => {
  const commands = manifestCommands();

  it('give every action on one message a shortcut, and nothing else', () => {
    const oneMessage = MESSAGE_ACTIONS.filter((action) => action.message).map((action) => `run-${action.id}`);
    expect(Object.keys(commands).sort()).toEqual(oneMessage.sort());
  });

  it("suggest at most four keys (Chrome's limit), each Alt or Ctrl with Shift and a letter, none twice", () => {
    const keys = Object.values(commands).map((command) => command.suggested_key.default);
    expect(keys.length).toBeLessThanOrEqual(4);
    for (const key of keys) expect(key).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z]$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are described in every language the extension speaks', () => {
    for (const catalogue of [en, de, fr, it_] as Record<string, { message: string }>[]) {
      for (const { description } of Object.values(commands)) {
        const key = /^__MSG_(\w+)__$/.exec(description)![1]!;
        expect(catalogue[key]?.message, key).toBeTruthy();
      }
    }
  });
});

describe('commands and actions', () => {
  it('name each other both ways; other commands are not ours', () => {
    expect(commandForAction('zip')).toBe('run-zip');
    expect(actionForCommand('run-headers')).toBe('headers');
    expect(actionForCommand('_execute_action')).toBeNull();
    expect(actionForCommand('run-')).toBeNull();
    expect(actionForCommand('run-backup')).toBeNull();
  });

  it('read the keys as the user bound them: changed ones as they are, cleared ones not at all', () => {
    const bound = shortcutsByAction([
      { name: '_execute_action', shortcut: 'Ctrl+Shift+K' },
      { name: 'run-zip', shortcut: 'Ctrl+Shift+1' },
      { name: 'run-eml', shortcut: '' },
      { name: 'run-headers', shortcut: '⌥⇧H' },
    ]);
    expect(bound).toEqual({ zip: 'Ctrl+Shift+1', headers: '⌥⇧H' });
  });

  it('put the key after the tooltip, and nothing for an action without one', () => {
    expect(tooltipWithShortcut('Save the original message', 'Alt+Shift+E')).toBe(
      'Save the original message (Alt+Shift+E)',
    );
    expect(tooltipWithShortcut('Save the original message', undefined)).toBe('Save the original message');
  });

  it('suggest the keys the README lists', () => {
    expect(SUGGESTED_KEYS).toEqual({ zip: 'Alt+Shift+D', eml: 'Alt+Shift+E', headers: 'Alt+Shift+H' });
  });
});
