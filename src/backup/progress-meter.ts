/**
 * Speed over the last few seconds and the time left at that speed. A backup's pace changes (a 429 halves it, large
 * attachments come in bursts), so the average since the start would say little about the next minutes.
 */
export class ProgressMeter {
  readonly #samples: { at: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Notes that `bytesDone` bytes are done by now. */
  sample(bytesDone: number): void {
    const at = this.now();
    this.#samples.push({ at, bytes: bytesDone });
    while (this.#samples.length > 2 && this.#samples[1]!.at <= at - this.windowMs) this.#samples.shift();
  }

  /** Bytes per second over the window; 0 before there is anything to measure. */
  bytesPerSecond(): number {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (!first || !last || last.at - first.at < 250) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }

  secondsLeft(bytesLeft: number): number | null {
    const speed = this.bytesPerSecond();
    if (bytesLeft <= 0) return 0;
    return speed > 0 ? Math.ceil(bytesLeft / speed) : null;
  }

  /** A pause is not slowness: after one, the speed is measured afresh. */
  reset(): void {
    this.#samples.length = 0;
  }
}
