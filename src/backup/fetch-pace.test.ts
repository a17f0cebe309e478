import { describe, expect, it } from 'vitest';
import { FetchPace } from './fetch-pace';

describe('FetchPace', () => {
  it('lets the asked number run at once, and the next one only when one ends', async () => {
    const pace = new FetchPace(4);
    for (let n = 0; n < 4; n++) await pace.acquire();
    let fifth = false;
    const waiting = pace.acquire().then(() => (fifth = true));
    await Promise.resolve();
    expect(fifth).toBe(false);
    pace.release();
    await waiting;
    expect(pace.inFlight).toBe(4);
  });

  it('halves on a 429 (never below one), holds every start for the Retry-After, and grows back one at a time', async () => {
    let now = 0;
    const pace = new FetchPace(4, 3, () => now);
    pace.rateLimited(2000, 10);
    expect(pace.limit).toBe(2);
    pace.rateLimited(null, 10);
    pace.rateLimited(null, 10);
    expect(pace.limit).toBe(1);
    let started = false;
    const waiting = pace.acquire().then(() => (started = true));
    now = 1999;
    pace.wake();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toBe(false);
    now = 2000;
    pace.wake();
    await waiting;
    pace.release();
    for (let n = 0; n < 3; n++) pace.succeeded();
    expect(pace.limit).toBe(2);
    for (let n = 0; n < 9; n++) pace.succeeded();
    expect(pace.limit).toBe(4);
  });

  it('gives up waiting when the run is stopped', async () => {
    const pace = new FetchPace(1);
    await pace.acquire();
    const stop = new AbortController();
    const waiting = pace.acquire(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(pace.inFlight).toBe(1);
  });
});
