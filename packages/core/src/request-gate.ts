import type { Clock } from './clock';

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort(): void;
}

/** Length of the rate window, in milliseconds. */
const windowMs = 1000;

/**
 * The client-wide door every request passes: at most `maxPerSecond` requests in any one-second
 * window, served first come first served so every job gets its turn, and closed for everyone
 * while the server has asked (429) to wait.
 */
export class RequestGate {
  readonly #clock: Clock;
  readonly #maxPerSecond: number | undefined;
  /** Send times of the last `maxPerSecond` requests, oldest first. */
  readonly #sent: number[] = [];
  readonly #queue: Waiter[] = [];
  #closedUntil = 0;
  #timer: AbortController | undefined;

  constructor(clock: Clock, maxPerSecond?: number) {
    this.#clock = clock;
    this.#maxPerSecond = maxPerSecond;
  }

  /** Resolves when this request may be sent. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#waitMs() === 0) {
      this.#record();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          reject(signal?.reason);
          if (this.#queue.length === 0) this.#stopTimer();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /** Holds every request back for `ms` (the server's Retry-After). */
  closeFor(ms: number): void {
    this.#closedUntil = Math.max(this.#closedUntil, this.#clock.now() + ms);
  }

  #waitMs(): number {
    const now = this.#clock.now();
    let wait = Math.max(0, this.#closedUntil - now);
    const max = this.#maxPerSecond;
    if (max !== undefined && this.#sent.length >= max) {
      wait = Math.max(wait, (this.#sent[0] ?? now) + windowMs - now);
    }
    // Whole milliseconds: timers round, and a wait that rounds to zero would spin.
    return Math.ceil(wait);
  }

  #record(): void {
    if (this.#maxPerSecond === undefined) return;
    this.#sent.push(this.#clock.now());
    if (this.#sent.length > this.#maxPerSecond) this.#sent.shift();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const timer = new AbortController();
    this.#timer = timer;
    this.#clock.sleep(this.#waitMs(), timer.signal).then(
      () => {
        this.#timer = undefined;
        this.#drain();
      },
      () => undefined,
    );
  }

  #stopTimer(): void {
    this.#timer?.abort();
    this.#timer = undefined;
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#waitMs() === 0) {
      const waiter = this.#queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#record();
      waiter.resolve();
    }
    if (this.#queue.length > 0) this.#schedule();
  }
}
