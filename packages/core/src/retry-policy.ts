import { APIError, ConnectionError } from './errors';

/** Statuses a read or a cancel may retry: the server did not act, or failed on the way. */
const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);
/** The longest `Retry-After` honoured, in seconds. */
const maxRetryAfterSeconds = 60;
const baseDelayMs = 500;
const maxBackoffMs = 8_000;

/**
 * Whether a failed attempt may be sent again. A create (`POST`) only where the server
 * certainly refused it: the API has no idempotency key, so any other retry could bill twice.
 */
export function isRetryable(error: unknown, method: string): boolean {
  if (method === 'POST') {
    return (
      error instanceof APIError &&
      (error.status === 429 || (error.status === 503 && error.retryAfter !== undefined))
    );
  }
  if (error instanceof ConnectionError) return !error.timeout;
  if (!(error instanceof APIError)) return false;
  return retryableStatuses.has(error.status) || error.code === 'invalid_response';
}

/** Capped exponential backoff with jitter, or the server's `Retry-After` (capped at 60 s). */
export function retryDelayMs(error: unknown, attempt: number, random = Math.random): number {
  if (error instanceof APIError && error.retryAfter !== undefined) {
    return Math.min(error.retryAfter, maxRetryAfterSeconds) * 1000;
  }
  const exponential = Math.min(baseDelayMs * 2 ** attempt, maxBackoffMs);
  return exponential * (0.5 + random() / 2);
}
