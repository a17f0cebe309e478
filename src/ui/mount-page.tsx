import { render, type ComponentChild } from 'preact';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../i18n';
import './page.css';

/**
 * Starts one of the extension's own pages. Browsers do not translate `__MSG_…__` in an HTML page's <title>
 * (only in the manifest and CSS), so the title and language are set here.
 */
export function mountPage(titleKey: MessageKey, page: ComponentChild): void {
  document.title = t(titleKey);
  document.documentElement.lang = browser.i18n.getUILanguage();
  render(page, document.getElementById('app')!);
}
