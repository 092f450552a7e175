import { type Clock, isSettled, type TaskPhase, type TaskState } from '@lemonvideo/core';

/** A task of the batch that did not give its video, as the live view lists it. */
export interface BatchFailure {
  line: number;
  /** The line's own `id`, if it gave one. */
  id: string | null;
  message: string;
}

/** How a batch stands: what its live view shows. Times are clock milliseconds. */
export interface BatchProgressSnapshot {
  /** Tasks in the batch. */
  tasks: number;
  /** Tasks in each phase of the step machine. */
  phases: Readonly<Record<TaskPhase, number>>;
  /** Videos saved; saves that failed. */
  saved: number;
  saveFailed: number;
  /** Requests sent for the batch's tasks so far, in every run of it (creates and polls). */
  requests: number;
  /** Requests per ended task, over the tasks that ended; null before any. */
  requestsPerTask: number | null;
  /** Completed videos a minute in this run; null before the first. */
  videosPerMinute: number | null;
  /**
   * Milliseconds to the last task's end as of `updatedAt`, at the pace tasks ended in this
   * run; null before any did. Core's `remainingMs` counts it down between updates.
   */
  etaMs: number | null;
  /** When this run started. */
  startedAt: number;
  updatedAt: number;
  /** The latest failures, newest first (at most 5). */
  recentFailures: readonly BatchFailure[];
  /** The run is over (every task ended, or it was stopped). */
  done: boolean;
}

const phases: readonly TaskPhase[] = [
  'queued',
  'creating',
  'running',
  'completed',
  'failed',
  'cancelled',
  'mayHaveCreatedTask',
];
const keptFailures = 5;

/** What a state counts towards the requests sent. */
const requestsOf = (state: TaskState) => state.creates + state.polls;

/**
 * A batch's progress as a store: fed every new task state (`update`) and saved video, read as a
 * snapshot that is the same object until something changes (`subscribe` and `getSnapshot` fit
 * React's `useSyncExternalStore`). Throughput and ETA count only what ended in this run.
 */
export class BatchProgress {
  readonly #clock: Clock;
  readonly #listeners = new Set<() => void>();
  readonly #lines = new Map<string, { line: number; id: string | null }>();
  #snapshot: BatchProgressSnapshot;
  #endedRequests = 0;
  #ended = 0;
  #endedThisRun = 0;
  #completedThisRun = 0;

  /** `tasks`: each task's state as the run starts, with its line and `id`. */
  constructor(
    clock: Clock,
    tasks: ReadonlyArray<{ line: number; id: string | null; state: TaskState }>,
  ) {
    this.#clock = clock;
    const now = clock.now();
    const counts = Object.fromEntries(phases.map((phase) => [phase, 0])) as Record<
      TaskPhase,
      number
    >;
    let requests = 0;
    for (const { line, id, state } of tasks) {
      this.#lines.set(state.key, { line, id });
      counts[state.phase] += 1;
      requests += requestsOf(state);
      if (isSettled(state)) {
        this.#ended += 1;
        this.#endedRequests += requestsOf(state);
      }
    }
    this.#snapshot = {
      tasks: tasks.length,
      phases: counts,
      saved: 0,
      saveFailed: 0,
      requests,
      requestsPerTask: this.#ended > 0 ? this.#endedRequests / this.#ended : null,
      videosPerMinute: null,
      etaMs: null,
      startedAt: now,
      updatedAt: now,
      recentFailures: [],
      done: false,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSnapshot = (): BatchProgressSnapshot => this.#snapshot;

  /** A task moved from `previous` to `next`. */
  update(previous: TaskState, next: TaskState): void {
    const last = this.#snapshot;
    const counts = { ...last.phases };
    counts[previous.phase] -= 1;
    counts[next.phase] += 1;
    const ended = !isSettled(previous) && isSettled(next);
    let recentFailures = last.recentFailures;
    if (ended) {
      this.#ended += 1;
      this.#endedThisRun += 1;
      this.#endedRequests += requestsOf(next);
      if (next.phase === 'completed') this.#completedThisRun += 1;
      else recentFailures = this.#withFailure(next.key, next.error?.message ?? next.phase);
    }
    this.#publish({
      phases: counts,
      requests: last.requests + requestsOf(next) - requestsOf(previous),
      recentFailures,
    });
  }

  /** A video was saved (`true`), or saving it failed. */
  saved(key: string, ok: true): void;
  saved(key: string, ok: false, message: string): void;
  saved(key: string, ok: boolean, message?: string): void {
    const last = this.#snapshot;
    this.#publish(
      ok
        ? { saved: last.saved + 1 }
        : {
            saveFailed: last.saveFailed + 1,
            recentFailures: this.#withFailure(key, `not saved: ${message}`),
          },
    );
  }

  /** The run is over. */
  finish(): void {
    this.#publish({ done: true });
  }

  #withFailure(key: string, message: string): BatchFailure[] {
    const where = this.#lines.get(key) ?? { line: 0, id: null };
    return [{ ...where, message }, ...this.#snapshot.recentFailures].slice(0, keptFailures);
  }

  #publish(change: Partial<BatchProgressSnapshot>): void {
    const now = this.#clock.now();
    const last = this.#snapshot;
    const minutes = (now - last.startedAt) / 60_000;
    const phasesNow = change.phases ?? last.phases;
    const left = last.tasks - phases.filter(isSettledPhase).reduce((n, p) => n + phasesNow[p], 0);
    const perMs = this.#endedThisRun / Math.max(1, now - last.startedAt);
    this.#snapshot = {
      ...last,
      ...change,
      requestsPerTask: this.#ended > 0 ? this.#endedRequests / this.#ended : null,
      videosPerMinute:
        this.#completedThisRun > 0 && minutes > 0 ? this.#completedThisRun / minutes : null,
      etaMs: this.#endedThisRun > 0 ? left / perMs : null,
      updatedAt: now,
    };
    for (const listener of [...this.#listeners]) listener();
  }
}

const isSettledPhase = (phase: TaskPhase) => isSettled({ phase });
