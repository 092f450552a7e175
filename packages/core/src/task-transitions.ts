import { systemClock } from './clock';
import type { DurationStats } from './duration-stats';
import {
  APIError,
  ConnectionError,
  LemonVideoError,
  materialPreparing,
  RequestValidationError,
  TaskFailedError,
} from './errors';
import { maxProgress, snapshotOf } from './job-state';
import { isRetryable, isTransient, retryDelayMs } from './retry-policy';
import type { CreateVideoParams, TaskRef, VideoTask } from './task';
import { type StepError, type TaskState, taskStateVersion } from './task-state';
import { aliasedValue } from './validate-params';

export interface NewTaskOptions {
  /** Your name for the task (a line of a batch file, say). Default `''`. */
  key?: string | undefined;
  /** Clock milliseconds now. Default `Date.now()`. */
  now?: number | undefined;
}

function blank(key: string, now: number): TaskState {
  return {
    version: taskStateVersion,
    key,
    phase: 'queued',
    params: null,
    taskId: null,
    pollUrl: null,
    model: null,
    status: null,
    progress: null,
    samples: [],
    video: null,
    error: null,
    creates: 0,
    polls: 0,
    failures: 0,
    retryAfterMs: null,
    addedAt: now,
    createdAt: null,
    lastRunningAt: null,
    updatedAt: now,
    endedAt: null,
  };
}

/** A generation not created yet: its first step journals and sends the create. */
export function queuedTask(params: CreateVideoParams, options: NewTaskOptions = {}): TaskState {
  const now = options.now ?? systemClock.now();
  return { ...blank(options.key ?? '', now), params, model: params.model ?? null };
}

const isTask = (ref: TaskRef): ref is VideoTask => typeof ref === 'object' && 'status' in ref;

/**
 * An existing task, to follow until it ends (after a reload, or a task created elsewhere). Given
 * only an id, its first step polls at once; given a task as the API sent it, that is its state.
 */
export function followedTask(task: TaskRef, options: NewTaskOptions = {}): TaskState {
  const now = options.now ?? systemClock.now();
  const { id, pollUrl } = typeof task === 'string' ? { id: task, pollUrl: null } : task;
  const state: TaskState = {
    ...blank(options.key ?? '', now),
    phase: 'running',
    taskId: id,
    pollUrl,
    createdAt: now,
  };
  return isTask(task) ? applyTask(state, task, now, { polled: false }) : state;
}

/** The request the next step of `state` sends: a create, a poll, or none. */
export function nextRequest(state: TaskState): 'create' | 'poll' | null {
  if (state.phase === 'queued') return 'create';
  return state.phase === 'running' ? 'poll' : null;
}

function misuse(state: TaskState, what: string): LemonVideoError {
  return new LemonVideoError(
    `${what}: task "${state.key}" is ${state.phase}, which this transition does not apply to.`,
  );
}

/** Throws unless this package can read `state` (its `version`). */
export function assertTaskState(state: TaskState): void {
  if (state?.version !== taskStateVersion) {
    throw new LemonVideoError(
      `Task state version ${String(state?.version)} is not one this version of @lemonvideo/core reads (${taskStateVersion}).`,
    );
  }
}

/** An error as plain JSON, for a saved state. */
export function toStepError(error: unknown): StepError {
  const api = error instanceof APIError ? error : undefined;
  const code = api?.code ?? (error instanceof TaskFailedError ? error.code : undefined);
  const kind = (error as { kind?: unknown } | null)?.kind;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    status: api?.status ?? null,
    code: code ?? null,
    requestId: api?.requestId ?? null,
    kind: typeof kind === 'string' ? kind : null,
  };
}

function ended(
  state: TaskState,
  phase: TaskState['phase'],
  error: unknown,
  now: number,
): TaskState {
  return {
    ...state,
    phase,
    error: error === null ? null : toStepError(error),
    updatedAt: now,
    endedAt: now,
  };
}

/** Queued → creating: the state to save before the create is sent (the journal). */
export function prepareCreate(state: TaskState, now: number): TaskState {
  if (state.phase !== 'queued' || state.params === null) throw misuse(state, 'prepareCreate');
  return { ...state, phase: 'creating', creates: state.creates + 1, updatedAt: now };
}

/**
 * What a `creating` state read back from storage becomes: `mayHaveCreatedTask`, for you to
 * reconcile, since its create may have been sent and billed. Any other state is returned as is.
 */
export function recoverTask(state: TaskState, now: number): TaskState {
  if (state.phase !== 'creating') return state;
  const error = new LemonVideoError(
    `The create of task "${state.key}" was sent, or about to be, when its driver stopped, and its answer was never saved: the task may have been created (and billed). Look for it before creating it again.`,
  );
  return ended(state, 'mayHaveCreatedTask', error, now);
}

/**
 * Applies a task the API sent (the create's answer, a poll's, or a cancel's). Terminal words
 * end the state as a job would end (`completed` needs a video URL, else `failed`).
 */
