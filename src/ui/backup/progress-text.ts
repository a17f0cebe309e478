import type { BackupProgress } from '../../backup';
import { formatBytes, t } from '../../i18n';

/** Done over total for the bar: by bytes when the total size is known, else by messages. */
export function fractionDone(progress: BackupProgress): number {
  if (progress.bytesTotal > 0) return Math.min(1, progress.bytesDone / progress.bytesTotal);
  if (progress.messagesTotal > 0) return Math.min(1, progress.messagesDone / progress.messagesTotal);
  return 0;
}

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** "2.4 MB/s"; empty before the first message, when there is no speed to tell. */
export function speedText(bytesPerSecond: number, locale: string): string {
  return bytesPerSecond > 0 ? t('backup_speed', formatBytes(bytesPerSecond, locale)) : '';
}

/**
 * "45 sec", "12 min", "3 hr 5 min" in the browser's language. Rounded up to what a reader can use: a backup that
 * says "0 min" left is not done yet.
 */
export function durationText(seconds: number, locale: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}
