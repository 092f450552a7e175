import { apiError } from './errors';
import type { Reply } from './reply';

/** Requests allowed per window, per API key. */
export interface RateLimit {
  /** Requests allowed in one window. */
  readonly limit: number;
  /** The window's length, in real milliseconds. */
  readonly windowMs: number;
}

/** What the limiter says of one request: let through, or a 429 with these headers. */
export interface RateDecision {
  /** False: answer 429 with `headers` and `Retry-After: retryAfterSeconds`. */
  readonly allowed: boolean;
  /** `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds). */
  readonly headers: Record<string, string>;
  /** Whole seconds until the window resets, at least 1. */
  readonly retryAfterSeconds: number;
}

/**
 * A fixed window per key, on the real clock (the simulation `speed` does not apply): how the
 * simulator answers 429. `now` is injectable, so a benchmark can run it on virtual time.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number,
  ) {}

  /** Counts one request against `key`'s window (each key has its own) and decides it. */
  consume(key: string): RateDecision {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now >= window.startedAt + this.rate.windowMs) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    const allowed = window.count < this.rate.limit;
    if (allowed) window.count += 1;
    const resetAt = window.startedAt + this.rate.windowMs;
    return {
      allowed,
      headers: {
        'X-RateLimit-Limit': String(this.rate.limit),
        'X-RateLimit-Remaining': String(this.rate.limit - window.count),
        'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
      },
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }
}

/**
 * The simulator's 429 for a refused `decision`, in the vendor's error envelope: `type` and
 * `code` `rate_limit_exceeded`, `retryable: true`, `retry_after` in seconds, with the
 * `X-RateLimit-*` headers and `Retry-After`. A benchmark that answers without HTTP sends the
 * same.
 */
export function rateLimitedReply(decision: RateDecision): Reply {
  const seconds = decision.retryAfterSeconds;
  const reply = apiError(
    429,
    'rate_limit_exceeded',
    `Rate limit exceeded. Retry after ${seconds} seconds.`,
    { retry_after: seconds },
  );
  return { ...reply, headers: { ...decision.headers, ...reply.headers } };
}
