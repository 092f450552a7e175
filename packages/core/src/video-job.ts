import { abortWith, type CallOptions } from './call-signal';
import { positiveOption } from './check-option';
import type { Clock } from './clock';
import type { DurationStats } from './duration-stats';
import { JobDetachedError, LemonVideoError, RateLimitError, TaskTimeoutError } from './errors';
import {
  initialSnapshot,
  isTerminal,
  type JobAction,
  type JobSnapshot,
  reduceJob,
} from './job-state';
import {
  type PollContext,
  type PollOptions,
  type PollStrategy,
  type ProgressSample,
  pollStrategy,
} from './poll-strategy';
import { isTransient, retryDelayMs } from './retry-policy';
import type { CreateVideoParams, TaskRef, VideoTask } from './task';

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

/** What a job needs from its client. */
export interface JobRuntime {
  clock: Clock;
  stats: DurationStats;
  poll: PollOptions | undefined;
  create(params: CreateVideoParams, options: CallOptions): Promise<VideoTask>;
  retrieve(task: TaskRef, options: CallOptions): Promise<VideoTask>;
  cancel(id: string, options?: CallOptions): Promise<VideoTask>;
}

type JobSource = { params: CreateVideoParams } | { task: TaskRef };

export const defaultWaitTimeout = 600_000;

const isTask = (ref: TaskRef): ref is VideoTask => typeof ref === 'object' && 'status' in ref;

/** Reasons the job's own controllers abort with. */
class TimedOut {}
class Detached {}
class Woken {}
class Finished {}

/**
 * One generation, observable: create (or resume), poll with backoff, progress, cancel,
 * result. `subscribe` and `getSnapshot` fit React's `useSyncExternalStore`; the snapshot is
 * the same object until something changes.
 */
export class VideoJob {
  /** The completed task; rejects with why it did not complete. */
  readonly result: Promise<VideoTask>;
  readonly #runtime: JobRuntime;
  readonly #source: JobSource;
  /** The create's params, when this job creates its task (and so learns how long it took). */
  readonly #params: CreateVideoParams | undefined;
  readonly #options: JobOptions;
  readonly #timeout: number;
  readonly #strategy: PollStrategy;
  readonly #listeners = new Set<(snapshot: JobSnapshot) => void>();
  #snapshot: JobSnapshot;
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
  // What the poll strategy learns as the task runs.
  #createdAt = 0;
  #lastRunningAt = 0;
  #failures = 0;
  #retryAfterMs: number | undefined;
  readonly #samples: ProgressSample[] = [];

