import {
  DurationStats,
  LemonVideo,
  LemonVideoError,
  type PollOptions,
  type TaskState,
} from '@lemonvideo/core';
import { Queue, Worker } from 'bullmq';
import { batchKeys, downloadQueueName, queueOf } from './batch-keys';
import { type DownloadsOption, downloadVideoJob } from './download-video-job';
import type { DownloadJobData, DownloadResult, TaskJobData } from './job-data';
import { openRedis, type QueueConnectionOptions } from './redis-connection';
import { limiterFor } from './request-spacing';
import { stepTaskJob } from './step-task-job';

/** How `createVideoWorker` runs: the client, the budget, the polling, the downloads. */
export interface VideoWorkerOptions extends QueueConnectionOptions {
  /**
   * The API client, created with `maxRetries: 0` so that one job run is one HTTP request (the
   * queue retries across runs, within its budget), and without `maxRequestsPerSecond` (the budget
   * is the queue's). Its key is the account whose budget `requestsPerMinute` is.
   */
  client: LemonVideo;
  /**
   * Jobs this worker runs at once. A job holds its slot for one request only (a task waiting for
   * its next poll is in BullMQ's delayed set, not in a slot), so a few workers follow any number
   * of tasks. Default 50.
   */
  concurrency?: number | undefined;
  /**
   * The account's request budget, shared by every worker of the queue through BullMQ's limiter
   * in Redis: give every worker the same. The vendor's default is 1,000 a minute (its rate limit
   * guide). Default 1,000. See `limiterFor`.
   */
  requestsPerMinute?: number | undefined;
  /**
   * When to poll a running task next. `'due'`: when a poll is expected to see its end (from its
   * progress, from how long tasks of its kind took in this worker, or from its age; at least 30 s
   * after the create while nothing is known), which spends the fewest requests per video, for when
   * the budget is the bottleneck. `'eager'`: as a single `VideoJob` polls (adaptive, 1 s to 10 s by
   * default, see `poll`), the soonest sight of the end, for when requests are to spare. Default
   * `'due'`.
   */
  wake?: 'due' | 'eager' | undefined;
  /** The timing of `'eager'` polls, and the backoff after a failed request. Default adaptive, 1 s to 10 s. */
  poll?: PollOptions | undefined;
  /** How long tasks took, learned by this worker as they complete. Default: a new one. */
  stats?: DurationStats | undefined;
  /**
   * Download completed tasks' videos, through the queue `<queueName>-downloads`, into a directory
   * (`{ dir }`) or your sink (`{ sink }`). Default: none (the video URL is in the task's result).
   * Give every worker the same.
   */
  downloads?: DownloadsOption | undefined;
  /** Downloads this worker runs at once. Default 4. */
  downloadConcurrency?: number | undefined;
  /** Attempts of each download, with exponential backoff from 2 s. Default 5. */
  downloadAttempts?: number | undefined;
  /**
   * Milliseconds a job's lock lasts without renewal (BullMQ renews it every half of this while
   * the job runs). A worker that dies holding a job frees it this long after; another worker then
   * takes it up from its saved state. Default 30,000 (BullMQ's).
   */
  lockDuration?: number | undefined;
  /** How often this worker looks for jobs whose worker died, in ms. Default 30,000 (BullMQ's). */
  stalledInterval?: number | undefined;
  /**
   * How many times a job may be taken back from a worker that died before BullMQ fails it. A step
   * is safe to run again, so this is above BullMQ's default of 1. Default 5.
   */
  maxStalledCount?: number | undefined;
  /** Receives errors of the workers' Redis connections. Default: written to stderr. */
  onError?: ((error: Error) => void) | undefined;
}

/** A running worker (see `createVideoWorker`). */
export interface VideoWorker {
  /** BullMQ's worker of the task queue: listen to its events (`completed`, `failed`). */
  readonly worker: Worker<TaskJobData, TaskState>;
  /** BullMQ's worker of the download queue, when `downloads` is set. */
  readonly downloadWorker: Worker<DownloadJobData, DownloadResult> | null;
  /**
   * Stops taking jobs, waits for the ones under way (each is one request, or one download), and
   * closes the Redis connections this worker opened.
   */
  close(): Promise<void>;
}

const whole = (value: number | undefined, name: string, fallback: number, least = 1): number => {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < least) {
    throw new LemonVideoError(
      `${name}: must be a whole number of at least ${least} (got ${value}).`,
    );
  }
  return chosen;
};

