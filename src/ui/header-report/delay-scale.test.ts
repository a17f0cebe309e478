import { describe, expect, it } from 'vitest';
import { delayBarPercents, MIN_VISIBLE_PERCENT } from './delay-scale';

describe('delayBarPercents', () => {
  it('scales each delay against the largest one, the largest filling the track', () => {
    expect(delayBarPercents([null, 300, 150, 30])).toEqual([null, 100, 50, 10]);
  });

  it('does not draw a one-second step full width: below a minute the track still stands for a minute', () => {
    expect(delayBarPercents([null, 1, 0])).toEqual([null, 100 / 60, 0]);
    expect(delayBarPercents([null, 2, 30])).toEqual([null, 200 / 60, 50]);
    // From a minute on, the slowest step fills the track again.
    expect(delayBarPercents([null, 60, 6])).toEqual([null, 100, 10]);
  });

  it('keeps a negative delay (clock skew) visible, sized by how far it goes back', () => {
    expect(delayBarPercents([null, 200, -50, 100])).toEqual([null, 100, 25, 50]);
  });

  it('lets a negative delay be the largest one', () => {
    expect(delayBarPercents([null, -120, 60])).toEqual([null, 100, 50]);
  });

  it('gives a tiny delay next to a long one a sliver rather than nothing', () => {
    const [, long, tiny] = delayBarPercents([null, 7200, 1]);
    expect(long).toBe(100);
    expect(tiny).toBe(MIN_VISIBLE_PERCENT);
  });

  it('draws no bar for a zero delay or when every delay is zero', () => {
    expect(delayBarPercents([null, 0, 90])).toEqual([null, 0, 100]);
    expect(delayBarPercents([null, 0, 0])).toEqual([null, 0, 0]);
  });

  it('leaves undated hops without a bar and copes with no delays at all', () => {
    expect(delayBarPercents([null, null, 4])).toEqual([null, null, 400 / 60]);
    expect(delayBarPercents([])).toEqual([]);
    expect(delayBarPercents([null])).toEqual([null]);
  });
});
