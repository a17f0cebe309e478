export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** Said when the value is not a plain measurement: a timed-out action (the value is then how long it ran). */
  note?: string;
}
