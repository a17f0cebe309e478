import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testBrowser } from '../../tests/support/fake-browser';
import { LIST_SHORTCUTS } from '../shortcuts';
import { runCommand, startCommands } from './commands';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
const sendMessage = vi.fn(async () => ({ ok: true }));
beforeEach(() => {
  testBrowser.reset();
  Object.assign(browser.tabs, { sendMessage });
});
afterEach(() => sendMessage.mockClear());

describe('a keyboard shortcut', () => {
  it("runs its action on the opened message of the tab the browser names, as the popup's button does", async () => {
    await runCommand('run-eml', { id: 7 } as Parameters<typeof runCommand>[1]);
    expect(sendMessage.mock.calls).toEqual([[7, { type: 'run-message-action', action: 'eml', target: 'opened' }]]);
  });

  it('without a tab from the browser, acts on the active one', async () => {
    // The fake browser keeps no focused window: the browser's answer to "the active tab of the focused window".
    const query = vi
      .spyOn(browser.tabs, 'query')
      .mockResolvedValue([{ id: 9 } as Awaited<ReturnType<typeof browser.tabs.query>>[number]]);
    await runCommand('run-headers');
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(sendMessage.mock.calls).toEqual([[9, { type: 'run-message-action', action: 'headers', target: 'opened' }]]);
    query.mockRestore();
  });

  it('that is not one of ours sends nothing', async () => {
    await runCommand('_execute_action', { id: 7 } as Parameters<typeof runCommand>[1]);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});

describe('the shortcuts a content script asks for', () => {
  it('are the keys bound now, by action', async () => {
    const getAll = vi.fn(async () => [
      { name: 'run-zip', shortcut: 'Ctrl+Shift+9' },
      { name: 'run-eml', shortcut: '' },
    ]);
    const onCommand = { addListener: vi.fn() };
    Object.assign(browser, { commands: { getAll, onCommand } });
    startCommands();
    expect(onCommand.addListener).toHaveBeenCalledOnce();
    expect(await browser.runtime.sendMessage({ type: LIST_SHORTCUTS })).toEqual({ zip: 'Ctrl+Shift+9' });
  });
});
