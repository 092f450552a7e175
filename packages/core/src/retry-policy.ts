import { errorKind } from './error-kind';
import { APIError, ConnectionError } from './errors';

/** The longest `Retry-After` honoured, in seconds. */
const maxRetryAfterSeconds = 60;
const baseDelayMs = 500;
const maxBackoffMs = 8_000;

/**
 * Whether the same request may succeed later: the connection failed or timed out, or the
 * server did not act (408, 429), failed (5xx) or answered something unreadable (the
 * `transient` kind). Any other answer will not change by asking again.
 */
export function isTransient(error: unknown): boolean {
  return errorKind(error) === 'transient';
}

/**
 * Whether a failed attempt may be sent again within its call. A read or a cancel when the
 * failure is transient, but not a timeout (the call is out of time). A create (`POST`) only
 * where the server certainly refused it: the API has no idempotency key, so any other retry
 * could bill twice.
 */
export function isRetryable(error: unknown, method: string): boolean {
  if (method === 'POST') {
    return (
      error instanceof APIError &&
      (error.status === 429 || (error.status === 503 && error.retryAfter !== undefined))
    );
  }
  return isTransient(error) && !(error instanceof ConnectionError && error.timeout);
}

/** Capped exponential backoff with jitter, or the server's `Retry-After` (capped at 60 s). */
export function retryDelayMs(error: unknown, attempt: number): number {
  const longest = longestRetryDelayMs(error, attempt);
  return error instanceof APIError && error.retryAfter !== undefined
    ? longest
    : longest * (0.5 + Math.random() / 2);
}

/** The longest `retryDelayMs` can be: the server's `Retry-After` (capped), or the backoff before jitter. */
export function longestRetryDelayMs(error: unknown, attempt: number): number {
  if (error instanceof APIError && error.retryAfter !== undefined) {
    return Math.min(error.retryAfter, maxRetryAfterSeconds) * 1000;
  }
  return Math.min(baseDelayMs * 2 ** attempt, maxBackoffMs);
}
