import {
  LemonVideoError,
  type StepError,
  systemClock,
  type TaskState,
  type TaskStatus,
} from '@lemonvideo/core';
import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assertBatchId, batchKeys, downloadQueueName, jobIdOf, queueOf } from './batch-keys';
import { type BatchPhase, batchPhases, isFinalPhase } from './batch-phases';
import type { DownloadJobData, DownloadResult, TaskJobData } from './job-data';
import { connectRedis, type QueueConnectionOptions } from './redis-connection';

/** One task of a batch, as its status reports it. */
export interface BatchTaskResult {
  /** Its key in the batch (`BatchTask.key`). */
  key: string;
  /** Its place in the batch, from 0. */
  index: number;
  /** Where it stands, from `queued` to `downloaded` (see `BatchPhase`). */
  phase: BatchPhase;
  /** The vendor's task id, once created. */
  taskId: string | null;
  /** The status word the API last sent. */
  status: TaskStatus | null;
  /** 0 to 100, or null while the provider reports none. */
  progress: number | null;
  /** The video's URL, once completed (the provider's link: it expires, about 48 h). */
  videoUrl: string | null;
  /** Where the video was saved: its path in the download directory, or what the sink returned. */
  file: string | null;
  /**
   * Why it failed, was cancelled, may have been created (`mayHaveCreatedTask`: look for it before
   * creating it again), or could not be downloaded; while it runs, the last failed request.
   */
  error: StepError | null;
  /** Creates sent for it. */
  creates: number;
  /** Polls sent for it. */
  polls: number;
}

/** A batch as it stands (see `batchStatus`). */
export interface BatchStatus {
  /** The batch's id. */
  batchId: string;
  /** Tasks in the batch. */
  total: number;
  /** Tasks in each phase; every phase is present. */
  totals: Record<BatchPhase, number>;
  /** Requests sent for the batch so far (creates, polls), counted as their answers are saved. */
  requests: { creates: number; polls: number };
  /** True once every task is in a final phase: nothing more will happen to the batch. */
  settled: boolean;
  /** When the batch was first enqueued (epoch ms). */
  createdAt: number;
  /** Each task, in the batch's order; null when not asked for (`tasks: false`). */
  tasks: BatchTaskResult[] | null;
}

/** Which batch `batchStatus` reads, and how much of it. */
export interface BatchStatusOptions extends QueueConnectionOptions {
  /** The id `enqueueBatch` resolved with. Required. */
  batchId: string;
  /**
   * Read each task's job for its result (`tasks`), and count the totals from them. False reads
   * only the phases the workers keep for the batch (one hash), fast at any size. Default true.
   */
  tasks?: boolean | undefined;
}

/** Jobs read per round of requests to Redis. */
const chunkSize = 1_000;

const queueError = (name: string, message: string): StepError => ({
  name,
  message,
  status: null,
  code: null,
  requestId: null,
  kind: null,
});

/** The finished job's failure, when it failed rather than completed. */
const failureOf = (job: Job | undefined) =>
  job?.finishedOn !== undefined && job.returnvalue == null ? job.failedReason : undefined;

function resultOf(
  key: string,
  index: number,
  recorded: BatchPhase,
  taskJob: Job<TaskJobData, TaskState> | undefined,
  downloadJob: Job<DownloadJobData, DownloadResult> | undefined,
): BatchTaskResult {
  const state = taskJob?.data.state;
  const taskFailure = failureOf(taskJob);
  const downloadFailure = failureOf(downloadJob);
  let phase = recorded;
  let error = state?.error ?? null;
  if (taskFailure !== undefined) {
    phase = 'failed';
    error = queueError('QueueJobFailed', `The queue gave up on this task: ${taskFailure}`);
  } else if (downloadFailure !== undefined && phase === 'downloadFailed') {
    error = queueError('DownloadError', downloadFailure);
  }
  return {
    key,
    index,
    phase,
    taskId: state?.taskId ?? null,
    status: state?.status ?? null,
    progress: state?.progress ?? null,
    videoUrl: state?.video?.url ?? null,
    file: downloadJob?.returnvalue?.file ?? null,
    error,
    creates: state?.creates ?? 0,
    polls: state?.polls ?? 0,
  };
}

const countOf = (value: string | undefined) => Number(value ?? 0);

