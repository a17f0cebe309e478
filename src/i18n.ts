import { browser } from 'wxt/browser';

/** Every key of the English catalogue; the other three locales are checked against it by a unit test. */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** The translated text for `key`, in the browser's UI language. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "2.5 MB", "820 kB" in the browser's language (Intl knows the unit words and decimal marks). */
export function formatBytes(bytes: number, locale = browser.i18n.getUILanguage()): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const key = `${locale}|${unit}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(value);
}

// Progress shows a size many times a second; building a NumberFormat each time cost more than the rest of it.
const formats = new Map<string, Intl.NumberFormat>();
