import { browser } from 'wxt/browser';

/**
 * What a listener does with a message: `undefined` when it is not for it (another listener, or another frame, may
 * answer), or a promise of the answer.
 */
export type MessageAnswerer = (message: unknown) => Promise<unknown> | undefined;

/**
 * Listens to runtime messages until `signal` aborts, answering with what `answer` resolves to. The answer is sent
 * through `sendResponse` (returning `true` keeps the channel open), which every browser understands natively: the
 * webmail content script runs without webextension-polyfill (see wxt.config.ts), and Chromium took a returned
 * promise as the answer only in recent versions (156, the tests' browser, does: the e2e suites cannot tell the two
 * ways apart, runtime-messages.test.ts can). A promise that fails answers nothing, which each sender treats as "no
 * frame could do it", as it does a rejection.
 */
export function answerRuntimeMessages(answer: MessageAnswerer, signal: AbortSignal): void {
  const listener = (message: unknown, _sender: unknown, sendResponse: (response?: unknown) => void) => {
    if (signal.aborted) return undefined;
    const answered = answer(message);
    if (!answered) return undefined;
    answered.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
