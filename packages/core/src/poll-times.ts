import type { DurationStats, TypicalDuration } from './duration-stats';
import {
  clamp,
  type PollContext,
  type PollStrategy,
  type ProgressSample,
  windowOf,
} from './poll-strategy';
import { isSettled, type TaskState } from './task-state';
import { durationKeys } from './task-transitions';

/**
 * Without any estimate of the end, the first budget-bound poll waits this long: the vendor's
 * shortest tasks take about 30 s.
 */
const blindFirstWaitMs = 30_000;
/** The longest budget-bound wait between two polls of a running task. */
const longestThriftyWaitMs = 60_000;
const shortestWaitMs = 1_000;

/** When to poll a task next, in clock milliseconds. A time already past means now. */
export interface PollTimes {
  /**
   * When the poll strategy of a single job would poll (adaptive: sparse while the end is far,
   * every second inside its window): what spare requests buy, a shorter detection delay.
   */
  eagerAt: number;
  /**
   * When a poll is expected to see the end: the end of the window the task should end in (from
   * its progress rate, or from how long tasks like it took), or, with no estimate, after half
   * its age again (at least 30 s); past the window, after a fifth of its age (1 to 60 s). What
   * a scarce budget is spent on. Never before `eagerAt`; the same while a request keeps failing.
   */
  dueAt: number;
}

export interface PollTimesOptions {
  /** The single-job timing (`eagerAt`). */
  strategy: PollStrategy;
  /** How long tasks took, by `durationKeys`. Default: none known. */
  stats?: DurationStats | undefined;
}

/**
 * How long tasks like `state` took, by `durationKeys`: only for a task this state created (a
 * followed task's start is unknown), as for a `VideoJob`.
 */
export const typicalDurationOf = (
  state: TaskState,
  stats: DurationStats | undefined,
): TypicalDuration | undefined =>
  state.params === null ? undefined : stats?.typical(...durationKeys(state));

/** What a poll strategy knows of `state`, as of its last change. */
export function pollContext(
  state: TaskState,
  typicalDuration: TypicalDuration | undefined,
): PollContext {
  return {
    now: state.updatedAt,
    createdAt: state.createdAt ?? state.addedAt,
    samples: state.samples,
    typicalDuration,
    failures: state.failures,
    retryAfterMs: state.retryAfterMs ?? undefined,
  };
}

/** The budget-bound time: when a poll is expected to see the end. */
function thriftyAt(state: TaskState, typical: TypicalDuration | undefined): number {
  const at = state.updatedAt;
  const createdAt = state.createdAt ?? at;
  // A task created here was at 0% when it was created: with one reported value, a rate.
  const first = state.samples[0];
  const samples: ProgressSample[] =
    state.params !== null && first !== undefined && first.progress > 0 && first.at > createdAt
      ? [{ at: createdAt, progress: 0 }, ...state.samples]
      : state.samples;
  const window = windowOf({ ...pollContext(state, typical), createdAt, samples });
  const age = at - createdAt;
  if (window === null) return at + clamp(age * 0.5, blindFirstWaitMs, longestThriftyWaitMs);
  if (at < window.to) return window.to;
  return at + clamp(age * 0.2, shortestWaitMs, longestThriftyWaitMs);
}

/**
 * When the single-job timing steps `state` next (`PollTimes.eagerAt`; pure, but the strategy
 * may add jitter): null once it is settled. A task queued or known only by its id goes at once;
 * after a failure, the strategy's backoff, never before the server's Retry-After. What `step`
 * returns as `wakeAt`, and what a `VideoJob` sleeps until.
 */
export function eagerAt(state: TaskState, options: PollTimesOptions): number | null {
  if (isSettled(state)) return null;
  const at = state.updatedAt;
  const unseen = state.phase === 'running' && state.status === null;
  if (
    state.phase === 'creating' ||
    (state.failures === 0 && (state.phase === 'queued' || unseen))
  ) {
    return at;
  }
  const typical = typicalDurationOf(state, options.stats);
  return at + options.strategy.nextDelay(pollContext(state, typical));
}

/**
 * When to step `state` next (pure; the strategy may add jitter): null once it is settled. A
 * task queued or known only by its id goes at once; after a failure, both times are the
 * strategy's backoff, never before the server's Retry-After. A single job (`VideoJob`) or an
 * unconstrained driver sleeps until `eagerAt`; a driver bound by a request budget polls at
 * `dueAt`, and at `eagerAt` only with requests to spare (as `runBatch` does). A BullMQ worker
 * would move its job to the delayed set until one of them, while BullMQ's rate limiter holds
 * the budget. What tasks like it took counts only for a task this state created (a followed
 * task's start is unknown), as for a `VideoJob`.
 */
export function pollTimes(state: TaskState, options: PollTimesOptions): PollTimes | null {
  const eager = eagerAt(state, options);
  if (eager === null) return null;
  // Only a task seen running, with no request failing, has an end to aim a poll at.
  if (state.phase !== 'running' || state.status === null || state.failures > 0) {
    return { eagerAt: eager, dueAt: eager };
  }
  const typical = typicalDurationOf(state, options.stats);
  return { eagerAt: eager, dueAt: Math.max(eager, thriftyAt(state, typical)) };
}
