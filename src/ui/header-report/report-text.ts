import { browser } from 'wxt/browser';
import type { ReportText } from '../../mail';
import type { MessageKey } from '../../i18n';

/**
 * The analyser's sentences name their i18n key (`hdr_…`) as a plain string chosen at run time, hence the cast; a
 * key missing from the catalogue shows as itself, which makes the gap visible instead of blank.
 */
export function translateReportText(text: ReportText): string {
  return browser.i18n.getMessage(text.key as MessageKey, text.substitutions) || text.key;
}

/** The browser's UI language, for dates and numbers in the same language as the sentences around them. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
