import { type CreateOptions, withCallSignal } from '../call-signal';
import type { ClientContext } from '../client-context';
import {
  type DownloadOptions,
  type DownloadSource,
  downloadVideo,
  type VideoDownload,
} from '../download';
import { normalizeTask } from '../normalize-task';
import type { CreateVideoParams, VideoTask } from '../task';
import { assertValidCreateParams } from '../validate-params';
import { type JobOptions, VideoJob } from '../video-job';

export class Videos {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a generation task and returns it at once (status `pending`). Validates `params`
   * against the spec first, then against the model's details (see the client's
   * `checkModels`): a `RequestValidationError`, or the `NotFoundError` of an unknown model,
   * means nothing was sent. Never retried
   * after a lost connection. Any error after which the task may exist (a lost connection, a
   * timeout, an unreadable success answer) has `mayHaveCreatedTask: true`.
   */
  async create(params: CreateVideoParams, options?: CreateOptions): Promise<VideoTask> {
    assertValidCreateParams(params);
    return withCallSignal(options, this.#context, async (signal) => {
      if (options?.checkModel !== false) await this.#context.client.models.check(params, signal);
      const { data, response } = await this.#context.openapi.POST('/v1/videos/generations', {
        body: params,
        signal,
      });
      return normalizeTask(data, response.status, true);
    });
  }

  /**
   * Creates the task and waits for its video: resolves with the completed task, or rejects
   * with `TaskFailedError`, `TaskCancelledError`, `TaskTimeoutError` or an API error.
   */
  async generate(params: CreateVideoParams, options?: JobOptions): Promise<VideoTask> {
    return this.job(params, options).start();
  }

  /** An observable generation, not yet started: call `start()`, or iterate it (which starts it). */
  job(params: CreateVideoParams, options?: JobOptions): VideoJob {
    return new VideoJob(this.#context, { params }, options);
  }

  /**
   * Streams the video of a completed task (or a video URL), with progress, an idle timeout
   * and a size cap: see `DownloadOptions` for the errors.
   */
  download(source: DownloadSource, options?: DownloadOptions): Promise<VideoDownload> {
    return downloadVideo(this.#context, source, options);
  }
}
