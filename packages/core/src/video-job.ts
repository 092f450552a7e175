import { abortWith, type CallOptions } from './call-signal';
import { positiveOption } from './check-option';
import type { Clock } from './clock';
import type { DurationStats } from './duration-stats';
import { JobDetachedError, LemonVideoError, TaskTimeoutError } from './errors';
import {
  initialSnapshot,
  isTerminal,
  type JobAction,
  type JobSnapshot,
  reduceJob,
} from './job-state';
import { type PollOptions, type PollStrategy, pollStrategy } from './poll-strategy';
import { eagerAt, pollContext, typicalDurationOf } from './poll-times';
import type { CreateVideoParams, TaskRef, VideoTask } from './task';
import { isSettled, type TaskState } from './task-state';
import { step, type TaskStepClient } from './task-step';
import { applyTask, followedTask, queuedTask, recordDuration } from './task-transitions';

export interface JobOptions {
  /** Stops the job: the result rejects with the signal's reason. The server task goes on. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds to wait in all, the create included; `Infinity` waits as long as the task runs.
   * Default 600 000 (10 minutes).
   */
  timeout?: number | undefined;
  /** How to poll. Default: the client's `poll` option, else adaptive between 1 s and 10 s. */
  poll?: PollOptions | undefined;
  /** Also cancel the server task on abort or timeout, where the model allows it. Default false. */
  cancelOnAbort?: boolean | undefined;
  /** Called with every new snapshot. */
  onProgress?: ((snapshot: JobSnapshot) => void) | undefined;
  /** Called once, the moment the API has created the task: save its id before anything else. */
  onCreated?: ((task: VideoTask) => void) | undefined;
}

/** The calls a job sends: the create and the polls (one step at a time), and a cancel. */
export interface JobClient extends TaskStepClient {
  readonly tasks: TaskStepClient['tasks'] & {
    cancel(id: string, options?: CallOptions): Promise<VideoTask>;
  };
}

/** What a job needs from its client. */
export interface JobRuntime {
  readonly clock: Clock;
  /** How long tasks took in this client: learned from its jobs, read by their poll timing. */
  readonly stats: DurationStats;
  /** The client's `poll` option. */
  readonly poll: PollOptions | undefined;
  /** The client, with its retries. */
  readonly client: JobClient;
}

type JobSource = { params: CreateVideoParams } | { task: TaskRef };

export const defaultWaitTimeout = 600_000;

/** Reasons the job's own controllers abort with. */
class TimedOut {}
class Detached {}
class Woken {}

/**
 * One generation, observable: create (or resume), poll with backoff, progress, cancel,
 * result. `subscribe` and `getSnapshot` fit React's `useSyncExternalStore`; the snapshot is
 * the same object until something changes. It drives the step machine (`step`) in this
 * process: one request a step, waiting between steps until the step's `wakeAt`.
 */
export class VideoJob {
  /** The completed task; rejects with why it did not complete. */
  readonly result: Promise<VideoTask>;
  readonly #runtime: JobRuntime;
  readonly #source: JobSource;
  readonly #options: JobOptions;
  readonly #timeout: number;
  readonly #strategy: PollStrategy;
  readonly #listeners = new Set<(snapshot: JobSnapshot) => void>();
  #snapshot: JobSnapshot;
  /** The task as the step machine holds it; made when the job starts. */
  #state: TaskState | undefined;
  #resolve!: (task: VideoTask) => void;
  #reject!: (reason: unknown) => void;
  #started = false;
  #detached = false;
  #settled = false;
  /** Aborts on the caller's signal or the timeout: ends everything, the create included. */
  readonly #life = new AbortController();
  /** Aborts the current wait or poll: on `#life`, detach, or to wake the loop. */
  #turn = new AbortController();
  #cancelRequested: Array<{ resolve(): void; reject(reason: unknown): void }> | undefined;

