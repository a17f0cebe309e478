/**
 * Every duration of the header report (a hop's delay, the total delivery time, the delay named in a finding) is
 * written this one way. The symbols s, min and h read the same in English, German, French and Italian, so they
 * need no translation.
 */

const MINUS = '\u2212';

/** "42 s", "5 min 3 s", "2 h 05 min"; a negative duration (clock skew) keeps its sign. */
export function formatDuration(seconds: number): string {
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
