/**
 * Widths of the hop timeline's delay bars, in percent of the track. A bar is proportional to its hop's delay, so the
 * slow step stands out at a glance; but the track stands for at least a minute, so between fast servers (every step
 * a second or two, as in most deliveries) the bars stay slivers instead of one second filling the track as if it
 * were the holdup. A negative delay (clocks that disagree) is scaled by its size like any other: drawn and flagged,
 * never hidden.
 */

/** The least a full track stands for: a step this slow or slower is worth a glance. */
export const FULL_TRACK_MIN_SECONDS = 60;

/** A delay of one second next to one of an hour would be invisible; it still deserves a sliver. */
export const MIN_VISIBLE_PERCENT = 1;

/** `null` where a hop has no delay (the first one, or an undated one). */
export function delayBarPercents(delays: readonly (number | null)[]): (number | null)[] {
  const largest = delays.reduce<number>((max, delay) => (delay === null ? max : Math.max(max, Math.abs(delay))), 0);
  const fullTrack = Math.max(largest, FULL_TRACK_MIN_SECONDS);
  return delays.map((delay) => {
    if (delay === null) return null;
    if (delay === 0) return 0;
    return Math.max(MIN_VISIBLE_PERCENT, (Math.abs(delay) / fullTrack) * 100);
  });
}
