/**
 * Widths of the hop timeline's delay bars, in percent of the track. Each bar is proportional to its hop's delay
 * relative to the largest one, so the slow step stands out at a glance. A negative delay (clocks that disagree) is
 * scaled by its size like any other: it is drawn and flagged, never hidden.
 */

/** A delay of one second next to one of an hour would be invisible; it still deserves a sliver. */
export const MIN_VISIBLE_PERCENT = 1;

/** `null` where a hop has no delay (the first one, or an undated one). */
export function delayBarPercents(delays: readonly (number | null)[]): (number | null)[] {
  const largest = delays.reduce<number>((max, delay) => (delay === null ? max : Math.max(max, Math.abs(delay))), 0);
  return delays.map((delay) => {
    if (delay === null) return null;
    if (delay === 0 || largest === 0) return 0;
    return Math.max(MIN_VISIBLE_PERCENT, (Math.abs(delay) / largest) * 100);
  });
}
