import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testBrowser } from '../tests/support/fake-browser';
import { answerRuntimeMessages } from './runtime-messages';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../tests/support/fake-browser')).testBrowser.browser,
}));

const { browser } = testBrowser;
beforeEach(() => testBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('answering runtime messages without webextension-polyfill', () => {
  it('answers through sendResponse, as browsers deliver it natively, with what the promise resolves to', async () => {
    const sendResponse = vi.fn();
    let listener!: (message: unknown, sender: unknown, respond: (r?: unknown) => void) => unknown;
    vi.spyOn(browser.runtime.onMessage, 'addListener').mockImplementation((l) => (listener = l as typeof listener));
    answerRuntimeMessages(
      (message) => (message === 'ping' ? Promise.resolve('pong') : undefined),
      new AbortController().signal,
    );
    // `true` keeps the channel open; Chromium drops a returned promise without the polyfill.
    expect(listener('ping', {}, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith('pong'));
    expect(listener('other', {}, sendResponse)).toBeUndefined();
  });

  it('leaves a message not for it to the other listeners and frames', async () => {
    answerRuntimeMessages(
      (message) => (message === 'ping' ? Promise.resolve('pong') : undefined),
      new AbortController().signal,
    );
    browser.runtime.onMessage.addListener((message: unknown) =>
      message === 'hello' ? Promise.resolve('hi') : undefined,
    );
    expect(await browser.runtime.sendMessage('hello')).toBe('hi');
    expect(await browser.runtime.sendMessage('ping')).toBe('pong');
  });

  it('answers nothing when the work fails, which every sender reads as "nobody could do it"', async () => {
    answerRuntimeMessages(() => Promise.reject(new Error('page features did not load')), new AbortController().signal);
    expect(await browser.runtime.sendMessage('run')).toBeUndefined();
  });

  it('stops listening when the content script is replaced (its signal aborts)', async () => {
    const controller = new AbortController();
    answerRuntimeMessages(() => Promise.resolve('answer'), controller.signal);
    controller.abort();
    await expect(browser.runtime.sendMessage('ping')).rejects.toThrow();
  });
});
