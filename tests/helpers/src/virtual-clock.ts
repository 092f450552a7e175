/** What `@lemonvideo/core` calls a `Clock`, said again here so that this package needs no core. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

interface Timer {
  at: number;
  seq: number;
  cancelled: boolean;
  resolve(): void;
}

/** Lets every callback and promise that is ready run, timers of the real clock aside. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** By time, then by order of creation. */
const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A clock whose time moves only when `run` or `runUntil` moves it, straight to the next timer:
 * an hour of polling takes milliseconds, scheduled exactly as on the real clock. Timers sit in a
 * binary heap, so thousands of concurrent jobs cost a logarithm each, not a sort.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #heap: Timer[] = [];

  /** `start`: the first `now()`, in milliseconds. Default: 1_750_000_000_000 (June 2025). */
  constructor(start = 1_750_000_000_000) {
    this.#now = start;
  }

  now = (): number => this.#now;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        timer.cancelled = true;
        reject(signal?.reason);
      };
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        cancelled: false,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#push(timer);
    });

  /** Fires timers in time order until `promise` settles; returns its outcome. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const watched = promise.finally(() => {
      done = true;
    });
    watched.catch(() => undefined);
    await this.runUntil(() => done);
    return watched;
  }

  /**
   * Runs callbacks and fires timers in time order until `done()` is true. Throws when nothing is
   * scheduled and `done()` stays false through 1,000 rounds of callbacks (the code under test
   * waits on something this clock does not drive).
   */
  async runUntil(done: () => boolean): Promise<void> {
    for (let idle = 0; !done(); ) {
      await settle();
      if (done()) return;
      const next = this.#pop();
      if (next === undefined) {
        if (++idle > 1_000) throw new Error('VirtualClock: nothing scheduled and not done');
        continue;
      }
      idle = 0;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  /** The earliest timer not cancelled, taken off the heap. */
  #pop(): Timer | undefined {
    const heap = this.#heap;
    while (heap.length > 0) {
      const top = heap[0] as Timer;
      const last = heap.pop() as Timer;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          let least = i;
          if (left < heap.length && before(heap[left] as Timer, heap[least] as Timer)) least = left;
          if (left + 1 < heap.length && before(heap[left + 1] as Timer, heap[least] as Timer)) {
            least = left + 1;
          }
          if (least === i) break;
          [heap[i], heap[least]] = [heap[least] as Timer, heap[i] as Timer];
          i = least;
        }
      }
      if (!top.cancelled) return top;
    }
    return undefined;
  }
}