/**
 * Starts a worker of a video queue: it takes the tasks `enqueueBatch` added (from any number of
 * machines) and moves each one step on per job run, with at most one API request per run, within
 * the request budget shared by every worker of the queue. A task rendering for minutes waits in
 * BullMQ's delayed set, holding no slot. A 429 pauses the whole queue, every worker, for the
 * server's Retry-After. A worker killed mid-run loses nothing: its jobs come back to another
 * worker after `lockDuration` and go on from their saved state; a create that was in flight
 * becomes `mayHaveCreatedTask`, never sent twice (see `stepTaskJob`).
 *
 * Throws `LemonVideoError` when `client` is not a `LemonVideo` of this package's
 * `@lemonvideo/core` (another copy would misread its errors) or retries inside a call, or when an
 * option is out of range.
 */
export function createVideoWorker(options: VideoWorkerOptions): VideoWorker {
  const { client, downloads } = options;
  if (!(client instanceof LemonVideo)) {
    throw new LemonVideoError(
      'client: must be a LemonVideo from the @lemonvideo/core that @lemonvideo/queue uses (one copy: check `npm ls @lemonvideo/core`).',
    );
  }
  if (client.maxRetries > 0) {
    throw new LemonVideoError(
      `client: needs maxRetries: 0 (it has ${client.maxRetries}): each job run must be one request, counted against the budget. The queue retries by itself.`,
    );
  }
  if (downloads !== undefined && !('dir' in downloads) && !('sink' in downloads)) {
    throw new LemonVideoError('downloads: must be { dir } or { sink }.');
  }
  const { queueName, prefix } = queueOf(options);
  const limiter = limiterFor(options.requestsPerMinute ?? 1_000);
  const concurrency = whole(options.concurrency, 'concurrency', 50);
  const lockDuration = whole(options.lockDuration, 'lockDuration', 30_000, 1_000);
  const stalledInterval = whole(options.stalledInterval, 'stalledInterval', 30_000, 1_000);
  const maxStalledCount = whole(options.maxStalledCount, 'maxStalledCount', 5, 0);
  const downloadAttempts = whole(options.downloadAttempts, 'downloadAttempts', 5);
  const downloadConcurrency = whole(options.downloadConcurrency, 'downloadConcurrency', 4);
  const wake = options.wake ?? 'due';
  if (wake !== 'due' && wake !== 'eager') {
    throw new LemonVideoError(`wake: must be 'due' or 'eager' (got ${JSON.stringify(wake)}).`);
  }

  const { redis, close: closeRedis } = openRedis(options.connection, { blocking: true });
  const keysOf = (batchId: string) => batchKeys(prefix, queueName, batchId);
  const onError =
    options.onError ??
    ((error: Error) => process.stderr.write(`@lemonvideo/queue: ${error.message}\n`));
  const common = { connection: redis, prefix, lockDuration, stalledInterval, maxStalledCount };

  const queue = new Queue<TaskJobData>(queueName, { connection: redis, prefix });
  const downloadQueue =
    downloads === undefined
      ? null
      : new Queue<DownloadJobData>(downloadQueueName(queueName), { connection: redis, prefix });
  const context = {
    client,
    redis,
    queue,
    downloads: downloadQueue,
    downloadJobOptions: {
      attempts: downloadAttempts,
      backoff: { type: 'exponential' as const, delay: 2_000 },
    },
    keysOf,
    wake,
    poll: options.poll,
    stats: options.stats ?? new DurationStats(),
    lockDuration,
  };
  const worker = new Worker<TaskJobData, TaskState>(
    queueName,
    (job, token) => stepTaskJob(job, token as string, context),
    { ...common, concurrency, limiter },
  );
  const downloadWorker =
    downloads === undefined
      ? null
      : new Worker<DownloadJobData, DownloadResult>(
          downloadQueueName(queueName),
          (job) => downloadVideoJob(job, { client, redis, downloads, keysOf }),
          { ...common, concurrency: downloadConcurrency },
        );
  worker.on('error', onError);
  downloadWorker?.on('error', onError);
  queue.on('error', onError);
  downloadQueue?.on('error', onError);

  let closing: Promise<void> | undefined;
  return {
    worker,
    downloadWorker,
    close() {
      closing ??= (async () => {
        await Promise.all([worker.close(), downloadWorker?.close()]);
        await Promise.all([queue.close(), downloadQueue?.close()]);
        await closeRedis();
      })();
      return closing;
    },
  };
}
