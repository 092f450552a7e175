import type { CallOptions, CreateOptions } from './call-signal';
import { type Clock, systemClock } from './clock';
import type { DurationStats } from './duration-stats';
import { type PollOptions, type PollStrategy, pollStrategy } from './poll-strategy';
import { pollTimes } from './poll-times';
import type { CreateVideoParams, TaskRef, VideoTask } from './task';
import type { TaskState } from './task-state';
import {
  applyFailure,
  applyTask,
  assertTaskState,
  nextRequest,
  prepareCreate,
  recoverTask,
} from './task-transitions';
import { assertValidCreateParams } from './validate-params';

/**
 * What a step sends its one request through: a `LemonVideo` client is one. For one step to be
 * one HTTP request, create the client with `maxRetries: 0` (its reads are otherwise retried
 * inside the call; a create is only ever retried where the server certainly refused it): the
 * step machine rides out failures itself, across steps.
 */
export interface TaskStepClient {
  readonly videos: {
    create(params: CreateVideoParams, options?: CreateOptions): Promise<VideoTask>;
  };
  readonly tasks: {
    retrieve(task: TaskRef, options?: CallOptions): Promise<VideoTask>;
  };
}

export interface StepOptions {
  client: TaskStepClient;
  /**
   * Awaited with the `creating` state before a create is sent: save it where a restarted
   * driver will find it. If it throws, nothing is sent and the step rejects with its error.
   */
  persist?: ((state: TaskState) => unknown) | undefined;
  /** Where time comes from. Default: the system clock. */
  clock?: Clock | undefined;
  /** How long tasks took, for the poll timing (`wakeAt`). Default: none known. */
  stats?: DurationStats | undefined;
  /** The poll timing of `wakeAt`. Default: adaptive between 1 s and 10 s. */
  poll?: PollOptions | PollStrategy | undefined;
  /** Aborts the request; the step then rejects with the signal's reason and changes nothing. */
  signal?: AbortSignal | undefined;
  /**
   * Check a create against its model's details first (see the client's `checkModels`), which
   * the first create of a model in a client reads from the public catalogue: a second request
   * in that step. Default true. A driver that must send at most one request per step (a queue
   * worker under a shared budget) passes false, and checks its tasks when it takes them in.
   */
  checkModel?: boolean | undefined;
}

export interface StepResult {
  /** The new state: save it before the next step. */
  state: TaskState;
  /**
   * When to step again (clock milliseconds; a time already past means now), by the poll
   * timing a single job uses (`pollTimes(state).eagerAt`); null once the state is settled.
   */
  wakeAt: number | null;
  /**
   * When to step again under a request budget shared with other tasks (a queue's rate limiter,
   * a batch): when a poll is expected to see the end (`pollTimes(state).dueAt`), never before
   * `wakeAt`; null once the state is settled. Waking here rather than at `wakeAt` spends fewer
   * requests per task, for a later sight of its end.
   */
  dueAt: number | null;
  /** The request this step sent: `create`, `poll`, or null when it sent none. */
  sent: 'create' | 'poll' | null;
  /** The task the API answered with, as read (the state keeps the part it needs). */
  task: VideoTask | null;
  /** The error the request failed with (or the parameters broke), as thrown; undefined if none. */
  error: unknown;
}

const toStrategy = (poll: StepOptions['poll']): PollStrategy =>
  poll !== undefined && 'nextDelay' in poll ? poll : pollStrategy(poll);

/**
 * Moves a task one step on, sending at most one request:
 *
 * - `queued`: checks the parameters against the spec (`failed`, nothing sent, when they break
 *   it), makes the `creating` state, awaits `persist` with it, then sends the create.
 * - `creating`: sends nothing. A `creating` state handed to `step` is one whose create was
 *   sent (or about to be) by a driver that stopped before saving its answer: it becomes
 *   `mayHaveCreatedTask`, never sent again.
 * - `running`: sends one poll.
 * - settled (`completed`, `failed`, `cancelled`, `mayHaveCreatedTask`): nothing.
 *
 * Every failure of the request is in the returned state (see `applyFailure`); the step rejects
 * only when `persist` throws, when `signal` aborts (with its reason), or when `state` is of a
 * version this package does not read.
 *
 * The protocol of a durable driver (a queue worker, a batch that survives restarts): load the
 * state; call `step` with a `persist` that saves the `creating` state; save the returned
 * `state` before anything else (before another step, before reporting); wake at `wakeAt`, or
 * at `dueAt` under a shared request budget. A crash anywhere leaves either the state before the step (a
 * poll is simply sent again), or `creating`, which the next step reports as
 * `mayHaveCreatedTask`: a create is never sent twice.
 */
export async function step(state: TaskState, options: StepOptions): Promise<StepResult> {
  assertTaskState(state);
  const { client, signal, clock = systemClock } = options;
  const done = (
    next: TaskState,
    sent: StepResult['sent'],
    task: VideoTask | null,
    error?: unknown,
  ): StepResult => {
    const times = pollTimes(next, { strategy: toStrategy(options.poll), stats: options.stats });
    return {
      state: next,
      wakeAt: times?.eagerAt ?? null,
      dueAt: times?.dueAt ?? null,
      sent,
      task,
      error,
    };
  };
  signal?.throwIfAborted();
  const sent = nextRequest(state);
  let from = state;
  let send: () => Promise<VideoTask>;
  if (sent === 'create') {
    const params = state.params as CreateVideoParams;
    try {
      assertValidCreateParams(params);
    } catch (error) {
      return done(applyFailure(state, error, clock.now()), null, null, error);
    }
    from = prepareCreate(state, clock.now());
    await options.persist?.(from);
    send = () => client.videos.create(params, { signal, checkModel: options.checkModel });
  } else if (sent === 'poll') {
    const ref = { id: state.taskId as string, pollUrl: state.pollUrl };
    send = () => client.tasks.retrieve(ref, { signal });
  } else {
    return done(recoverTask(state, clock.now()), null, null);
  }
  try {
    const task = await send();
    return done(applyTask(from, task, clock.now(), { polled: sent === 'poll' }), sent, task);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return done(applyFailure(from, error, clock.now()), sent, null, error);
  }
}
