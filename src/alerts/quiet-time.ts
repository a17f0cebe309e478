import type { QuietHours } from '../settings';

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Whether `date` (local time) falls in the quiet hours; a start after the end spans midnight. */
export function isQuietTime(quiet: QuietHours, date: Date): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = date.getHours() * 60 + date.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The morning hour "until tomorrow" means. */
const MORNING_HOUR = 8;
/** Before this hour, "tomorrow" is still this morning: someone pausing at 1 a.m. means until they get up. */
const NIGHT_ENDS_HOUR = 5;

export function pauseEndForAnHour(now: Date): number {
  return now.getTime() + 60 * 60_000;
}

export function pauseEndUntilTomorrow(now: Date): number {
  const end = new Date(now);
  if (now.getHours() >= NIGHT_ENDS_HOUR) end.setDate(end.getDate() + 1);
  end.setHours(MORNING_HOUR, 0, 0, 0);
  return end.getTime();
}
