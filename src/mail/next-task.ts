/**
 * Resolves in a new task of the event loop, so that long work can let the page paint, a progress bar move and a
 * Cancel click arrive. Not `setTimeout(0)`: browsers stretch nested timeouts to 4 ms each, which adds up over a
 * large zip. Node has `setImmediate`; browsers get the same from a MessageChannel.
 */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** Yields to the event loop once the current stretch of work has run for `sliceMs`. */
export function timeSlicer(sliceMs = 12): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTask().then(() => {
      sliceStart = performance.now();
    });
  };
}
