import type { MessageKey } from '../../i18n';

/**
 * What each version brings that a user would want to know, newest first. An update to a version without an entry
 * here opens no "what's new" page: only news worth a tab gets one. Add an entry when bumping the version.
 */
export const RELEASE_NOTES: readonly { version: string; notes: readonly MessageKey[] }[] = [
  { version: '0.1.0', notes: ['whatsNew_0_1_0_shortcuts', 'whatsNew_0_1_0_backup', 'whatsNew_0_1_0_welcome'] },
];

/** The notes of every version after `previous` up to `current`, newest first (an update may skip versions). */
export function releaseNotesSince(previous: string, current: string): MessageKey[] {
  return RELEASE_NOTES.filter(
    ({ version }) => compareVersions(version, previous) > 0 && compareVersions(version, current) <= 0,
  ).flatMap(({ notes }) => notes);
}

/** Dotted version numbers as browsers read a manifest's `version`: 0.10.0 is after 0.9.1. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] || 0) - (right[i] || 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The page of the first run; with `?updatedFrom=`, the same page as "what's new" after an update. */
export const WELCOME_PAGE = '/welcome.html';
export function whatsNewPath(previous: string): `${typeof WELCOME_PAGE}?${string}` {
  return `${WELCOME_PAGE}?${new URLSearchParams({ updatedFrom: previous })}`;
}

/** The version the page was opened after an update from, or null for the welcome after install. */
export function updatedFrom(search: string): string | null {
  return new URLSearchParams(search).get('updatedFrom');
}
