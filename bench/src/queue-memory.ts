import { randomBytes } from 'node:crypto';
import { applyTask, prepareCreate, type TaskState, type VideoTask } from '@lemonvideo/core';
import { enqueueBatch, type TaskJobData } from '@lemonvideo/queue';
import { startRedis } from '@lemonvideo/test-helpers/redis-server';
import { DelayedError, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface QueueMemoryResult {
  /** Tasks tracked: each a running task waiting in BullMQ's delayed set for its next poll. */
  tasks: number;
  /** Redis's `used_memory` after, less before. */
  used_memory_bytes: number;
  bytes_per_task: number;
  seconds: number;
}

const usedMemory = async (redis: Redis) =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);

/** A task as the API answers a poll while it renders. */
function renderingTask(progress: number): VideoTask {
  const id = `ldtask_${randomBytes(16).toString('hex')}`;
  return {
    id,
    status: 'processing',
    progress,
    video: null,
    error: null,
    cancelled: false,
    model: 'kling-video',
    pollUrl: `/v1/tasks/${id}`,
    raw: {} as VideoTask['raw'],
  };
}

/** A queued state as a worker leaves it after its create and one poll: running, two samples. */
function running(state: TaskState): TaskState {
  const now = Date.now();
  const created = applyTask(prepareCreate(state, now - 20_000), renderingTask(5), now - 19_000, {
    polled: false,
  });
  return applyTask(created, { ...renderingTask(40), id: created.taskId as string }, now, {
    polled: true,
  });
}

/**
 * Redis memory per tracked task: a fresh Redis, `tasks` enqueued with `enqueueBatch` (the
 * package's own jobs and batch keys), each then moved as a worker's step leaves a rendering task:
 * its job's data replaced by a running state (a realistic prompt, two progress samples) and the
 * job in BullMQ's delayed set until its next poll. `used_memory` after, less before.
 */
export async function measureQueueMemory(tasks: number): Promise<QueueMemoryResult> {
  const server = await startRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const started = Date.now();
  try {
    const before = await usedMemory(redis);
    const queueName = 'memory';
    const prompt =
      'A red fox trotting through fresh snow at dawn, soft golden light, shallow depth of field, slow dolly shot, cinematic';
    await enqueueBatch({
      connection: redis,
      queueName,
      tasks: Array.from({ length: tasks }, (_, line) => ({
        key: `line ${line + 1}`,
        params: {
          model: 'kling-video',
          prompt: `${prompt} (take ${line + 1})`,
          duration: 5,
          resolution: '720p',
          aspect_ratio: '16:9',
        },
      })),
    });
    let moved = 0;
    let allMoved: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      allMoved = resolve;
    });
    const worker = new Worker<TaskJobData>(
      queueName,
      async (job, token) => {
        await job.updateData({ ...job.data, state: running(job.data.state) });
        await job.moveToDelayed(Date.now() + 600_000, token);
        moved += 1;
        if (moved === tasks) allMoved();
        throw new DelayedError();
      },
      { connection: redis, concurrency: 200 },
    );
    await done;
    await worker.close();
    const queue = new Queue(queueName, { connection: redis });
    const delayed = await queue.getDelayedCount();
    await queue.close();
    if (delayed !== tasks) throw new Error(`${delayed} of ${tasks} jobs are delayed`);
    const used = (await usedMemory(redis)) - before;
    return {
      tasks,
      used_memory_bytes: used,
      bytes_per_task: used / tasks,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await redis.quit();
    await server.stop();
  }
}
