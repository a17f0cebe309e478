import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createActionMenu, handleActionMenuClick } from './action-menu';
import { pausedUntil } from './pause';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;

beforeEach(() => testBrowser.reset());

describe('the toolbar icon menu', () => {
  it('offers pause for an hour, until tomorrow, and resume (enabled only while paused), replacing older items', async () => {
    const create = vi.fn((_item: object, done: () => void) => done());
    const remove = vi.fn(async () => undefined);
    Object.assign(browser, { contextMenus: { create, remove } });
    await createActionMenu(false);
    expect(remove.mock.calls).toEqual([['alerts-pause-hour'], ['alerts-pause-tomorrow'], ['alerts-resume']]);
    expect(create.mock.calls.map(([item]) => item)).toEqual([
      { id: 'alerts-pause-hour', title: 'Pause alerts for 1 hour', contexts: ['action'] },
      { id: 'alerts-pause-tomorrow', title: 'Pause alerts until tomorrow', contexts: ['action'] },
      { id: 'alerts-resume', title: 'Resume alerts', enabled: false, contexts: ['action'] },
    ]);
  });

  it('pauses and resumes, and leaves other items to their owners', async () => {
    expect(handleActionMenuClick('alerts-pause-hour')).toBe(true);
    await vi.waitFor(async () => expect(await pausedUntil()).toBeGreaterThan(Date.now() + 59 * 60_000));
    expect(handleActionMenuClick('alerts-resume')).toBe(true);
    await vi.waitFor(async () => expect(await pausedUntil()).toBeNull());
    expect(handleActionMenuClick('download-zip')).toBe(false);
  });
});