  /** Throws a `RequestValidationError` when an option breaks its rule (e.g. `timeout: -1`). */
  constructor(runtime: JobRuntime, source: JobSource, options: JobOptions = {}) {
    this.#runtime = runtime;
    this.#source = source;
    this.#params = 'params' in source ? source.params : undefined;
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
    const taskId = this.#taskId();
    if (taskId === null) {
      await new Promise<void>((resolve, reject) => {
        this.#cancelRequested ??= [];
        this.#cancelRequested.push({ resolve, reject });
      });
      return;
    }
    const task = await this.#runtime.cancel(taskId);
    this.#dispatch({ type: 'task', task, etaMs: null, polled: false, at: this.#now() });
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
    const ended = this.result.then(
      () => undefined,
      () => undefined,
    );
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

  /** The task's id: as seen, or as given to follow; null before a create has answered. */
  #taskId(): string | null {
    const source = this.#source;
    if (this.#snapshot.taskId !== null || !('task' in source)) return this.#snapshot.taskId;
    return typeof source.task === 'string' ? source.task : source.task.id;
  }

  #now(): number {
    return this.#runtime.clock.now();
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
    this.#life.abort(new Finished());
    for (const request of this.#cancelRequested ?? []) request.reject(error);
    this.#cancelRequested = undefined;
    if (task) this.#resolve(task);
    else this.#reject(error);
  }

  async #run(): Promise<void> {
    const { clock } = this.#runtime;
    const options = this.#options;
    const timeout = this.#timeout;
    const unlink = abortWith(options.signal, this.#life);
    this.#life.signal.addEventListener('abort', () => this.#turn.abort(this.#life.signal.reason), {
      once: true,
    });
    clock.sleep(timeout, this.#life.signal).then(
      () => this.#life.abort(new TimedOut()),
      () => undefined,
    );
    try {
      const task = await this.#obtainTask();
      await this.#poll(task);
      const final = this.#snapshot;
      if (final.status === 'completed') this.#finish(undefined, final.task);
      else this.#finish(final.error);
    } catch (reason) {
      this.#onStopped(reason, timeout);
    } finally {
      unlink();
    }
  }

  /** The task to follow: created here, or given (its first read is the loop's first poll). */
  async #obtainTask(): Promise<TaskRef> {
    const source = this.#source;
    if ('task' in source) {
      this.#createdAt = this.#now();
      if (isTask(source.task)) this.#observe(source.task, false);
      return source.task;
    }
    this.#dispatch({ type: 'submit', at: this.#now() });
    const task = await this.#runtime.create(source.params, { signal: this.#life.signal });
    this.#createdAt = this.#now();
    this.#options.onCreated?.(task);
    this.#observe(task, false);
    await this.#cancelIfRequested(task);
    return task;
  }

  async #cancelIfRequested(task: VideoTask): Promise<void> {
    const waiting = this.#cancelRequested;
    if (waiting === undefined) return;
    this.#cancelRequested = undefined;
    try {
      this.#observe(await this.#runtime.cancel(task.id), false);
      for (const request of waiting) request.resolve();
    } catch (error) {
      for (const request of waiting) request.reject(error);
    }
  }

  async #retrieve(ref: TaskRef): Promise<VideoTask> {
    const task = await this.#runtime.retrieve(ref, { signal: this.#turn.signal });
    this.#observe(task, true);
    return task;
  }

  async #poll(first: TaskRef): Promise<void> {
    let task = first;
    while (!isTerminal(this.#snapshot.status)) {
      if (this.#detached) throw new Detached();
      try {
        // A task known only by its id is read at once; after that, and after failures, the
        // strategy decides.
        const delay =
          isTask(task) || this.#failures > 0 ? this.#strategy.nextDelay(this.#context()) : 0;
        await this.#runtime.clock.sleep(delay, this.#turn.signal);
        task = await this.#retrieve(task);
        this.#failures = 0;
        this.#retryAfterMs = undefined;
      } catch (error) {
        if (error instanceof Woken) {
          this.#turn = new AbortController();
          continue;
        }
        // Polling again can only help where asking again can.
        if (this.#turn.signal.aborted || !isTransient(error)) throw error;
        this.#failures += 1;
        // The same capped wait the request gate holds every job back for.
        this.#retryAfterMs =
          error instanceof RateLimitError && error.retryAfter !== undefined
            ? retryDelayMs(error, 0)
            : undefined;
      }
    }
    this.#learn();
  }

  #onStopped(reason: unknown, timeout: number): void {
    if (reason instanceof Detached) {
      this.#finish(new JobDetachedError(this.#snapshot.taskId));
      return;
    }
    const taskId = this.#snapshot.taskId;
    if (reason instanceof TimedOut) {
      const error = new TaskTimeoutError(this.#snapshot.task, timeout, this.#taskId());
      this.#dispatch({ type: 'fail', error, at: this.#now() });
      this.#finish(error);
    } else if (reason instanceof LemonVideoError) {
      this.#dispatch({ type: 'fail', error: reason, at: this.#now() });
      this.#finish(reason);
    } else {
      this.#finish(reason);
    }
    if (this.#options.cancelOnAbort && taskId !== null && !(reason instanceof LemonVideoError)) {
      this.#runtime.cancel(taskId).catch(() => undefined);
    }
  }

  /** Applies a task the API sent, and notes what the poll strategy learns from it. */
  #observe(task: VideoTask, polled: boolean): void {
    const now = this.#now();
    if (task.progress !== null) {
      const last = this.#samples[this.#samples.length - 1];
      if (last === undefined || task.progress > last.progress) {
        this.#samples.push({ at: now, progress: task.progress });
      }
    }
    const context = this.#context();
    const etaMs = this.#strategy.remaining(context);
    this.#dispatch({ type: 'task', task, etaMs, polled, at: now });
    if (!isTerminal(this.#snapshot.status)) this.#lastRunningAt = now;
  }

  #keys(): string[] {
    const params = this.#params;
    const model = this.#snapshot.task?.model ?? params?.model ?? 'unknown';
    const detail = params ? `${model}|${params.duration ?? ''}|${params.resolution ?? ''}` : model;
    return detail === model ? [model] : [detail, model];
  }

  #context(): PollContext {
    const keys = this.#keys();
    const { stats } = this.#runtime;
    return {
      now: this.#now(),
      createdAt: this.#createdAt,
      samples: this.#samples,
      typicalDuration: this.#params ? stats.typical(...keys) : undefined,
      failures: this.#failures,
      retryAfterMs: this.#retryAfterMs,
    };
  }

  /** Records how long this task took from its creation, when this job created it. */
  #learn(): void {
    if (this.#snapshot.status !== 'completed' || !this.#params) return;
    // It ended somewhere between the last poll that saw it running and the one that saw it done.
    const endedAt = (this.#lastRunningAt + this.#snapshot.updatedAt) / 2;
    for (const key of this.#keys()) this.#runtime.stats.record(key, endedAt - this.#createdAt);
  }
}
