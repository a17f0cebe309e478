import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterDelay, perFrame } from './per-frame';

describe('perFrame', () => {
  let frames: FrameRequestCallback[] = [];
  const nextFrame = () => {
    const due = frames;
    frames = [];
    for (const callback of due) callback(0);
  };
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => {};
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('passes on only the latest value, once per frame', () => {
    const seen: number[] = [];
    const progress = perFrame((value: number) => seen.push(value));
    for (let i = 1; i <= 100; i++) progress.push(i);
    expect(seen).toEqual([]);
    nextFrame();
    expect(seen).toEqual([100]);
    progress.push(101);
    progress.push(102);
    nextFrame();
    nextFrame();
    expect(seen).toEqual([100, 102]);
  });

  it('drops a pending value when cancelled, so a finished task is not shown as running again', () => {
    const seen: string[] = [];
    const progress = perFrame((value: string) => seen.push(value));
    progress.push('working');
    progress.cancel();
    nextFrame();
    expect(seen).toEqual([]);
  });
});

// Issue 13.3: on a page holding 16 MB of blank lines, every change to the toolbar cost a paint of a second or more,
// and showing "working" and the download's progress made the click ten times slower than on an ordinary message.
describe('afterDelay', () => {
  let frames: FrameRequestCallback[] = [];
  const nextFrame = () => {
    const due = frames;
    frames = [];
    for (const callback of due) callback(0);
  };
  beforeEach(() => {
    frames = [];
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => {};
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows nothing of work that ends within the delay, however much progress it reports', () => {
    const shown: (number | null)[] = [];
    const progress = afterDelay((value: number | null) => shown.push(value), 400);
    for (let i = 1; i <= 50; i++) {
      progress.push(i);
      nextFrame();
    }
    vi.advanceTimersByTime(399);
    progress.cancel();
    vi.advanceTimersByTime(1000);
    nextFrame();
    expect(shown).toEqual([]);
  });

  it('shows longer work at the delay, with its latest progress, then at most once a frame', () => {
    const shown: (string | null)[] = [];
    const progress = afterDelay((value: string | null) => shown.push(value), 400);
    progress.push('10%');
    vi.advanceTimersByTime(400);
    expect(shown).toEqual(['10%']);
    progress.push('20%');
    progress.push('30%');
    nextFrame();
    expect(shown).toEqual(['10%', '30%']);
    progress.cancel();
  });

  it('shows work without progress as working (null)', () => {
    const shown: unknown[] = [];
    afterDelay((value) => shown.push(value), 400);
    vi.advanceTimersByTime(400);
    expect(shown).toEqual([null]);
  });
});
