import { LemonVideoError } from '@lemonvideo/core';

/**
 * The share of `requestsPerMinute` the queue plans to spend. The rest absorbs how much longer one
 * request takes than another to be counted by the server after its job started (a worker or the
 * server busy for a moment, a create's save before it is sent), so that the server, counting on
 * its own clock, never sees more than the budget: a fifth of each second, about 200 ms. (With a
 * tenth, a CI machine's two busy cores once let 51 requests of a budget of 50 meet in a second.)
 */
const plannedShare = 0.8;

/**
 * BullMQ's limiter for a request budget: one job start every `duration` ms across every worker of
 * the queue (the limiter's counter lives in Redis), i.e. `requestsPerMinute` spread evenly, 80 %
 * of it planned. A job run sends at most one request, so the API sees at most that many: in any
 * minute at most `requestsPerMinute`, and in any second at most a sixtieth of it (rounded up),
 * with a fifth of the time to spare for the way to the server. (A limiter of
 * `max` jobs per window would let two windows' bursts meet within one second: BullMQ's window
 * starts at the first job after the last one closed.)
 *
 * Throws `LemonVideoError` unless `requestsPerMinute` is a whole number above 0.
 */
export function limiterFor(requestsPerMinute: number): { max: 1; duration: number } {
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute <= 0) {
    throw new LemonVideoError(
      `requestsPerMinute: must be a whole number above 0 (got ${requestsPerMinute}).`,
    );
  }
  return { max: 1, duration: Math.ceil(60_000 / (requestsPerMinute * plannedShare)) };
}
