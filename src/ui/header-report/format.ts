/**
 * How the report writes times and addresses. Durations use the symbols s, min and h, which read the same in
 * English, German, French and Italian, so they need no translation.
 */
import type { MailAddress } from '../../mail';

const MINUS = '\u2212';

/** "42 s", "5 min 3 s", "2 h 05 min"; negative durations (clock skew) keep their sign. */
export function formatDelay(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && whole > 0 ? MINUS : '';
  if (whole < 60) return `${sign}${whole} s`;
  if (whole < 3600) {
    const minutes = Math.floor(whole / 60);
    const rest = whole % 60;
    return rest === 0 ? `${sign}${minutes} min` : `${sign}${minutes} min ${rest} s`;
  }
  const hours = Math.floor(whole / 3600);
  const minutes = Math.round((whole % 3600) / 60);
  // Rounding 59.5 minutes up must carry into the hours rather than print "1 h 60 min".
  if (minutes === 60) return `${sign}${hours + 1} h`;
  return minutes === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/** A date and time in the reader's language and time zone; null when the instant is unknown. */
export function formatInstant(epochMs: number | null, locale: string, timeZone?: string): string | null {
  if (epochMs === null || !Number.isFinite(epochMs)) return null;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(epochMs);
  } catch {
    // An unknown locale tag from the browser must not break the report.
    return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(epochMs);
  }
}

/** "Name <address>", or the bare address when there is no display name. */
export function formatAddress(person: MailAddress): string {
  return person.name ? `${person.name} <${person.address}>` : person.address;
}
