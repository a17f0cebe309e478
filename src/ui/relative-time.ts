/**
 * "just now", "2 min ago", "3 hr ago", "yesterday": how long ago `then` was, in the UI language. Intl knows each
 * language's words; only "just now" is ours (Intl's zero is "now", which reads oddly for a check that happened).
 * Future times ("in 4 min") come out the same way, for the next try after a failed check.
 */
export function relativeTime(then: number, now: number, locale: string, justNow: string): string {
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 60) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const minutes = Math.trunc(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.trunc(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.trunc(hours / 24), 'day');
}
