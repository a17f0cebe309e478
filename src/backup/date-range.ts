/**
 * The backup's optional date range: whole days in the user's own time zone, both ends included, as the page's date
 * fields give them (YYYY-MM-DD).
 */

export interface DateRange {
  /** First instant inside the range, or null for no lower bound. */
  startMs: number | null;
  /** First instant after the range, or null for no upper bound. */
  endMs: number | null;
}

export function localDayRange(from: string | null, to: string | null): DateRange {
  return { startMs: from ? localMidnight(from, 0) : null, endMs: to ? localMidnight(to, 1) : null };
}

/** A message date outside an unbounded range is always in; a date the server sent unreadable is kept too. */
export function inRange(range: DateRange, date: string): boolean {
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) return true;
  if (range.startMs !== null && ms < range.startMs) return false;
  if (range.endMs !== null && ms >= range.endMs) return false;
  return true;
}

export function isUnbounded(range: DateRange): boolean {
  return range.startMs === null && range.endMs === null;
}

function localMidnight(day: string, plusDays: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).getTime();
}
