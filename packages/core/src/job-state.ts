import { type LemonVideoError, TaskCancelledError, TaskFailedError } from './errors';
import type { VideoResult, VideoTask } from './task';
import { taskOutcome } from './task-outcome';

interface SnapshotFields {
  /** The task's id, once the API has created it. */
  taskId: string | null;
  /** The task as last seen. */
  task: VideoTask | null;
  /** 0 to 100, never going backwards; null while the provider reports no progress. */
  progress: number | null;
  /** Milliseconds to the expected end, as of `updatedAt`; null when there is no honest estimate. */
  etaMs: number | null;
  video: VideoResult | null;
  error: LemonVideoError | null;
  /** Status requests made so far. */
  polls: number;
  /** When the job started (clock milliseconds), or null while idle. */
  startedAt: number | null;
  /** When this snapshot was made (clock milliseconds). */
  updatedAt: number;
}

type Running = { taskId: string; task: VideoTask; error: null };

/** A job's state. `switch (snapshot.status)` covers every case. */
export type JobSnapshot =
  | (SnapshotFields & { status: 'idle' | 'submitting'; taskId: null; task: null })
  | (SnapshotFields & { status: 'pending' | 'processing' } & Running)
  | (SnapshotFields & { status: 'completed'; video: VideoResult } & Running)
  | (SnapshotFields & { status: 'failed'; error: LemonVideoError })
  | (SnapshotFields & {
      status: 'cancelled';
      taskId: string;
      task: VideoTask;
      error: TaskCancelledError;
    });

export type JobStatus = JobSnapshot['status'];

/** The snapshot of a job that has a task: every status but `idle` and `submitting`. */
export type TaskSnapshot = Exclude<JobSnapshot, { status: 'idle' | 'submitting' }>;

export type JobAction =
  | { type: 'submit'; at: number }
  | { type: 'task'; task: VideoTask; etaMs: number | null; polled: boolean; at: number }
  | { type: 'fail'; error: LemonVideoError; at: number };

export const isTerminal = (status: JobStatus) =>
  status === 'completed' || status === 'failed' || status === 'cancelled';

export function initialSnapshot(at: number): JobSnapshot {
  return {
    status: 'idle',
    taskId: null,
    task: null,
    progress: null,
    etaMs: null,
    video: null,
    error: null,
    polls: 0,
    startedAt: null,
    updatedAt: at,
  };
}

/** The higher of two progress values, either of which may be unknown (null). */
export const maxProgress = (previous: number | null, next: number | null): number | null =>
  next === null ? previous : previous === null ? next : Math.max(previous, next);

/** What a task the API sent makes of a job: its video, or why it ended without one. */
function fromTask(state: JobSnapshot, action: Extract<JobAction, { type: 'task' }>): TaskSnapshot {
  const { task, at } = action;
  const common = {
    taskId: task.id,
    task,
    polls: state.polls + (action.polled ? 1 : 0),
    startedAt: state.startedAt ?? at,
    updatedAt: at,
  };
  const progress = maxProgress(state.progress, task.progress);
  const failed = (error: TaskFailedError): TaskSnapshot => ({
    ...common,
    status: 'failed',
    progress,
    etaMs: null,
    video: null,
    error,
  });
  switch (taskOutcome(task.status)) {
    case 'succeeded':
      if (task.video === null) {
        return failed(
          new TaskFailedError(task, `The task ${task.id} completed without a video URL.`),
        );
      }
      return {
        ...common,
        status: 'completed',
        progress: 100,
        etaMs: 0,
        video: task.video,
        error: null,
      };
    case 'failed': {
      if (!task.cancelled) return failed(new TaskFailedError(task));
      const error = new TaskCancelledError(task);
      return { ...common, status: 'cancelled', progress, etaMs: null, video: null, error };
    }
    case 'running': {
      const started =
        task.status === 'processing' || state.status === 'processing' || (progress ?? 0) > 0;
      const status = started ? 'processing' : 'pending';
      return { ...common, status, progress, etaMs: action.etaMs, video: null, error: null };
    }
  }
}

/**
 * A task read once, as a job that had just read it would show it: for code that reads a task
 * without following it (a status command) and names its state as jobs do.
 */
export function snapshotOf(task: VideoTask, at = 0): TaskSnapshot {
  return fromTask(initialSnapshot(at), { type: 'task', task, etaMs: null, polled: false, at });
}

/**
 * Milliseconds left at `now` (clock milliseconds): the snapshot's `etaMs`, counted down from
 * its `updatedAt`, never below 0; null when there is no estimate. So an ETA on screen moves
 * between polls: read it again as the clock moves (a `Ticker` says when). Takes any snapshot
 * with those two fields: a job's, or another estimate kept the same way (a batch's progress).
 */
export function remainingMs(
  snapshot: Pick<JobSnapshot, 'etaMs' | 'updatedAt'>,
  now: number,
): number | null {
  if (snapshot.etaMs === null) return null;
  return Math.max(0, snapshot.etaMs - (now - snapshot.updatedAt));
}

/** The next state; the same object when nothing changed, and a final state never changes. */
export function reduceJob(state: JobSnapshot, action: JobAction): JobSnapshot {
  if (isTerminal(state.status)) return state;
  switch (action.type) {
    case 'submit':
      return {
        ...state,
        status: 'submitting',
        taskId: null,
        task: null,
        startedAt: action.at,
        updatedAt: action.at,
      };
    case 'task':
      return fromTask(state, action);
    case 'fail':
      return { ...state, status: 'failed', etaMs: null, error: action.error, updatedAt: action.at };
  }
}