  /** Throws a `RequestValidationError` when an option breaks its rule (e.g. `timeout: -1`). */
  constructor(runtime: JobRuntime, source: JobSource, options: JobOptions = {}) {
    this.#runtime = runtime;
    this.#source = source;
    this.#options = options;
    this.#timeout = positiveOption(options.timeout, 'timeout', defaultWaitTimeout);
    this.#strategy = pollStrategy(options.poll ?? runtime.poll);
    this.#snapshot = initialSnapshot(runtime.clock.now());
    this.result = new Promise<VideoTask>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Nobody may be listening to `result` (a React app reads snapshots): never an unhandled rejection.
    this.result.catch(() => undefined);
    if (options.onProgress) this.#listeners.add(options.onProgress);
  }

  /** Calls `listener` on every new snapshot; returns the unsubscribe function. */
  subscribe = (listener: (snapshot: JobSnapshot) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The current snapshot: the same object until something changes. */
  getSnapshot = (): JobSnapshot => this.#snapshot;

  /** Starts the job (once; later calls return the same result). */
  start(): Promise<VideoTask> {
    if (this.#started || this.#settled) return this.result;
    this.#started = true;
    void this.#run();
    return this.result;
  }

  /**
   * Cancels the server task, where the model allows it (queued Seedance tasks). Rejects, and
   * the job goes on, when the API refuses (`BadRequestError` or `ConflictError`).
   */
  async cancel(): Promise<void> {
    if (isTerminal(this.#snapshot.status) || !this.#started) return;
    const taskId = this.#state?.taskId ?? null;
    if (taskId === null) {
      await new Promise<void>((resolve, reject) => {
        this.#cancelRequested ??= [];
        this.#cancelRequested.push({ resolve, reject });
      });
      return;
    }
    this.#apply(await this.#runtime.client.tasks.cancel(taskId));
    this.#turn.abort(new Woken());
  }

  /**
   * Stops following the task; it goes on on the server and can be resumed by its id. A create
   * already sent still completes, so its task id is never lost. The result rejects with
   * `JobDetachedError`.
   */
  detach(): void {
    if (this.#settled) return;
    this.#detached = true;
    if (!this.#started) this.#finish(new JobDetachedError(null));
    else if (this.#snapshot.status !== 'submitting') this.#turn.abort(new Detached());
  }

  /** Every snapshot from now to the end; iterating starts the job if it is not running yet. */
  async *[Symbol.asyncIterator](): AsyncGenerator<JobSnapshot, void, undefined> {
    void this.start();
    let wake: (() => void) | undefined;
    const unsubscribe = this.subscribe(() => wake?.());
    const ended = this.result.catch(() => undefined);
    try {
      let last: JobSnapshot | undefined;
      for (;;) {
        const snapshot = this.#snapshot;
        if (snapshot !== last) {
          last = snapshot;
          yield snapshot;
        }
        if (isTerminal(this.#snapshot.status) || this.#settled) return;
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ended]);
      }
    } finally {
      unsubscribe();
    }
  }

  #dispatch(action: JobAction): void {
    const next = reduceJob(this.#snapshot, action);
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) listener(next);
  }

  #finish(error: unknown, task?: VideoTask): void {
    if (this.#settled) return;
    this.#settled = true;
    // Stops the timeout's timer, and anything still listening.
    this.#life.abort();
    for (const request of this.#cancelRequested ?? []) request.reject(error);
    this.#cancelRequested = undefined;
    if (task) this.#resolve(task);
    else this.#reject(error);
  }

  async #run(): Promise<void> {
    const { clock, stats } = this.#runtime;
    const options = this.#options;
    const life = this.#life.signal;
    const unlink = abortWith(options.signal, this.#life);
    life.addEventListener('abort', () => this.#turn.abort(life.reason), { once: true });
    clock.sleep(this.#timeout, life).then(
      () => this.#life.abort(new TimedOut()),
      () => undefined,
    );
    const source = this.#source;
    const now = clock.now();
    if ('params' in source) {
      this.#state = queuedTask(source.params, { now });
      this.#dispatch({ type: 'submit', at: now });
    } else {
      this.#state = followedTask(source.task, { now });
      // A task as the API sent it is shown at once; its first poll waits as any other.
      if (this.#state.status !== null) this.#show(source.task as VideoTask, false);
    }
    let wakeAt = this.#due();
    try {
      while (!isSettled(this.#state)) {
        if (this.#detached) throw new Detached();
        try {
          const wait = wakeAt - clock.now();
          if (wait > 0) await clock.sleep(wait, this.#turn.signal);
          const before: TaskState = this.#state;
          const creating = before.phase === 'queued';
          const result = await step(before, {
            client: this.#runtime.client,
            // A create runs to its end unless the job's life ends: its task id is never lost.
            signal: creating ? life : this.#turn.signal,
            poll: this.#strategy,
            stats,
            clock,
          });
          // A cancel answered while the poll was out: its answer stands.
          if (this.#state !== before) {
            wakeAt = this.#due();
            continue;
          }
          this.#state = result.state;
          wakeAt = result.wakeAt ?? wakeAt;
          if (result.task !== null) {
            if (creating) options.onCreated?.(result.task);
            this.#show(result.task, result.sent === 'poll');
            if (creating) await this.#cancelIfRequested(result.task);
          }
          if (result.error !== undefined && result.state.phase !== 'running') throw result.error;
        } catch (error) {
          if (!(error instanceof Woken)) throw error;
          this.#turn = new AbortController();
          wakeAt = this.#due();
        }
      }
      recordDuration(stats, this.#state);
      const final = this.#snapshot;
      if (final.status === 'completed') this.#finish(undefined, final.task);
      else this.#finish(final.error);
    } catch (reason) {
      this.#onStopped(reason);
    } finally {
      unlink();
    }
  }

  /** When the task is next due a step, by the single-job timing. */
  #due(): number {
    const options = { strategy: this.#strategy, stats: this.#runtime.stats };
    return eagerAt(this.#state as TaskState, options) ?? 0;
  }

  async #cancelIfRequested(task: VideoTask): Promise<void> {
    const waiting = this.#cancelRequested;
    if (waiting === undefined) return;
    this.#cancelRequested = undefined;
    try {
      this.#apply(await this.#runtime.client.tasks.cancel(task.id));
      for (const request of waiting) request.resolve();
    } catch (error) {
      for (const request of waiting) request.reject(error);
    }
  }

  /** Applies a task the API sent outside a step (a cancel's answer), unless the task has ended. */
  #apply(task: VideoTask): void {
    const state = this.#state as TaskState;
    if (isSettled(state)) return;
    this.#state = applyTask(state, task, this.#runtime.clock.now(), { polled: false });
    this.#show(task, false);
  }

  /** Shows a task the API sent, as the state now holds it, with its estimated end. */
  #show(task: VideoTask, polled: boolean): void {
    const state = this.#state as TaskState;
    const typical = typicalDurationOf(state, this.#runtime.stats);
    const etaMs = this.#strategy.remaining(pollContext(state, typical));
    this.#dispatch({ type: 'task', task, etaMs, polled, at: state.updatedAt });
  }

  #onStopped(reason: unknown): void {
    const { taskId, task } = this.#snapshot;
    if (reason instanceof Detached) {
      this.#finish(new JobDetachedError(taskId));
      return;
    }
    const error =
      reason instanceof TimedOut
        ? new TaskTimeoutError(task, this.#timeout, this.#state?.taskId ?? null)
        : reason;
    if (error instanceof LemonVideoError) {
      this.#dispatch({ type: 'fail', error, at: this.#runtime.clock.now() });
    }
    this.#finish(error);
    if (this.#options.cancelOnAbort && taskId !== null && !(reason instanceof LemonVideoError)) {
      this.#runtime.client.tasks.cancel(taskId).catch(() => undefined);
    }
  }
}
