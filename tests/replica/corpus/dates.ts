/**
 * Date strings for headers. Written from a local time plus offset ('2026-10-06T09:14:03+02:00') so the source reads
 * like the header it produces, while weekdays are computed rather than typed (a wrong weekday would be a quirk of
 * its own, and we want quirks only where we put them on purpose).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$/;

export interface DateStyle {
  /** Postfix pads single-digit days with a space: 'Tue,  6 Oct'. */
  padDay?: 'space' | 'zero';
  weekday?: 'short' | 'full' | 'none';
  /** Replaces the numeric offset with a zone name ('UTC', 'GMT', 'CET', 'PDT'). */
  zoneName?: string;
  /** Appended after the offset, e.g. '(CEST)'. */
  zoneComment?: string;
  /** Appended to the seconds, e.g. '.532'. */
  fraction?: string;
}

function parseLocal(local: string): { y: number; mo: number; d: number; time: string; offset: string } {
  const match = LOCAL_TIME.exec(local);
  if (!match) throw new Error(`corpus: bad local time ${local}`);
  const [, y, mo, d, hh, mm, ss, zone] = match;
  const offset = zone === 'Z' ? '+0000' : zone!.replace(':', '');
  return { y: Number(y), mo: Number(mo), d: Number(d), time: `${hh}:${mm}:${ss}`, offset };
}

/** An RFC 5322 date-time (or a deliberately non-standard variant of one). */
export function mailDate(local: string, style: DateStyle = {}): string {
  const { y, mo, d, time, offset } = parseLocal(local);
  const weekdayIndex = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const weekday = style.weekday === 'none' ? '' : `${(style.weekday === 'full' ? FULL_DAYS : DAYS)[weekdayIndex]}, `;
  const day =
    style.padDay === 'space'
      ? String(d).padStart(2, ' ')
      : style.padDay === 'zero'
        ? String(d).padStart(2, '0')
        : String(d);
  const zone = style.zoneName ?? offset;
  const comment = style.zoneComment ? ` ${style.zoneComment}` : '';
  return `${weekday}${day} ${MONTHS[mo - 1]} ${y} ${time}${style.fraction ?? ''} ${zone}${comment}`;
}

/** The same instant as an ISO string in UTC, for `internalDate`. */
export function isoUtc(local: string): string {
  return new Date(local).toISOString();
}

/** Seconds since the epoch, for DKIM `t=` tags. */
export function unixSeconds(local: string): number {
  return Math.floor(new Date(local).getTime() / 1000);
}

/** Zone comment for the offsets the corpus uses (Swiss summer time ends on 25 Oct 2026). */
export function swissZone(local: string): string {
  if (local.endsWith('+02:00')) return '(CEST)';
  if (local.endsWith('+01:00')) return '(CET)';
  return '(UTC)';
}

/** A local-time string in UTC for an instant, e.g. for messages delivered during a test run. */
export function utcLocal(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
