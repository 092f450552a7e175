import type { DurationStats } from './duration-stats';
import { LemonVideoError } from './errors';
import type { PollStrategy } from './poll-strategy';
import { type PollTimes, pollTimes } from './poll-times';
import { isSettled, type TaskState } from './task-state';
import { durationKeys, recordDuration } from './task-transitions';

/** Why the scheduler picked a task: a poll expected to see its end, a create, or a spare poll. */
export type StepReason = 'due' | 'create' | 'eager';

/** A task the scheduler picked to step now. */
export interface ScheduledStep {
  key: string;
  state: TaskState;
  reason: StepReason;
}

/** What a batch knows of its load, for admitting creates. */
export interface BatchLoad {
  /** Tasks created (or being created) and not ended. */
  active: number;
  /** Most active tasks the budget can afford (see `affordableTasks`), and `concurrency` allows. */
  affordable: number;
  /**
   * Requests a task needs: its create and its due polls, a mean over about the last 50 tasks
   * that completed (3 before any, the guess weighing as 5 tasks).
   */
  requestsPerTask: number;
  /**
   * Milliseconds a task stays active: the mean, over the running tasks, of the time from their
   * create to their due poll (at least 2 minutes for a kind none of which has ended yet: the
   * vendor's tasks take 30 s to several minutes); with none running, as long as the last that
   * completed took.
   */
  taskMs: number;
}

/** Before anything is learned: a task needs 3 requests and stays active 2 minutes... */
const priorRequestsPerTask = 3;
const priorTaskMs = 120_000;
/** ...and these guesses weigh as much as this many tasks that completed. */
const priorWeight = 5;
/** What is learned follows about the last this many tasks that completed. */
const memory = 50;
/** However few polls tasks have needed, each is planned to need at least this many. */
const leastPollsPerTask = 0.5;

/**
 * How many tasks a budget can keep active (created, not ended) and still afford their polls:
 * each needs `requestsPerTask` requests (its create, then the polls that see its end) over
 * `taskMs`, and `requestsPerMs` must cover the polls of the active tasks and the creates still
 * to come. While at least that many tasks wait to be created, that is Little's law (the creates
 * go on at the pace tasks end); once fewer (`waiting`) are left, only their creates are to come,
 * so more can be active. At least 1.
 */
export function affordableTasks(
  requestsPerMs: number,
  requestsPerTask: number,
  taskMs: number,
  waiting = Number.POSITIVE_INFINITY,
): number {
  const capacity = requestsPerMs * taskMs;
  if (!Number.isFinite(capacity)) return Number.POSITIVE_INFINITY;
  const polls = Math.max(leastPollsPerTask, requestsPerTask - 1);
  const steady = capacity / (polls + 1);
  const tasks = waiting >= steady ? steady : (capacity - waiting) / polls;
  return Math.max(1, Math.floor(tasks));
}

interface Entry {
  readonly key: string;
  /** Its place in the order given. */
  readonly index: number;
  state: TaskState;
  times: PollTimes | null;
  inFlight: boolean;
  /** Creates and due polls sent for it. */
  work: number;
  /** Its kind, `durationKeys(state)[0]`: tasks of one kind take about as long. */
  kind: string;
}

/**
 * A mean that starts from a guess weighing as `weight` observations and then follows the
 * recent ones: the mean of everything seen until `memory` observations, an exponentially
 * weighted mean of about the last `memory` after.
 */
class RecentMean {
  #value: number;
  #count: number;
  constructor(
    prior: number,
    weight: number,
    private readonly memory: number,
  ) {
    this.#value = prior;
    this.#count = weight;
  }
  add(value: number): void {
    this.#count = Math.min(this.#count + 1, this.memory);
    this.#value += (value - this.#value) / this.#count;
  }
  get value(): number {
    return this.#value;
  }
}

export interface BatchSchedulerOptions {
  /** The single-job timing of spare (`eager`) polls. */
  strategy: PollStrategy;
  /** Where durations are learned, and read from. */
  stats: DurationStats;
  /**
   * Most tasks active (created, or being created, and not ended) at once. Default: as many as
   * the budget can afford (`affordableTasks`).
   */
  concurrency?: number | undefined;
}

