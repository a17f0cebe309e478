/**
 * Date parsing for mail headers: RFC 5322 dates plus the forms real servers write in Date and
 * Received (full weekday names, fractional seconds, named or missing zones, asctime, ISO-like,
 * trailing "m=+0.123" from Go programs, comments such as "(CEST)").
 *
 * Written by hand rather than with Date.parse, whose behaviour on non-ISO text differs between engines.
 */

export interface ParsedMailDate {
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
  /** Offset from UTC written in the date, in minutes; null when the date named no zone (read as UTC). */
  offsetMinutes: number | null;
}

// Maps rather than object literals: words from the header must not reach Object.prototype ("constructor").
const MONTHS = new Map(
  'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ').map((month, index) => [month, index]),
);

/** Named zones seen in the wild (RFC 5322 obs-zone plus common European ones), in minutes east of UTC. */
const NAMED_ZONES = new Map<string, number>(
  Object.entries({
    ut: 0,
    utc: 0,
    gmt: 0,
    z: 0,
    wet: 0,
    est: -300,
    edt: -240,
    cst: -360,
    cdt: -300,
    mst: -420,
    mdt: -360,
    pst: -480,
    pdt: -420,
    bst: 60,
    ist: 60,
    cet: 60,
    met: 60,
    mez: 60,
    west: 60,
    cest: 120,
    mest: 120,
    mesz: 120,
    eet: 120,
    eest: 180,
    msk: 180,
    jst: 540,
    kst: 540,
    hkt: 480,
    sgt: 480,
    aest: 600,
    aedt: 660,
    nzst: 720,
    nzdt: 780,
  }),
);

// Longer than any real date; keeps a pathological header from costing more than a bounded scan.
const MAX_DATE_TEXT = 200;

const TIME = /(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?![\d:])/;
const DAY_MONTH_YEAR = /(?:^|[^\d])(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4})(?!\d)/;
const MONTH_DAY = /(?:^|[^a-z])([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?!\d)/;
const ISO_DATE = /(?:^|[^\d])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;
const NUMERIC_ZONE = /(?:^|\s)([+-])(\d{2}):?(\d{2})(?!\d)/;
const WORD = /[a-z]+/g;

/** Parses a header date; null when no believable calendar date and time can be found. */
export function parseMailDate(input: string): ParsedMailDate | null {
  const text = withoutComments(input.slice(0, MAX_DATE_TEXT).toLowerCase())
    .replace(/\bm=[+-][\d.]+/g, ' ')
    .replace(/(\d)t(\d)/, '$1 $2') // ISO 8601 "T" separator
    .replace(/(\d)z\b/, '$1 z');

  const calendar = findCalendarDate(text);
  if (!calendar) return null;
  const timeMatch = TIME.exec(text);
  if (!timeMatch) return null;
  const hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  const second = timeMatch[3] === undefined ? 0 : Number(timeMatch[3]);
  const millis = timeMatch[4] === undefined ? 0 : Math.floor(Number(`0.${timeMatch[4]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 60) return null;

  const afterTime = text.slice(timeMatch.index + timeMatch[0].length);
  const offsetMinutes = findZone(afterTime);
  const utc = Date.UTC(calendar.year, calendar.month, calendar.day, hour, minute, Math.min(second, 59), millis);
  if (Number.isNaN(utc)) return null;
  return { epochMs: utc - (offsetMinutes ?? 0) * 60_000, offsetMinutes };
}

/** "(CEST)", "(envelope-from …)": comments, nested or not, never carry the date itself. */
function withoutComments(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous && current.includes('(')) {
    previous = current;
    current = current.replace(/\([^()]*\)?/g, ' ');
  }
  return current;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function findCalendarDate(text: string): CalendarDate | null {
  const dayMonthYear = DAY_MONTH_YEAR.exec(text);
  if (dayMonthYear) {
    const month = MONTHS.get(dayMonthYear[2] as string);
    if (month !== undefined) return checked(fullYear(dayMonthYear[3] as string), month, Number(dayMonthYear[1]));
  }
  const iso = ISO_DATE.exec(text);
  if (iso) return checked(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  // asctime and friends: "Mon Jan  2 15:04:05 2006"; the year is the first 4-digit number not in the time.
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay) {
    const month = MONTHS.get(monthDay[1] as string);
    const year = /(?:^|[^\d:])(\d{4})(?![\d:])/.exec(text.slice(monthDay.index + monthDay[0].length));
    if (month !== undefined && year) return checked(Number(year[1]), month, Number(monthDay[2]));
  }
  return null;
}

/** RFC 5322 obs-year: two digits below 50 are 20xx, others 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function checked(year: number, month: number, day: number): CalendarDate | null {
  if (month < 0 || month > 11 || day < 1 || year < 1900 || year > 9999) return null;
  // Reject 31 Feb and the like instead of letting Date roll them over into March.
  const probe = new Date(Date.UTC(year, month, day));
  if (probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

function findZone(text: string): number | null {
  const numeric = NUMERIC_ZONE.exec(text);
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3]);
    // "-0000" means UTC without a local zone; report it as 0, not as JavaScript's -0.
    if (hours <= 14 && minutes < 60) return hours === 0 && minutes === 0 ? 0 : sign * (hours * 60 + minutes);
  }
  for (const word of text.match(WORD) ?? []) {
    const offset = NAMED_ZONES.get(word);
    if (offset !== undefined) return offset;
  }
  return null;
}