async function readStatus(
  redis: Redis,
  queues: { tasks: Queue; downloads: Queue },
  location: { prefix: string; queueName: string; batchId: string },
  withTasks: boolean,
): Promise<BatchStatus> {
  const { prefix, queueName, batchId } = location;
  const keys = batchKeys(prefix, queueName, batchId);
  const [meta, phases, listed] = await Promise.all([
    redis.hgetall(keys.meta),
    redis.hgetall(keys.phases),
    withTasks ? redis.zrange(keys.keys, 0, -1, 'WITHSCORES') : redis.zcard(keys.keys),
  ]);
  const total = typeof listed === 'number' ? listed : listed.length / 2;
  if (meta.createdAt === undefined) {
    throw new LemonVideoError(
      `batchId: there is no batch "${batchId}" in the queue "${queueName}".`,
    );
  }
  const totals = Object.fromEntries(batchPhases.map((phase) => [phase, 0])) as Record<
    BatchPhase,
    number
  >;
  let tasks: BatchTaskResult[] | null = null;
  if (typeof listed === 'number') {
    for (const phase of Object.values(phases) as BatchPhase[]) totals[phase] += 1;
    // A key listed without a phase yet is queued.
    totals.queued += total - Object.keys(phases).length;
  } else {
    tasks = [];
    for (let start = 0; start < listed.length; start += 2 * chunkSize) {
      const chunk: Array<{ key: string; index: number }> = [];
      for (let at = start; at < Math.min(listed.length, start + 2 * chunkSize); at += 2) {
        chunk.push({ key: listed[at] as string, index: Number(listed[at + 1]) });
      }
      const jobs = await Promise.all(
        chunk.map(({ key }) =>
          Promise.all([
            queues.tasks.getJob(jobIdOf(batchId, key)),
            queues.downloads.getJob(jobIdOf(batchId, key)),
          ]),
        ),
      );
      chunk.forEach(({ key, index }, offset) => {
        const [taskJob, downloadJob] = jobs[offset] ?? [];
        const recorded = (phases[key] ?? 'queued') as BatchPhase;
        const result = resultOf(key, index, recorded, taskJob, downloadJob);
        totals[result.phase] += 1;
        tasks?.push(result);
      });
    }
  }
  const settled =
    total > 0 && batchPhases.every((phase) => isFinalPhase(phase) || totals[phase] === 0);
  return {
    batchId,
    total,
    totals,
    requests: { creates: countOf(meta.creates), polls: countOf(meta.polls) },
    settled,
    createdAt: Number(meta.createdAt),
    tasks,
  };
}

/** What reading a batch's status needs, open until `close`. */
async function openBatch(options: BatchStatusOptions) {
  const { queueName, prefix } = queueOf(options);
  const { batchId } = options;
  assertBatchId(batchId);
  const { redis, close } = await connectRedis(options.connection);
  const queues = {
    tasks: new Queue(queueName, { connection: redis, prefix }),
    downloads: new Queue(downloadQueueName(queueName), { connection: redis, prefix }),
  };
  // Their failures reach us as the rejections of their commands.
  for (const queue of Object.values(queues)) queue.on('error', () => undefined);
  return {
    read: (withTasks: boolean) =>
      readStatus(redis, queues, { prefix, queueName, batchId }, withTasks),
    async close() {
      await Promise.all([queues.tasks.close(), queues.downloads.close()]);
      await close();
    },
  };
}

/**
 * Where a batch stands: tasks per phase, the requests sent, and (with `tasks`, the default) each
 * task's result: key, task id, phase, video URL, file, error. Reads Redis only; works while
 * workers run, and after.
 *
 * Throws `LemonVideoError` for a bad `batchId` or one the queue does not know, and Redis's
 * errors as ioredis throws them.
 */
export async function batchStatus(options: BatchStatusOptions): Promise<BatchStatus> {
  const batch = await openBatch(options);
  try {
    return await batch.read(options.tasks ?? true);
  } finally {
    await batch.close();
  }
}

/** Which batch `watchBatch` follows, and how often it reads it. */
export interface WatchBatchOptions extends BatchStatusOptions {
  /** Milliseconds between two reads. Default 1,000. */
  intervalMs?: number | undefined;
  /** Stops the watch: the iteration ends at its next read. */
  signal?: AbortSignal | undefined;
}

/**
 * Follows a batch: yields its status (totals only, `tasks: null`) each time its totals or
 * requests change, read every `intervalMs`, and once it is settled, a last status with every
 * task's result (unless `tasks: false`), then ends. Ends early, without an error, when `signal`
 * aborts or you `break` out of the loop.
 *
 * Throws as `batchStatus` does.
 */
export async function* watchBatch(options: WatchBatchOptions): AsyncGenerator<BatchStatus> {
  const intervalMs = options.intervalMs ?? 1_000;
  if (!(intervalMs > 0)) {
    throw new LemonVideoError(`intervalMs: must be above 0 (got ${intervalMs}).`);
  }
  const { signal } = options;
  const batch = await openBatch(options);
  try {
    let last = '';
    while (signal?.aborted !== true) {
      const status = await batch.read(false);
      if (status.settled) {
        yield options.tasks === false ? status : await batch.read(true);
        return;
      }
      const seen = JSON.stringify([status.totals, status.requests]);
      if (seen !== last) {
        last = seen;
        yield status;
      }
      await systemClock.sleep(intervalMs, signal).catch(() => undefined);
    }
  } finally {
    await batch.close();
  }
}
