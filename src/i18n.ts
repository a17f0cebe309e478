import { browser } from 'wxt/browser';

/** Every key of the English catalogue; the other three locales are checked against it by a unit test. */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** The translated text for `key`, in the browser's UI language. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * A size as the webmail writes it beside its attachments ("2 attachments · 102 KB", "25.0 MB", "360 B"), so the two
 * never disagree on the same file: 1024 bytes to the KB, KB without decimals from 10 KB on, MB with one decimal.
 * Past 1024 MB (the backup's totals) it goes on to GB, one decimal, where the webmail would write "3072.0 MB". The
 * decimal mark is the language's, the unit symbol the catalogue's ("Mo" in French).
 */
export function formatBytes(bytes: number, locale = browser.i18n.getUILanguage()): string {
  const size = Math.max(0, Math.round(Number(bytes) || 0));
  let unit = 0;
  let value = size;
  while (unit < SIZE_UNITS.length - 1 && value >= 1024) {
    value /= 1024;
    unit++;
  }
  // The webmail uses toFixed (no grouping, halves rounded up); Intl rounds the same way and knows the decimal mark.
  const digits = unit === 0 || (unit === 1 && value >= 10) ? 0 : 1;
  return t(SIZE_UNITS[unit]!, numberFormat(locale, digits).format(value));
}

const SIZE_UNITS = ['size_bytes', 'size_kilobytes', 'size_megabytes', 'size_gigabytes'] as const;

function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      useGrouping: false,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}

// Progress shows a size many times a second; building a NumberFormat each time cost more than the rest of it.
const formats = new Map<string, Intl.NumberFormat>();
