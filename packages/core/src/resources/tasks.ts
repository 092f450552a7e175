import { assertId } from '../assert-id';
import { type CallOptions, withCallSignal } from '../call-signal';
import type { ClientContext } from '../client-context';
import { normalizeTask } from '../normalize-task';
import type { TaskRef, VideoTask } from '../task';
import { type JobOptions, VideoJob } from '../video-job';

/**
 * What a path to follow must not have: a `.` or `..` segment, plain or percent-encoded, an
 * encoded slash or a backslash (either could climb out of `baseURL`), or an empty first segment
 * (`//host`, another host).
 */
const unsafePollPath = /^(?!\/)|^\/\/|\/(\.|%2e){1,2}(\/|[?#]|$)|%2f|%5c|\\/i;

/**
 * The path to poll: the task's `poll_url` when it is a path under `baseURL` (relative, or
 * absolute under it), so the API key never travels to another host nor to another path there.
 */
function pollPath(pollUrl: string | null, baseURL: string): string | undefined {
  if (pollUrl === null) return undefined;
  if (pollUrl.startsWith(baseURL)) pollUrl = pollUrl.slice(baseURL.length);
  return unsafePollPath.test(pollUrl) ? undefined : pollUrl;
}

export class Tasks {
  readonly #context: ClientContext;
  readonly #baseURL: string;

  constructor(context: ClientContext, baseURL: string) {
    this.#context = context;
    this.#baseURL = baseURL;
  }

  /**
   * Waits until the task ends: resolves with the completed task, or rejects with
   * `TaskFailedError`, `TaskCancelledError`, `TaskTimeoutError` (after `timeout`, default 10
   * minutes), `NotFoundError`, an auth error, or the abort reason. Network errors and 5xx
   * while polling are retried; the task is never lost.
   */
  async wait(task: TaskRef, options?: JobOptions): Promise<VideoTask> {
    return this.job(task, options).start();
  }

  /** An observable job following an existing task, e.g. after a reload. Call `start()`. */
  job(task: TaskRef, options?: JobOptions): VideoJob {
    return new VideoJob(this.#context, { task }, options);
  }

  /** The task's current state. Follows the task's `poll_url` when given a task that has one. */
  async retrieve(task: TaskRef, options?: CallOptions): Promise<VideoTask> {
    const { id, pollUrl } = typeof task === 'string' ? { id: task, pollUrl: null } : task;
    assertId(id, 'id');
    const path = pollPath(pollUrl, this.#baseURL) ?? '/v1/tasks/{id}';
    return withCallSignal(options, this.#context, async (signal) => {
      const { data, response } = await this.#context.openapi.GET(path as '/v1/tasks/{id}', {
        params: { path: { id } },
        signal,
      });
      return normalizeTask(data, response.status);
    });
  }

  /**
   * Cancels a queued task, where the model allows it (Seedance): `BadRequestError` with code
   * `unsupported_task_cancel` otherwise, `ConflictError` (`task_not_cancellable`) once it runs.
   */
  async cancel(id: string, options?: CallOptions): Promise<VideoTask> {
    assertId(id, 'id');
    return withCallSignal(options, this.#context, async (signal) => {
      const { data, response } = await this.#context.openapi.DELETE('/v1/tasks/{id}', {
        params: { path: { id } },
        signal,
      });
      return normalizeTask(data, response.status);
    });
  }
}
