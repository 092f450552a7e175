import type { Clock } from './clock';

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort(): void;
}

/**
 * Length of the rate window, in milliseconds: a second, and 20 ms to spare for the way to the
 * server, where two sends a second apart could arrive a little closer.
 */
const windowMs = 1020;

/**
 * The client-wide door every request passes: at most `maxPerSecond` requests in any one-second
 * window, served first come first served so every job gets its turn, and closed for everyone
 * while the server has asked (429) to wait.
 *
 * A request counts from the moment it is let through until it is sent (`sent()`), and then by
 * its send time: so a burst of work between the two can only delay sends, never crowd them.
 */
export class RequestGate {
  readonly #clock: Clock;
  readonly #maxPerSecond: number | undefined;
  /** Send times within the last window, oldest first. */
  readonly #sent: number[] = [];
  /** Let through, not yet sent. */
  #letThrough = 0;
  readonly #queue: Waiter[] = [];
  #closedUntil = 0;
  #timer: AbortController | undefined;

  constructor(clock: Clock, maxPerSecond?: number) {
    this.#clock = clock;
    this.#maxPerSecond = maxPerSecond;
  }

  /** Resolves when this request may be sent; call `sent()` as it goes out. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#waitMs() === 0) {
      this.#letThrough += 1;
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

  /** Marks a request let through by `acquire` as sent now. */
  sent(): void {
    this.#letThrough -= 1;
    if (this.#maxPerSecond !== undefined) this.#sent.push(this.#clock.now());
    if (this.#queue.length > 0) this.#schedule();
  }

  /** Holds every request back for `ms` (the server's Retry-After). */
  closeFor(ms: number): void {
    this.#closedUntil = Math.max(this.#closedUntil, this.#clock.now() + ms);
  }

  /** Milliseconds until one more request may go; Infinity while only a send can tell. */
  #waitMs(): number {
    const now = this.#clock.now();
    let wait = Math.max(0, this.#closedUntil - now);
    const max = this.#maxPerSecond;
    if (max !== undefined) {
      while (this.#sent.length > 0 && (this.#sent[0] as number) + windowMs <= now) {
        this.#sent.shift();
      }
      if (this.#letThrough + this.#sent.length >= max) {
        const oldest = this.#sent[this.#sent.length - max + this.#letThrough];
        wait = Math.max(wait, oldest === undefined ? Infinity : oldest + windowMs - now);
      }
    }
    // Whole milliseconds: timers round, and a wait that rounds to zero would spin.
    return Math.ceil(wait);
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = this.#waitMs();
    if (wait === 0) {
      this.#drain();
      return;
    }
    // Until a let-through request is sent, only `sent()` can open the gate again.
    if (wait === Infinity) return;
    const timer = new AbortController();
    this.#timer = timer;
    this.#clock.sleep(wait, timer.signal).then(
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
      this.#letThrough += 1;
      waiter.resolve();
    }
    if (this.#queue.length > 0) this.#schedule();
  }
}