/**
 * The in-process decisions of a batch under one request budget: which task steps next, and
 * why. No timers and no I/O: the driver (`runBatch`) asks `next` whenever the budget lets one
 * request go, runs the step, and hands its state back to `settle`. Each time it picks, in order:
 *
 * 1. the running task whose poll has been due the longest (`pollTimes(...).dueAt`: when a poll
 *    is expected to see its end, from its progress rate, from how long tasks of its kind took,
 *    or from its age), so that a short budget goes to the polls most likely to see an end;
 * 2. the next queued task, in the order given, while the active tasks are fewer than the
 *    budget can afford (`affordableTasks`, from the requests per task learned and the time the
 *    running tasks are expected to take) and `concurrency` allows: a create is admitted only
 *    when the budget can afford its polls;
 * 3. the running task whose eager poll (the single-job adaptive timing, every second near the
 *    end) has been due the longest: spare requests buy a shorter detection delay.
 *
 * Until a task of a kind (model, duration and resolution) has ended, only the oldest of that
 * kind is polled on its own times; the others wait on what it shows (see `#dueAt`).
 */
export class BatchScheduler {
  readonly #entries = new Map<string, Entry>();
  /** Not created yet, in the order given. */
  readonly #queued: Entry[] = [];
  readonly #running = new Set<Entry>();
  #creating = 0;
  readonly #strategy: PollStrategy;
  readonly #stats: DurationStats;
  readonly #concurrency: number;
  readonly #requestsPerTask = new RecentMean(priorRequestsPerTask, priorWeight, memory);
  readonly #taskMs = new RecentMean(priorTaskMs, priorWeight, memory);
  /** Kinds of task (`durationKeys(state)[0]`) whose durations are known. */
  readonly #known = new Set<string>();
  /** By kind not known yet: its oldest running task, the probe the others of its kind wait on. */
  readonly #probes = new Map<string, Entry>();

  /** Throws `LemonVideoError` when two tasks share a key. */
  constructor(states: readonly TaskState[], options: BatchSchedulerOptions) {
    this.#strategy = options.strategy;
    this.#stats = options.stats;
    this.#concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
    states.forEach((state, index) => {
      if (this.#entries.has(state.key)) {
        throw new LemonVideoError(
          `tasks[${index}].key: must be unique within a batch ("${state.key}" is there twice).`,
        );
      }
      const entry: Entry = {
        key: state.key,
        index,
        state,
        times: null,
        inFlight: false,
        work: 0,
        kind: durationKeys(state)[0] as string,
      };
      this.#entries.set(state.key, entry);
      this.#place(entry);
    });
  }

