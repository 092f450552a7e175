import type { Clock } from './clock';

/**
 * The clock's time as a store that moves every `intervalMs` while anyone listens: for what a
 * face shows counting (time elapsed, an ETA between polls), so that no face keeps a timer of
 * its own. `subscribe` and `getSnapshot` fit React's `useSyncExternalStore`; the snapshot is
 * the same number between ticks, and the ticking stops when the last listener leaves.
 */
export class Ticker {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #listeners = new Set<() => void>();
  #now: number;
  #stop: AbortController | undefined;

  /** `intervalMs`: milliseconds between ticks. Default 1 000. */
  constructor(clock: Clock, intervalMs = 1_000) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#now = clock.now();
  }

  /** Calls `listener` on every tick; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#stop === undefined) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#stop?.abort();
        this.#stop = undefined;
      }
    };
  };

  /** The clock's time as of the last tick (clock milliseconds). */
  getSnapshot = (): number => this.#now;

  #start(): void {
    const stop = new AbortController();
    this.#stop = stop;
    this.#now = this.#clock.now();
    const tick = (): void => {
      this.#clock.sleep(this.#intervalMs, stop.signal).then(
        () => {
          this.#now = this.#clock.now();
          for (const listener of [...this.#listeners]) listener();
          tick();
        },
        () => undefined,
      );
    };
    tick();
  }
}
