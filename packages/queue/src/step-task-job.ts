import {
  assertTaskState,
  type DurationStats,
  isSettled,
  type LemonVideo,
  LemonVideoError,
  type PollOptions,
  RateLimitError,
  recordDuration,
  step,
  type TaskState,
} from '@lemonvideo/core';
import { DelayedError, type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type BatchKeys, jobIdOf } from './batch-keys';
import { recordPhase } from './batch-phases';
import type { DownloadJobData, TaskJobData } from './job-data';

/** When a 429 carries no Retry-After, the queue pauses this long. */
const defaultRateLimitPauseMs = 1_000;

/** What the processor of a task's job works with (one per worker). */
export interface TaskJobContext {
  client: LemonVideo;
  redis: Redis;
  /** The task queue, for its manual rate limit. */
  queue: Queue<TaskJobData>;
  /** The download queue, when this worker downloads. */
  downloads: Queue<DownloadJobData> | null;
  /** BullMQ's options of a download's job. */
  downloadJobOptions: { attempts: number; backoff: { type: 'exponential'; delay: number } };
  keysOf: (batchId: string) => BatchKeys;
  wake: 'due' | 'eager';
  poll: PollOptions | undefined;
  stats: DurationStats;
  /** The worker's `lockDuration`, to check the job is still this worker's before a create. */
  lockDuration: number;
}

/** The job was taken by another worker (this one stalled past its lock): it stops, sends nothing. */
export class JobLockLostError extends LemonVideoError {
  override name = 'JobLockLostError';
}

/**
 * A completed task whose video this worker downloads: its download job is added before the batch
 * hears of the end, and the batch records it as `downloading`, never as a bare `completed` that a
 * status would read as settled while the video is not saved yet.
 */
const videoToDownload = (context: TaskJobContext, state: TaskState) =>
  state.phase === 'completed' && context.downloads !== null ? state.video : null;

/** Saves the task's state in its job, and its phase in the batch's (sent together, one round trip). */
function save(
  job: Job<TaskJobData>,
  context: TaskJobContext,
  state: TaskState,
  sent: 'create' | 'poll' | null,
): Promise<unknown> {
  const keys = context.keysOf(job.data.batchId);
  const phase = videoToDownload(context, state) === null ? state.phase : 'downloading';
  return Promise.all([
    job.updateData({ ...job.data, state }),
    recordPhase(context.redis, keys, state.key, phase, sent),
  ]);
}

/** Hands a completed task's video to the download queue (once: the job id is the task's). */
async function queueDownload(job: Job<TaskJobData>, context: TaskJobContext, state: TaskState) {
  const video = videoToDownload(context, state);
  if (video === null) return;
  const { batchId, out } = job.data;
  const data: DownloadJobData = {
    batchId,
    key: state.key,
    taskId: state.taskId as string,
    video,
    out,
  };
  await context.downloads?.add('download', data, {
    ...context.downloadJobOptions,
    jobId: jobIdOf(batchId, state.key),
  });
}

/**
 * Runs one job of a task: at most one API request (one `step` of the core's step machine), its
 * answer saved into the job's data before anything else. Then:
 *
 * - settled (`completed`, `failed`, `cancelled`, `mayHaveCreatedTask`): the job completes with the
 *   final state; a completed task's video is handed to the download queue first;
 * - a 429: the whole queue pauses for the server's Retry-After (BullMQ's manual rate limit, shared
 *   by every worker) and the job goes back to wait;
 * - otherwise: the job moves itself to the delayed set until its wake time and frees its slot.
 *
 * The `creating` state is saved before the create is sent, and the create is sent only if this
 * worker still holds the job's lock after that save: a job taken up by another worker (after this
 * one died or stalled) finds `creating` and turns it into `mayHaveCreatedTask`, never sending the
 * create again.
 */
export async function stepTaskJob(
  job: Job<TaskJobData>,
  token: string,
  context: TaskJobContext,
): Promise<TaskState> {
  let { state } = job.data;
  assertTaskState(state);
  if (!isSettled(state)) {
    const result = await step(state, {
      client: context.client,
      // One request per run, strictly: no read of the model's details before a create (a task
      // the model refuses gets the API's 400, a certain refusal, never billed).
      checkModel: false,
      poll: context.poll,
      stats: context.stats,
      persist: async (creating) => {
        await save(job, context, creating, null);
        // Saved while the lock was ours all along: whoever takes the job up next reads `creating`.
        const held = await job.extendLock(token, context.lockDuration);
        if (held !== 1) {
          throw new JobLockLostError(
            `Task "${creating.key}": its job was taken up by another worker; this one sends nothing.`,
          );
        }
      },
    });
    state = result.state;
    await queueDownload(job, context, state);
    await save(job, context, state, result.sent);
    if (result.error instanceof RateLimitError) {
      await context.queue.rateLimit(state.retryAfterMs ?? defaultRateLimitPauseMs);
      throw Worker.RateLimitError();
    }
    if (!isSettled(state)) {
      const wakeAt = context.wake === 'due' ? result.dueAt : result.wakeAt;
      await job.moveToDelayed(wakeAt ?? Date.now(), token);
      throw new DelayedError();
    }
    recordDuration(context.stats, state);
  }
  return state;
}
