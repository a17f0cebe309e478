import { browser } from 'wxt/browser';
import type { NewMail } from './check-mail';

/**
 * Which messages were already announced, by dedupe key, with when. Kept in storage.local so that neither a
 * service-worker restart nor a browser restart announces a message twice.
 */
export type AnnouncedLog = Record<string, number>;

export const ANNOUNCED_KEY = 'alerts.announced';

/** Long enough to outlive any journal replay or unseen-filter fallback; small enough to stay a few kB. */
const REMEMBER_FOR_MS = 30 * 24 * 60 * 60_000;
const REMEMBER_AT_MOST = 2000;

export async function loadAnnounced(): Promise<AnnouncedLog> {
  const stored = (await browser.storage.local.get(ANNOUNCED_KEY))[ANNOUNCED_KEY];
  return typeof stored === 'object' && stored !== null ? (stored as AnnouncedLog) : {};
}

/** The messages of `mails` not announced before, each once even if listed twice. */
export function notYetAnnounced(mails: readonly NewMail[], log: AnnouncedLog): NewMail[] {
  const seen = new Set<string>();
  return mails.filter((mail) => {
    if (mail.dedupeKey in log || seen.has(mail.dedupeKey)) return false;
    seen.add(mail.dedupeKey);
    return true;
  });
}

/** The log with `keys` added, forgetting what is too old, then the oldest beyond the cap. */
export function rememberAnnounced(log: AnnouncedLog, keys: readonly string[], now: number): AnnouncedLog {
  const entries = Object.entries(log).filter(([, at]) => typeof at === 'number' && now - at < REMEMBER_FOR_MS);
  for (const key of keys) entries.push([key, now]);
  entries.sort((a, b) => a[1] - b[1]);
  return Object.fromEntries(entries.slice(-REMEMBER_AT_MOST));
}
