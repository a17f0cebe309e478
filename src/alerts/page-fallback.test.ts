import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_NOTIFY } from './page-messages';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
const created: { title: string; options: NotificationOptions }[] = [];

class PageNotification {
  static permission: NotificationPermission = 'granted';
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions) {
    created.push({ title, options });
  }
  close() {}
}

beforeEach(() => {
  testBrowser.reset();
  created.length = 0;
  PageNotification.permission = 'granted';
  const page = { focus: vi.fn() } as { focus: () => void; top?: unknown };
  page.top = page;
  vi.stubGlobal('window', page);
  vi.stubGlobal('Notification', PageNotification);
});
afterEach(() => vi.unstubAllGlobals());

const message = {
  type: PAGE_NOTIFY,
  notifications: [{ id: 'alerts:m/1@f', title: 'Erika', body: 'Lunch?', url: 'https://mail.infomaniak.com/0' }],
};

describe('the page notification fallback', () => {
  it('shows the alerts with the page’s Notification API when the site may notify', async () => {
    const { startPageNotificationFallback } = await import('./page-fallback');
    const controller = new AbortController();
    startPageNotificationFallback(controller.signal);
    expect(await browser.runtime.sendMessage(message)).toEqual({ shown: 1 });
    expect(created).toEqual([{ title: 'Erika', options: { body: 'Lunch?', tag: 'alerts:m/1@f' } }]);
    controller.abort();
  });

  it('shows nothing without the site permission (asking needs a gesture in the page)', async () => {
    PageNotification.permission = 'default';
    const { startPageNotificationFallback } = await import('./page-fallback');
    const controller = new AbortController();
    startPageNotificationFallback(controller.signal);
    expect(await browser.runtime.sendMessage(message)).toEqual({ shown: 0 });
    expect(created).toEqual([]);
    controller.abort();
  });

  it('does not listen in frames, so the kSuite shell and its mail frame do not both notify', async () => {
    vi.stubGlobal('window', { top: {} });
    const { startPageNotificationFallback } = await import('./page-fallback');
    startPageNotificationFallback(new AbortController().signal);
    await expect(browser.runtime.sendMessage(message)).rejects.toThrow();
  });
});
