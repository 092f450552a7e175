import { wholeOption } from './check-option';

export interface RequestBudgetOptions {
  /**
   * Requests in any minute: the vendor's unit (per account; 1,000 by default, says its rate
   * limit guide). Default 1,000 when `requestsPerSecond` is not given either, else no minute limit.
   */
  requestsPerMinute?: number | undefined;
  /**
   * Requests in any second. Default: `requestsPerMinute / 60`, rounded up, so a minute's budget
   * is spread evenly over it rather than spent in a burst that leaves the rest of the minute
   * with nothing (for polls that come due).
   */
  requestsPerSecond?: number | undefined;
}

/** Added to the vendor's windows: 20 ms for the way to the server (as `RequestGate` does). */
const windowMarginMs = 20;
/** A 429 halves the budget, down to this share of it at most. */
const lowestShare = 1 / 16;
/** Every `recoveryIntervalMs` without a 429, the budget grows back by this share, up to 1. */
const recoveryStep = 0.1;
const recoveryIntervalMs = 10_000;
/** 429s within this long of the one that lowered the budget are answers to the same burst. */
const throttleEpisodeMs = 1_000;

interface Window {
  ms: number;
  limit: number;
}

/**
 * A request budget over sliding windows (a minute and a second), shared by every task of a
 * batch, never exceeded: a request may be sent at `now` only while fewer than the limit were
 * sent in the window before it. Pure bookkeeping on the times you pass (no timers), so it runs
 * on any clock.
 *
 * A 429 (`throttle`) means the server counts less than we were told: the budget is halved for
 * everyone (once per burst, down to a sixteenth), nothing is sent before the server's
 * Retry-After, and the budget grows back by a tenth every 10 s without a 429 (additive
 * increase, multiplicative decrease, as TCP does).
 */
export class RequestBudget {
  /** The minute's limit, after defaults; undefined: none. */
  readonly requestsPerMinute: number | undefined;
  /** The second's limit, after defaults; undefined: none. */
  readonly requestsPerSecond: number | undefined;
  /** Send times still inside the longest window, oldest first. */
  readonly #sent: number[] = [];
  #shareAtThrottle = 1;
  #throttledAt = Number.NEGATIVE_INFINITY;
  #closedUntil = Number.NEGATIVE_INFINITY;

  /** Throws `RequestValidationError` when a limit is not a whole number above 0. */
  constructor(options: RequestBudgetOptions = {}) {
    const perSecond = wholeOption(options.requestsPerSecond, 'requestsPerSecond', undefined, 1);
    const perMinute =
      wholeOption(options.requestsPerMinute, 'requestsPerMinute', undefined, 1) ??
      (perSecond === undefined ? 1_000 : undefined);
    this.requestsPerMinute = perMinute;
    this.requestsPerSecond =
      perSecond ?? (perMinute === undefined ? undefined : Math.ceil(perMinute / 60));
  }

  /** The share of the budget in force at `now`: 1, or less after a 429 until it recovers. */
  share(now: number): number {
    const steps = Math.floor((now - this.#throttledAt) / recoveryIntervalMs);
    return Math.min(1, this.#shareAtThrottle + recoveryStep * steps);
  }

  #windows(now: number): Window[] {
    const share = this.share(now);
    const windows: Window[] = [];
    const scaled = (limit: number) => Math.max(1, Math.floor(limit * share));
    if (this.requestsPerMinute !== undefined) {
      windows.push({ ms: 60_000 + windowMarginMs, limit: scaled(this.requestsPerMinute) });
    }
    if (this.requestsPerSecond !== undefined) {
      windows.push({ ms: 1_000 + windowMarginMs, limit: scaled(this.requestsPerSecond) });
    }
    return windows;
  }

  /** Requests per millisecond the budget allows in the long run at `now`. */
  rate(now: number): number {
    const rates = this.#windows(now).map((window) => window.limit / (window.ms - windowMarginMs));
    return rates.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...rates);
  }

  /** Milliseconds from `now` until one more request may be sent; 0 when it may go now. */
  waitMs(now: number): number {
    const longest = 60_000 + windowMarginMs;
    while (this.#sent.length > 0 && (this.#sent[0] as number) <= now - longest) this.#sent.shift();
    let wait = Math.max(0, this.#closedUntil - now);
    for (const window of this.#windows(now)) {
      const inside = this.#sent.length - firstAfter(this.#sent, now - window.ms);
      if (inside < window.limit) continue;
      // The oldest sends must leave the window until one fewer than the limit is left in it.
      const leaving = this.#sent[this.#sent.length - window.limit] as number;
      wait = Math.max(wait, leaving + window.ms - now);
    }
    return Math.ceil(wait);
  }

  /** Counts a request sent at `now`, if the budget allows it; false (nothing counted) if not. */
  take(now: number): boolean {
    if (this.waitMs(now) > 0) return false;
    this.#sent.push(now);
    return true;
  }

  /**
   * The server answered 429: lowers the budget for everyone (see the class) and holds every
   * request back for `retryAfterMs` (the server's Retry-After, capped as a retry's is). The
   * `underWay` requests let through before the 429 was seen may be held by the client's own
   * pause until the same moment: they are counted again as sent then.
   */
  throttle(now: number, retryAfterMs = 0, underWay = 0): void {
    if (now - this.#throttledAt >= throttleEpisodeMs) {
      this.#shareAtThrottle = Math.max(lowestShare, this.share(now) / 2);
      this.#throttledAt = now;
    }
    const reopens = now + retryAfterMs;
    this.#closedUntil = Math.max(this.#closedUntil, reopens);
    const at = firstAfter(this.#sent, reopens);
    this.#sent.splice(at, 0, ...Array.from({ length: underWay }, () => reopens));
  }
}

/** The index of the first time in `sorted` after `time`. */
function firstAfter(sorted: readonly number[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}
