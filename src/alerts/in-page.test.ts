import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WEBMAIL_OPENED } from './check-requests';
import { testBrowser } from '../../tests/support/fake-browser';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
let sent: unknown[];

beforeEach(() => {
  testBrowser.reset();
  sent = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((message: unknown) => {
    sent.push(message);
    return Promise.resolve(undefined);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function topFrame(): void {
  const page = {} as { top?: unknown };
  page.top = page;
  vi.stubGlobal('window', page);
}

describe("the alerts' part of the webmail content script", () => {
  it('tells the background of the webmail page once the user is there, not as the page loads, and only once', async () => {
    topFrame();
    const { reporterOfPresence } = await import('./in-page');
    const userPresent = reporterOfPresence(new AbortController().signal);
    expect(sent).toEqual([]);
    userPresent();
    userPresent();
    expect(sent).toEqual([{ type: WEBMAIL_OPENED }]);
  });

  it('tells nothing from a frame, nor after the script was stopped', async () => {
    const frame = { top: {} };
    vi.stubGlobal('window', frame);
    const { reporterOfPresence } = await import('./in-page');
    reporterOfPresence(new AbortController().signal)();
    topFrame();
    const stopped = new AbortController();
    const userPresent = reporterOfPresence(stopped.signal);
    stopped.abort();
    userPresent();
    expect(sent).toEqual([]);
  });
});
