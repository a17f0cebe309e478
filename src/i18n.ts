import { browser } from 'wxt/browser';

/** Every key of the English catalogue; the other three locales are checked against it by a unit test. */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** The translated text for `key`, in the browser's UI language. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
