import type { Clock } from '../clock';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
  cancelled: boolean;
}

/** Lets every callback and promise that is ready run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock whose time moves only when `run` moves it, straight to the next timer: an hour of
 * polling takes milliseconds, scheduled exactly as on the real clock.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  /** A binary heap by time, then by order of creation. */
  readonly #timers: Timer[] = [];

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
    for (let idle = 0; !done; ) {
      await settle();
      if (done) break;
      const next = this.#pop();
      if (next === undefined) {
        if (++idle > 100) throw new Error('VirtualClock: nothing scheduled and not done');
        continue;
      }
      idle = 0;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    return watched;
  }

  #before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(timer: Timer): void {
    const heap = this.#timers;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#timers;
    while (heap.length > 0) {
      const top = heap[0] as Timer;
      const last = heap.pop() as Timer;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let least = i;
          if (left < heap.length && this.#before(heap[left] as Timer, heap[least] as Timer)) {
            least = left;
          }
          if (right < heap.length && this.#before(heap[right] as Timer, heap[least] as Timer)) {
            least = right;
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
