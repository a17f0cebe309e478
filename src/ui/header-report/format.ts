/**
 * How the report writes instants and addresses (durations: `formatDuration` of the analyser, which writes the findings'
 * durations the same way).
 */
import type { MailAddress } from '../../mail';

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
