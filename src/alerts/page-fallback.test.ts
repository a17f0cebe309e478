import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_NOTIFY } from './page-messages';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
const created: { title: string; options: NotificationOptions; shown: PageNotification }[] = [];

class PageNotification {
  static permission: NotificationPermission = 'granted';
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions) {
    created.push({ title, options, shown: this });
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
    expect(created).toEqual([
      { title: 'Erika', options: { body: 'Lunch?', tag: 'alerts:m/1@f' }, shown: expect.any(PageNotification) },
    ]);
    controller.abort();
  });

  it('a click opens the alert’s link, and only brings the page forward when it has none (another account’s mail)', async () => {
    const location = { href: 'https://mail.infomaniak.com/1', assign: vi.fn() };
    vi.stubGlobal('location', location);
    const { startPageNotificationFallback } = await import('./page-fallback');
    const controller = new AbortController();
    startPageNotificationFallback(controller.signal);
    const elsewhere = { id: 'alerts:x/2@f', title: 'Reto', body: 'Hi', url: null };
    await browser.runtime.sendMessage({ ...message, notifications: [...message.notifications, elsewhere] });
    created[1]!.shown.onclick!();
    expect(window.focus).toHaveBeenCalled();
    expect(location.assign).not.toHaveBeenCalled();
    created[0]!.shown.onclick!();
    expect(location.assign).toHaveBeenCalledWith('https://mail.infomaniak.com/0');
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
