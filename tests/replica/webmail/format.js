// @ts-check
/** Display formatting shared by the list and the reading pane. */

/** @typedef {{ email?: string, name?: string }} Contact */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayMonthFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: '2-digit', year: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const mediumFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @param {string | undefined} value */
function toDate(value) {
  const date = value ? new Date(value) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Like most webmails: time for today, day and month this year, the full date before.
 * @param {string | undefined} value @param {Date} [now]
 */
export function listDate(value, now = new Date()) {
  const date = toDate(value);
  if (!date) return '';
  if (date.toDateString() === now.toDateString()) return timeFormat.format(date);
  if (date.getFullYear() === now.getFullYear()) return dayMonthFormat.format(date);
  return shortDateFormat.format(date);
}

/** @param {string | undefined} value */
export function messageDate(value) {
  const date = toDate(value);
  return date ? mediumFormat.format(date) : '';
}

/** @param {string | undefined} value */
export function fullDate(value) {
  const date = toDate(value);
  return date ? fullFormat.format(date) : '';
}

/** @param {number | undefined} bytes */
export function fileSize(bytes) {
  const size = Number(bytes) || 0;
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** @param {Contact | undefined} contact */
export function contactName(contact) {
  return (contact?.name || '').trim() || contact?.email || '';
}

/** @param {Contact | undefined} contact */
export function initials(contact) {
  // Without a display name, the local part of the address ("anna.meier") is the best source of initials.
  const name = (contact?.name || '').trim() || (contact?.email ?? '').split('@')[0] || '';
  const source = name.replace(/[^\p{L}\p{N} ]/gu, ' ').trim();
  if (!source) return '?';
  const words = source.split(/\s+/);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * A stable colour slot per address, so a sender keeps the same avatar colour everywhere.
 * @param {Contact | undefined} contact
 */
export function avatarColor(contact) {
  const key = (contact?.email || contact?.name || '').toLowerCase();
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return `avatar-color-${Math.abs(hash) % 8}`;
}
