import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testBrowser } from '../../tests/support/fake-browser';
import { onMenuClicked } from './context-menus';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
beforeEach(() => testBrowser.reset());

describe("the toolbar icon's right-click menu", () => {
  it('"Back up mailbox…" opens the backup page in a tab after the current one', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    const current = { index: 4 } as Parameters<typeof onMenuClicked>[1];
    await onMenuClicked({ menuItemId: 'action-backup', editable: false, pageUrl: '' }, current);
    expect(create).toHaveBeenCalledWith({ url: browser.runtime.getURL('/backup.html'), index: 5 });
  });
});
