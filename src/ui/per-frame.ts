/**
 * Passes on only the latest of many values, once per animation frame. Downloads report progress per network chunk
 * and the zip per 256 KiB, hundreds of times a second; re-rendering the status each time cost more main-thread time
 * than the work it reported on, for changes nobody could see.
 */
export function perFrame<T>(apply: (value: T) => void): { push(value: T): void; cancel(): void } {
  let latest: { value: T } | null = null;
  let frame = 0;
  return {
    push(value) {
      latest = { value };
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (latest) apply(latest.value);
          latest = null;
        });
      }
    },
    cancel() {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      latest = null;
    },
  };
}

/**
 * Shows that work is under way only once it has lasted `delayMs`, then its latest progress once per frame (see
 * perFrame). Most actions are done sooner, and each change shown makes the browser paint the page again: on a
 * webmail page holding a message of megabytes of text, one paint took a second of the main thread, and showing
 * "working" and the download's progress made a click on such a message ten times slower, for a progress bar
 * nobody had time to read. `show` gets null when there is no progress to tell yet.
 */
export function afterDelay<T>(
  show: (progress: T | null) => void,
  delayMs: number,
): { push(progress: T): void; cancel(): void } {
  let latest: T | null = null;
  let shown = false;
  const frames = perFrame(show);
  const timer = setTimeout(() => {
    shown = true;
    show(latest);
  }, delayMs);
  return {
    push(progress) {
      latest = progress;
      if (shown) frames.push(progress);
    },
    cancel() {
      clearTimeout(timer);
      frames.cancel();
    },
  };
}
