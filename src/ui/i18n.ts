import { browser } from 'wxt/browser';

/** Every key of the English catalogue; the other three locales are checked against it by a unit test. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** The translated text for `key`, in the browser's UI language. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Translates every `data-i18n` element under `root`: static HTML pages stay free of English text. */
export function translateDocument(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as MessageKey);
  }
  document.documentElement.lang = browser.i18n.getUILanguage();
}