export function applyTask(
  state: TaskState,
  task: VideoTask,
  now: number,
  { polled }: { polled: boolean },
): TaskState {
  if (state.phase !== 'creating' && state.phase !== 'running') throw misuse(state, 'applyTask');
  const last = state.samples[state.samples.length - 1];
  const rose = task.progress !== null && (last === undefined || task.progress > last.progress);
  const snapshot = snapshotOf(task, now);
  const next: TaskState = {
    ...state,
    phase: 'running',
    taskId: task.id,
    pollUrl: task.pollUrl ?? state.pollUrl,
    model: task.model ?? state.model,
    status: task.status,
    progress: snapshot.status === 'completed' ? 100 : maxProgress(state.progress, task.progress),
    samples: rose
      ? [...state.samples, { at: now, progress: task.progress as number }]
      : state.samples,
    error: null,
    polls: state.polls + (polled ? 1 : 0),
    failures: 0,
    retryAfterMs: null,
    createdAt: state.phase === 'creating' ? now : state.createdAt,
    updatedAt: now,
  };
  switch (snapshot.status) {
    case 'completed':
      return { ...next, phase: 'completed', video: snapshot.video, endedAt: now };
    case 'failed':
    case 'cancelled':
      return ended(next, snapshot.status, snapshot.error, now);
    default:
      return { ...next, lastRunningAt: now };
  }
}

/**
 * Whether a failed create may have created the task. Only an answer that certainly refused it
 * (an error status below 500 with a readable body, a 503 with Retry-After) or a request that
 * was certainly not sent says no; anything else (a lost connection, a timeout, a 5xx, an
 * answer that is not a task) may have created it, and billed it.
 */
function mayHaveCreated(error: unknown): boolean {
  if (error instanceof RequestValidationError) return false;
  if ((error as { mayHaveCreatedTask?: unknown } | null)?.mayHaveCreatedTask === true) return true;
  if (error instanceof ConnectionError) return false;
  if (isRetryable(error, 'POST')) return false;
  return !(error instanceof APIError && error.status < 500 && error.code !== 'invalid_response');
}

/** The wait the server asked for (Retry-After, capped as every retry is), or null. */
const retryAfterOf = (error: unknown) =>
  error instanceof APIError && error.retryAfter !== undefined ? retryDelayMs(error, 0) : null;

/**
 * Applies a failed request. A create (from `creating`, or from `queued` when it failed before
 * it was journalled, e.g. `RequestValidationError`): back to `queued` when it certainly
 * created nothing and asking again can help (429, 503 with Retry-After, not sent at all, 409
 * `seedance_material_preparing`: its material assets are not ACTIVE yet),
 * `failed` when the API certainly refused it (4xx), else `mayHaveCreatedTask`, never re-sent.
 * A poll: still `running` when asking again can help (network, 5xx, 429), else `failed`.
 */
export function applyFailure(state: TaskState, error: unknown, now: number): TaskState {
  const again = {
    ...state,
    error: toStepError(error),
    failures: state.failures + 1,
    retryAfterMs: retryAfterOf(error),
    updatedAt: now,
  };
  if (state.phase === 'creating' || state.phase === 'queued') {
    if (mayHaveCreated(error)) return ended(state, 'mayHaveCreatedTask', error, now);
    const retry =
      isRetryable(error, 'POST') ||
      error instanceof ConnectionError ||
      (error as APIError | null)?.code === materialPreparing;
    return retry ? { ...again, phase: 'queued' } : ended(state, 'failed', error, now);
  }
  if (state.phase === 'running') {
    const counted = { ...again, polls: state.polls + 1 };
    return isTransient(error) ? counted : ended(counted, 'failed', error, now);
  }
  throw misuse(state, 'applyFailure');
}

/**
 * The keys the learned durations of a task are filed under: its model with its duration (sent
 * as `duration` or its alias `seconds`) and resolution, then its model alone.
 */
export function durationKeys(state: TaskState): string[] {
  const model = state.model ?? state.params?.model ?? 'unknown';
  const { params } = state;
  const detail = params
    ? `${model}|${aliasedValue(params, 'duration') ?? ''}|${params.resolution ?? ''}`
    : model;
  return detail === model ? [model] : [detail, model];
}

/**
 * Records in `stats` how long `state`'s task took (`learnedDuration`) under each of its
 * `durationKeys`. Returns its kind (`durationKeys(state)[0]`) and whether one of its keys had no
 * duration before (`firstOfItsKind`), or null when the state teaches nothing: not completed, or
 * a followed task whose start is unknown.
 */
export function recordDuration(
  stats: DurationStats,
  state: TaskState,
): { kind: string; firstOfItsKind: boolean } | null {
  const ms = learnedDuration(state);
  if (ms === null) return null;
  const keys = durationKeys(state);
  const firstOfItsKind = keys.some((key) => !stats.typical(key));
  for (const key of keys) stats.record(key, ms);
  return { kind: keys[0] as string, firstOfItsKind };
}

/**
 * How long a completed task took from its creation, when this state created it (a followed
 * task's start is unknown): it ended between the last answer that saw it running and the one
 * that saw it done, so the middle of the two. Null otherwise.
 */
export function learnedDuration(state: TaskState): number | null {
  if (state.phase !== 'completed' || state.params === null || state.createdAt === null) return null;
  const endedAt = state.endedAt ?? state.updatedAt;
  return ((state.lastRunningAt ?? state.createdAt) + endedAt) / 2 - state.createdAt;
}
