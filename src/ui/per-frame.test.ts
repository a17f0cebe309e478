import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { perFrame } from './per-frame';

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
