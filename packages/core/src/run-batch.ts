import { BatchScheduler, type ScheduledStep } from './batch-scheduler';
import { wholeOption } from './check-option';
import { type Clock, systemClock } from './clock';
import { DurationStats } from './duration-stats';
import { LemonVideoError, RateLimitError } from './errors';
import { type PollOptions, pollStrategy } from './poll-strategy';
import { RequestBudget, type RequestBudgetOptions } from './request-budget';
import { longestRetryDelayMs } from './retry-policy';
import type { TaskState } from './task-state';
import { step, type TaskStepClient } from './task-step';
import { assertTaskState, recoverTask } from './task-transitions';

export interface BatchOptions extends RequestBudgetOptions {
  /**
   * Most tasks active (created, or being created, and not ended) at once: a whole number above
   * 0. Default: as many as the budget can afford, which the batch works out as it learns how
   * many requests a task needs and how long it runs.
   */
  concurrency?: number | undefined;
  /**
   * Awaited with every new state of a task, before that task takes another step: the
   * `creating` state before its create is sent, and each state a step returns (and each
   * `creating` state given, as `mayHaveCreatedTask`). Save it there to survive a crash;
   * report progress from it. If it throws, the batch stops as on `signal` and rejects with it.
   */
  onState?: ((state: TaskState) => unknown) | undefined;
  /** Stops the batch: no new step; steps under way finish and their states are reported. */
  signal?: AbortSignal | undefined;
  /** The timing of spare polls. Default: adaptive between 1 s and 10 s, as a single job polls. */
  poll?: PollOptions | undefined;
  /** What is known of how long tasks take, and where the batch learns it. Default: a new one. */
  stats?: DurationStats | undefined;
  /** Where time comes from. Default: the system clock. */
  clock?: Clock | undefined;
}

/**
 * Runs many generations under one request budget, in this process, and resolves with their
 * states in the order given once each is settled (`completed`, `failed`, `cancelled` or
 * `mayHaveCreatedTask`), or, after `signal` aborted, as they stand: pass the unsettled ones to
 * `runBatch` again to go on. `tasks` are new (`queuedTask`) or saved states; each must have
 * its own `key`. A `creating` state (saved just before a crash) is reported as
 * `mayHaveCreatedTask` and never sent again.
 *
 * Every request counts against the budget (`requestsPerMinute`, default 1,000, the vendor's
 * default; and `requestsPerSecond`), never exceeded; which task steps when is the
 * `BatchScheduler`'s call; a 429 lowers the budget for all tasks until it recovers
 * (`RequestBudget`). `client` must send each request the moment it is called, once: a
 * `LemonVideo` created with `maxRetries: 0` (the batch retries across steps, within its
 * budget) and without `maxRequestsPerSecond` (the budget is the batch's).
 *
 * Rejects with `LemonVideoError` when `client` retries inside a call, when two tasks share a key,
 * when a state is of a version this package does not read, or when a budget or `concurrency`
 * is not a whole number above 0 (`RequestValidationError`).
 */
export async function runBatch(
  client: TaskStepClient,
  tasks: readonly TaskState[],
  options: BatchOptions = {},
): Promise<TaskState[]> {
  const maxRetries = (client as { maxRetries?: unknown }).maxRetries;
  if (typeof maxRetries === 'number' && maxRetries > 0) {
    throw new LemonVideoError(
      `runBatch needs a client with maxRetries: 0 (it has ${maxRetries}): each step must be one request, counted against the budget. The batch retries by itself.`,
    );
  }
  for (const state of tasks) assertTaskState(state);
  const concurrency = wholeOption(options.concurrency, 'concurrency', undefined, 1);
  const clock = options.clock ?? systemClock;
  const { onState, signal } = options;
  const budget = new RequestBudget(options);
  const strategy = pollStrategy(options.poll);
  const stats = options.stats ?? new DurationStats();
  const now = clock.now();
  const recovered = tasks.map((state) => recoverTask(state, now));
  const scheduler = new BatchScheduler(recovered, { strategy, stats, concurrency });
  for (const [index, state] of recovered.entries()) {
    if (state !== tasks[index]) await onState?.(state);
  }

  let failure: { error: unknown } | undefined;
  let waking: AbortController | undefined;
  const wake = () => waking?.abort();
  const stopped = () => signal?.aborted === true || failure !== undefined;
  signal?.addEventListener('abort', wake, { once: true });
  /** Steps under way, by task: whether their request was answered, until when it may be held. */
  const underWay = new Map<string, { done: Promise<void>; answered: boolean; heldUntil: number }>();

  /** A 429: the client's own pause (as long as ours) may hold the other steps' requests. */
  const throttle = (key: string, pauseMs: number) => {
    const at = clock.now();
    let held = 0;
    for (const [other, going] of underWay) {
      if (other === key || going.answered || going.heldUntil >= at + pauseMs) continue;
      going.heldUntil = at + pauseMs;
      held += 1;
    }
    budget.throttle(at, pauseMs, held);
  };

  const run = async (picked: ScheduledStep, going: { answered: boolean }) => {
    const result = await step(picked.state, { client, clock, persist: onState, poll: strategy });
    going.answered = true;
    if (result.error instanceof RateLimitError) {
      throttle(picked.key, longestRetryDelayMs(result.error, 0));
    }
    if (result.state !== picked.state) await onState?.(result.state);
    scheduler.settle(picked.key, result.state);
  };

  try {
    while (!stopped() && !scheduler.finished) {
      const at = clock.now();
      const wait = budget.waitMs(at);
      const picked = wait > 0 ? { wakeAt: at + wait } : scheduler.next(at, budget.rate(at));
      if ('key' in picked) {
        budget.take(at);
        const going = { done: Promise.resolve(), answered: false, heldUntil: at };
        underWay.set(picked.key, going);
        going.done = run(picked, going)
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => {
            underWay.delete(picked.key);
            wake();
          });
        continue;
      }
      waking = new AbortController();
      const asleep = waking.signal;
      const until = picked.wakeAt;
      await new Promise<void>((resolve) => {
        asleep.addEventListener('abort', () => resolve(), { once: true });
        if (until !== null) clock.sleep(until - at, asleep).then(resolve, () => undefined);
      });
      waking.abort();
    }
    while (underWay.size > 0) await Promise.all([...underWay.values()].map((going) => going.done));
  } finally {
    signal?.removeEventListener('abort', wake);
  }
  if (failure !== undefined) throw failure.error;
  return scheduler.states();
}
