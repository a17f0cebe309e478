import { firstGraphemes, safeFileName } from './safe-file-name';
import { isValidDate, wallClock } from './wall-clock';

/**
 * Names for the files the extension saves: they sort by date in a file manager and say what the message was about.
 * `2024-03-05 – Quarterly report.zip`, `2024-03-05 0914 – Quarterly report.eml`.
 */

export interface MessageFileNameOptions {
  /** IANA zone the date is shown in; the runtime's own zone when omitted. */
  timeZone?: string;
  /** Stands in for an empty subject; the UI passes its translated "no subject". */
  fallbackSubject?: string;
  /** Start the name with the message's date (and time, for .eml), so files sort by date. Default true. */
  withDate?: boolean;
}

/** Long enough to recognise a subject, short enough to leave room for the date and a path in front of the name. */
export const MAX_SUBJECT_LENGTH = 120;

const SEPARATOR = ' – ';

export function zipArchiveName(
  date: Date | null | undefined,
  subject: string | null | undefined,
  options: MessageFileNameOptions = {},
): string {
  return messageFileName(datePrefix(date, options, false), subject, 'zip', options);
}

export function emlFileName(
  date: Date | null | undefined,
  subject: string | null | undefined,
  options: MessageFileNameOptions = {},
): string {
  return messageFileName(datePrefix(date, options, true), subject, 'eml', options);
}

/** A subject made fit for a file or folder name, without date or extension (for folders and nested messages). */
export function subjectFileStem(subject: string | null | undefined, fallbackSubject = 'message'): string {
  const collapsed = (subject ?? '').replace(/\s+/g, ' ').trim();
  const text = collapsed === '' ? fallbackSubject : firstGraphemes(collapsed, MAX_SUBJECT_LENGTH).trim();
  return safeFileName(text, { fallbackBase: fallbackSubject });
}

function messageFileName(
  prefix: string | undefined,
  subject: string | null | undefined,
  extension: string,
  options: MessageFileNameOptions,
): string {
  const stem = subjectFileStem(subject, options.fallbackSubject);
  const name = prefix === undefined ? stem : `${prefix}${SEPARATOR}${stem}`;
  return safeFileName(`${name}.${extension}`);
}

function datePrefix(
  date: Date | null | undefined,
  { timeZone, withDate = true }: MessageFileNameOptions,
  withTime: boolean,
): string | undefined {
  if (!withDate || !isValidDate(date)) return undefined;
  const clock = wallClock(date, timeZone);
  const day = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
  return withTime ? `${day} ${pad(clock.hour)}${pad(clock.minute)}` : day;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
