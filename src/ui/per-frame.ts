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