  /** The tasks' current states, in the order given. */
  states(): TaskState[] {
    return [...this.#entries.values()].map((entry) => entry.state);
  }

  /** True when no task is left to step and none is stepping. */
  get finished(): boolean {
    return this.#queued.length === 0 && this.#running.size === 0 && this.#creating === 0;
  }

  /** What the batch has learned, and how many tasks `requestsPerMs` can keep active. */
  load(now: number, requestsPerMs: number): BatchLoad {
    const requestsPerTask = this.#requestsPerTask.value;
    let total = 0;
    let counted = 0;
    for (const entry of this.#running) {
      if (entry.times === null || entry.state.createdAt === null) continue;
      // A task of a kind no task of which has ended is expected to take the prior guess at least.
      const guess = this.#known.has(entry.kind) ? 0 : priorTaskMs;
      total +=
        Math.max(this.#dueAt(entry, now), now, entry.state.createdAt + guess) -
        entry.state.createdAt;
      counted += 1;
    }
    const taskMs = counted > 0 ? total / counted : this.#taskMs.value;
    return {
      active: this.#running.size + this.#creating,
      affordable: Math.min(
        this.#concurrency,
        affordableTasks(requestsPerMs, requestsPerTask, taskMs, this.#queued.length),
      ),
      requestsPerTask,
      taskMs,
    };
  }

  /**
   * The task to step at `now` (marked as stepping until `settle`), when the budget allows one
   * request now at `requestsPerMs` in the long run; else when to ask again (clock
   * milliseconds), or null when only a `settle` can change the answer.
   */
  next(now: number, requestsPerMs: number): ScheduledStep | { wakeAt: number | null } {
    let due: Entry | undefined;
    let eager: Entry | undefined;
    let wakeAt = Number.POSITIVE_INFINITY;
    let dueAt = Number.POSITIVE_INFINITY;
    for (const entry of this.#running) {
      if (entry.inFlight || entry.times === null) continue;
      const { eagerAt } = entry.times;
      const at = this.#dueAt(entry, now);
      if (at <= now && at < dueAt) {
        due = entry;
        dueAt = at;
      }
      if (eagerAt <= now && (eager === undefined || eagerAt < (eager.times as PollTimes).eagerAt)) {
        eager = entry;
      }
      wakeAt = Math.min(wakeAt, eagerAt);
    }
    if (due !== undefined) return this.#begin(due, 'due');
    const load = this.load(now, requestsPerMs);
    if (load.active < load.affordable) {
      for (const entry of this.#queued) {
        if (entry.inFlight || entry.times === null) continue;
        if (entry.times.eagerAt <= now) return this.#begin(entry, 'create');
        wakeAt = Math.min(wakeAt, entry.times.eagerAt);
      }
    }
    if (eager !== undefined) return this.#begin(eager, 'eager');
    return { wakeAt: Number.isFinite(wakeAt) ? wakeAt : null };
  }

  /**
   * When the poll of a running task is due. Until a task of its kind has ended, only the oldest
   * of its kind (the probe) is polled on its own times; the others are due no younger than the
   * probe is when it is due (tasks of one kind take about as long, so while the older probe
   * runs, they run): a batch learns how long a kind takes for one request a poll, not hundreds.
   * While the probe is being polled, they wait for what it answers.
   */
  #dueAt(entry: Entry, now: number): number {
    const { state, times } = entry as { state: TaskState; times: PollTimes };
    const probe = this.#probes.get(entry.kind);
    const probeCreatedAt = probe?.state.createdAt ?? null;
    if (
      probe === undefined ||
      probe === entry ||
      state.params === null ||
      probe.times === null ||
      probeCreatedAt === null ||
      state.createdAt === null ||
      state.failures > 0
    ) {
      return times.dueAt;
    }
    const probeAt = probe.inFlight ? Math.max(probe.times.dueAt, now) : probe.times.dueAt;
    return Math.max(times.dueAt, state.createdAt + (probeAt - probeCreatedAt));
  }

  #begin(entry: Entry, reason: StepReason): ScheduledStep {
    entry.inFlight = true;
    if (reason !== 'eager') entry.work += 1;
    if (reason === 'create') {
      this.#queued.splice(this.#queued.indexOf(entry), 1);
      this.#creating += 1;
    }
    return { key: entry.key, state: entry.state, reason };
  }

  /** Takes the state a step of task `key` returned; learns from it when it completed. */
  settle(key: string, state: TaskState): void {
    const entry = this.#entries.get(key);
    if (entry === undefined || !entry.inFlight) {
      throw new LemonVideoError(`settle: task "${key}" is not stepping.`);
    }
    entry.inFlight = false;
    if (entry.state.phase === 'queued') this.#creating -= 1;
    this.#running.delete(entry);
    const probed = entry.kind;
    entry.state = state;
    this.#place(entry);
    if (state.phase === 'completed') this.#learn(entry);
    if (this.#probes.get(probed) === entry && !this.#running.has(entry)) {
      // The probe ended without teaching its kind (it failed): the next oldest takes over.
      this.#probes.delete(probed);
      for (const other of this.#running) if (other.kind === probed) this.#elect(probed, other);
    }
  }

  /** Files an entry by its phase, with its poll times. */
  #place(entry: Entry): void {
    const { state } = entry;
    if (isSettled(state)) {
      entry.times = null;
      return;
    }
    entry.times = pollTimes(state, { strategy: this.#strategy, stats: this.#stats });
    entry.kind = durationKeys(state)[0] as string;
    const { kind } = entry;
    if (!this.#known.has(kind) && this.#stats.typical(kind) !== undefined) this.#known.add(kind);
    if (state.phase === 'queued') {
      // A create refused for now goes back in its place.
      const at = this.#queued.findIndex((other) => other.index > entry.index);
      if (at === -1) this.#queued.push(entry);
      else this.#queued.splice(at, 0, entry);
    } else {
      this.#running.add(entry);
      // A followed task's start is unknown: it can neither probe its kind nor wait on it.
      if (!this.#known.has(kind) && state.params !== null) this.#elect(kind, entry);
    }
  }

  /** Makes `candidate` the probe of `kind` if it is older than the probe (or there is none). */
  #elect(kind: string, candidate: Entry): void {
    const probe = this.#probes.get(kind);
    const older =
      probe === undefined ||
      (candidate.state.createdAt ?? Number.POSITIVE_INFINITY) <
        (probe.state.createdAt ?? Number.POSITIVE_INFINITY);
    if (older) this.#probes.set(kind, candidate);
  }

  #learn(entry: Entry): void {
    const { state } = entry;
    this.#requestsPerTask.add(entry.work);
    if (state.createdAt !== null && state.endedAt !== null) {
      this.#taskMs.add(state.endedAt - state.createdAt);
    }
    const learned = recordDuration(this.#stats, state);
    if (learned === null) return;
    this.#known.add(learned.kind);
    this.#probes.delete(learned.kind);
    // The first end of a kind gives its other tasks an estimate where they had none: recompute.
    if (!learned.firstOfItsKind) return;
    for (const other of this.#running) if (!other.inFlight) this.#place(other);
  }
}
