/** How many recent tasks of one kind are remembered. */
const samplesPerKey = 50;

export interface TypicalDuration {
  /** Median milliseconds. */
  median: number;
  /** The 25th percentile: a quarter of the tasks took less. */
  low: number;
  /** The 75th percentile: a quarter of the tasks took more. */
  high: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[index] as number;
}

/**
 * What this process has learned of how long tasks take, by kind (e.g. model, or model and
 * duration): the adaptive poller uses it to poll sparsely early and densely near the end.
 */
export class DurationStats {
  readonly #samples = new Map<string, number[]>();

  record(key: string, ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    const samples = this.#samples.get(key) ?? [];
    samples.push(ms);
    if (samples.length > samplesPerKey) samples.shift();
    this.#samples.set(key, samples);
  }

  /** The typical duration of the first key with samples, or undefined. */
  typical(...keys: string[]): TypicalDuration | undefined {
    for (const key of keys) {
      const samples = this.#samples.get(key);
      if (samples === undefined || samples.length === 0) continue;
      const sorted = [...samples].sort((a, b) => a - b);
      return {
        median: percentile(sorted, 0.5),
        low: percentile(sorted, 0.25),
        high: percentile(sorted, 0.75),
      };
    }
    return undefined;
  }
}
