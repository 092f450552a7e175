import type { ProgressSample } from './poll-strategy';
import type { CreateVideoParams, TaskStatus, VideoResult } from './task';

/** The format of `TaskState` this version of the package reads and writes. */
export const taskStateVersion = 1;

/**
 * Where a task is in its life, as a step machine sees it:
 *
 * - `queued`: not created yet (or the API certainly refused a create that may be sent again
 *   later, such as a 429: nothing was created).
 * - `creating`: the create is about to be sent, or was sent and its answer is not saved yet.
 *   A state loaded in this phase is never sent again: its next step makes it
 *   `mayHaveCreatedTask`.
 * - `running`: the API created the task (`taskId` is set); it is polled until it ends.
 * - `completed` (with `video`), `failed` (with `error`), `cancelled`: the end.
 * - `mayHaveCreatedTask`: the create was sent but its answer was lost (the connection failed,
 *   the call timed out, the answer was not a task, or the process stopped before saving it).
 *   The task may exist and be billed: it is reported for you to reconcile, never re-sent.
 */
export type TaskPhase =
  | 'queued'
  | 'creating'
  | 'running'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'mayHaveCreatedTask';

/** An error as plain JSON: what a saved task state keeps of why a request or a task failed. */
export interface StepError {
  /** The class of the error, e.g. `RateLimitError`, `TaskFailedError`, `ConnectionError`. */
  name: string;
  /** What happened, in words a user can read; never holds the API key. */
  message: string;
  /** HTTP status of the API's answer, when there was one. */
  status: number | null;
  /**
   * The API's code (`insufficient_balance`), or the task's failure code
   * (`content_policy_violation`).
   */
  code: string | null;
  /** The server's request id, to quote when reporting a problem. */
  requestId: string | null;
  /** The error's `kind`, when its class has one. */
  kind: string | null;
}

/**
 * One generation as plain JSON: everything a driver needs to take it up again, in this process
 * or another (no class instances, functions or `Date`s; it round-trips through
 * `JSON.stringify`/`JSON.parse`, SQLite or Redis unchanged). Times are clock milliseconds
 * (`Clock.now()`, epoch milliseconds on the system clock). Made by `queuedTask` or
 * `followedTask`, moved on by `step` (or its pure parts), never mutated: every change is a new
 * object.
 */
export interface TaskState {
  /** The format, `taskStateVersion` (1). A state of another version is refused, not guessed at. */
  version: typeof taskStateVersion;
  /** Your name for the task, e.g. the line of a batch file; kept as given. Default `''`. */
  key: string;
  phase: TaskPhase;
  /** The create's parameters; null for a task followed by its id (not created by this state). */
  params: CreateVideoParams | null;
  /** The task's id, once the API has created it. */
  taskId: string | null;
  /** The path the API asked to poll (`poll_url`), when it sent one. */
  pollUrl: string | null;
  /** The model, as the API reported it or as the create asked for it. */
  model: string | null;
  /** The status word the API last sent; null before any answer about the task. */
  status: TaskStatus | null;
  /** 0 to 100, never going backwards; null while the provider reports none. */
  progress: number | null;
  /** Each rise of the progress, oldest first: what the end is estimated from. */
  samples: ProgressSample[];
  /** The video, once completed. */
  video: VideoResult | null;
  /**
   * Why it failed, was cancelled or may have been created; while it is not over, the last
   * failed request (cleared by the next answer).
   */
  error: StepError | null;
  /** Creates sent (journalled), refused ones included. */
  creates: number;
  /** Polls sent, failed ones included. */
  polls: number;
  /** Requests that failed in a row and may succeed if asked again (network, 5xx, 429). */
  failures: number;
  /** Milliseconds the server asked to wait after the last failure (Retry-After), or null. */
  retryAfterMs: number | null;
  /** When this state was made. */
  addedAt: number;
  /**
   * When the create's answer arrived (a created task), or when the task was first seen (a
   * followed one).
   */
  createdAt: number | null;
  /** When an answer last showed the task still running. */
  lastRunningAt: number | null;
  /** When this state last changed. */
  updatedAt: number;
  /** When it reached its final phase. */
  endedAt: number | null;
}

/** The phases after which a task takes no more steps. */
export const isSettled = (state: Pick<TaskState, 'phase'>): boolean =>
  state.phase !== 'queued' && state.phase !== 'creating' && state.phase !== 'running';
