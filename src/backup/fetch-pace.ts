/**
 * How many downloads may run at once, adapting to what the server says: a 429 halves the number (never below one)
 * and holds every new start until its `Retry-After` has passed; each run of successes without one lets one more
 * download in, up to the number asked for. Starts wait in `acquire`, each finished download calls `release`.
 */
export class FetchPace {
  #limit: number;
  #inFlight = 0;
  #holdUntil = 0;
  #successes = 0;
  #waiters: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly max: number,
    /** Successes in a row after which one more download may run. */
    private readonly growAfter = 16,
    private readonly now: () => number = Date.now,
  ) {
    this.#limit = Math.max(1, Math.floor(max));
  }

  get limit(): number {
    return this.#limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves when a download may start (it then counts as in flight until `release`). */
  async acquire(signal?: AbortSignal): Promise<void> {
    while (!this.#canStart()) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        this.#waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        this.#armTimer();
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    signal?.throwIfAborted();
    this.#inFlight++;
  }

  release(): void {
    this.#inFlight--;
    this.#wake();
  }

  succeeded(): void {
    if (++this.#successes >= this.growAfter && this.#limit < this.max) {
      this.#limit++;
      this.#successes = 0;
      this.#wake();
    }
  }

  /** A 429: half as many at once, and nothing new before the server's Retry-After (or `fallbackMs`). */
  rateLimited(retryAfterMs: number | null, fallbackMs: number): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
    this.#holdUntil = Math.max(this.#holdUntil, this.now() + (retryAfterMs ?? fallbackMs));
  }

  /** Lets every waiter look again (after a pause ends, for instance). */
  wake(): void {
    this.#wake();
  }

  #canStart(): boolean {
    return this.#inFlight < this.#limit && this.now() >= this.#holdUntil;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #armTimer(): void {
    const wait = this.#holdUntil - this.now();
    if (wait <= 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#wake();
    }, wait);
  }
}
