import type { Clock } from '@lemonvideo/core';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

/** Lets every callback and promise that is ready run, timers of the real clock aside. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock whose time only moves when `runUntil` moves it, to the next timer: a task of five
 * minutes is polled in milliseconds, exactly as the real clock would schedule it.
 */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  readonly #timers: Timer[] = [];

  now = (): number => this.#now;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.#timers.splice(this.#timers.indexOf(timer), 1);
        reject(signal?.reason);
      };
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });

  /** Runs callbacks and fires timers in time order until `done()` is true. */
  async runUntil(done: () => boolean): Promise<void> {
    for (let idle = 0; !done(); ) {
      await settle();
      if (done()) return;
      if (this.#timers.length === 0) {
        if (++idle > 1_000) throw new Error('VirtualClock: nothing scheduled and not done');
        continue;
      }
      idle = 0;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift() as Timer;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
  }
}
