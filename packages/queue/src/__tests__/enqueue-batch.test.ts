import { RequestValidationError } from '@lemonvideo/core';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { useRedis } from '../../test/redis-fixture';
import { batchStatus, watchBatch } from '../batch-status';
import { enqueueBatch } from '../enqueue-batch';
import type { TaskJobData } from '../job-data';

const redis = useRedis('enqueue');
const { nextQueue } = redis;

const tasks = [
  { key: 'line 1', params: { model: 'kling-video', prompt: 'A cat' }, out: 'cat.mp4' },
  { key: 'line 2', params: { model: 'kling-video', prompt: 'A dog' } },
  { key: 'a:b', params: { model: 'kling-video', prompt: 'A colon in the key' } },
];

async function jobsOf(queueName: string) {
  const queue = new Queue<TaskJobData>(queueName, { connection: { url: redis.url } });
  try {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    return jobs.map((job) => ({ id: job.id, data: job.data }));
  } finally {
    await queue.close();
  }
}

describe('enqueueBatch', () => {
  it('adds one job per task, whose data is the task state, the batch id and the file name', async () => {
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks });
    expect(batchId).toMatch(/^[0-9a-f]{20}$/);
    const jobs = await jobsOf(queueName);
    expect(jobs.map((job) => job.id).sort()).toEqual(
      [`${batchId}.line%201`, `${batchId}.line%202`, `${batchId}.a%3Ab`].sort(),
    );
    const first = jobs.find((job) => job.data.state.key === 'line 1');
    expect(first?.data).toMatchObject({
      batchId,
      index: 0,
      out: 'cat.mp4',
      state: {
        version: 1,
        key: 'line 1',
        phase: 'queued',
        params: { model: 'kling-video', prompt: 'A cat' },
      },
    });
    const status = await batchStatus({ connection: redis.url, queueName, batchId });
    expect(status).toMatchObject({ total: 3, settled: false, requests: { creates: 0, polls: 0 } });
    expect(status.totals.queued).toBe(3);
    expect(status.tasks?.map((task) => [task.key, task.index, task.phase])).toEqual([
      ['line 1', 0, 'queued'],
      ['line 2', 1, 'queued'],
      ['a:b', 2, 'queued'],
    ]);
  });

  it('is idempotent: the same tasks again are the same batch and add nothing, even for a removed job', async () => {
    const queueName = nextQueue();
    const first = await enqueueBatch({ connection: redis.url, queueName, tasks });
    const queue = new Queue(queueName, { connection: { url: redis.url } });
    await (await queue.getJob(`${first}.line%202`))?.remove();
    await queue.close();
    const second = await enqueueBatch({ connection: redis.url, queueName, tasks });
    expect(second).toBe(first);
    expect((await jobsOf(queueName)).map((job) => job.data.state.key).sort()).toEqual([
      'a:b',
      'line 1',
    ]);
    // Another batch id runs the same tasks again, as a new batch.
    await enqueueBatch({ connection: redis.url, queueName, tasks, batchId: 'again' });
    expect(await jobsOf(queueName)).toHaveLength(5);
  });

  it('uses an ioredis client of yours as it is, and leaves it open', async () => {
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.client, queueName, tasks });
    expect(redis.client.status).toBe('ready');
    const status = await batchStatus({
      connection: redis.client,
      queueName,
      batchId,
      tasks: false,
    });
    expect(status).toMatchObject({ total: 3, tasks: null });
    expect(redis.client.status).toBe('ready');
  });

  it('keys tasks by their place from 1 when they have no key', async () => {
    const queueName = nextQueue();
    const batchId = await enqueueBatch({
      connection: redis.url,
      queueName,
      batchId: 'numbered',
      tasks: [{ params: { model: 'kling-video', prompt: 'A' } }, { params: { prompt: 'B' } }],
    });
    const status = await batchStatus({ connection: redis.url, queueName, batchId });
    expect(status.tasks?.map((task) => task.key)).toEqual(['1', '2']);
  });

  it('refuses bad tasks before adding any, naming each field and rule', async () => {
    const before = await redis.client.dbsize();
    const bad = enqueueBatch({
      connection: redis.url,
      queueName: nextQueue(),
      tasks: [
        { key: 'x', params: { model: 'kling-video', prompt: 'A', fps: 500 } },
        { key: 'x', params: { model: 'kling-video', prompt: 'B' }, out: '../escape.mp4' },
        { key: 'y', params: { model: 'kling-video', prompt: 'C' }, out: '/tmp/abs.mp4' },
      ],
    });
    await expect(bad).rejects.toBeInstanceOf(RequestValidationError);
    await expect(bad).rejects.toMatchObject({
      issues: [
        { field: 'tasks[0].params.fps', message: expect.stringContaining('120') },
        { field: 'tasks[1].key', message: expect.stringContaining('unique') },
        { field: 'tasks[1].out', message: expect.stringContaining('..') },
        { field: 'tasks[2].out', message: expect.stringContaining('relative') },
      ],
    });
    expect(await redis.client.dbsize()).toBe(before);
  });

  it('refuses a bad batch id, queue name or connection with a message naming it', async () => {
    const options = { connection: redis.url, tasks };
    await expect(enqueueBatch({ ...options, batchId: 'no spaces' })).rejects.toThrow(/^batchId: /);
    await expect(enqueueBatch({ ...options, queueName: 'a:b' })).rejects.toThrow(/^queueName: /);
    await expect(enqueueBatch({ ...options, connection: 42 as never })).rejects.toThrow(
      /^connection: /,
    );
    await expect(enqueueBatch({ ...options, tasks: [] })).rejects.toThrow(/^tasks: /);
  });

  it('fails at once, naming host and port but never the password, when Redis cannot be reached', async () => {
    const unreachable = enqueueBatch({ connection: 'redis://:s3cret@127.0.0.1:1/0', tasks });
    await expect(unreachable).rejects.toThrow(
      /^connection: could not reach Redis at 127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\)\.$/,
    );
    await expect(
      batchStatus({ connection: 'redis://:s3cret@127.0.0.1:1', batchId: 'any' }),
    ).rejects.not.toThrow(/s3cret/);
  });
});

describe('batchStatus and watchBatch', () => {
  it('refuse a batch the queue does not know', async () => {
    const options = { connection: redis.url, queueName: nextQueue(), batchId: 'nothing' };
    await expect(batchStatus(options)).rejects.toThrow(
      /^batchId: there is no batch "nothing" in the queue "enqueue-\d+"\.$/,
    );
  });

  it('watchBatch yields the totals, and ends when its signal aborts', async () => {
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks });
    const controller = new AbortController();
    const seen = [];
    for await (const status of watchBatch({
      connection: redis.url,
      queueName,
      batchId,
      intervalMs: 20,
      signal: controller.signal,
    })) {
      seen.push(status);
      controller.abort();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ total: 3, settled: false, tasks: null });
    expect(seen[0]?.totals).toMatchObject({ queued: 3, running: 0, completed: 0 });
  });

  it('watchBatch waits an intervalMs longer than a timer holds (2^31 ms) instead of reading Redis at once', async () => {
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks });
    const controller = new AbortController();
    const watch = watchBatch({
      connection: redis.url,
      queueName,
      batchId,
      intervalMs: 2 ** 31,
      signal: controller.signal,
    });
    expect((await watch.next()).value).toMatchObject({ total: 3, settled: false });
    const commands = async () => {
      const stats = await redis.client.info('stats');
      return Number(/total_commands_processed:(\d+)/.exec(stats)?.[1]);
    };
    const next = watch.next();
    const before = await commands();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only our own INFO: a timer cut to 1 ms would have read the batch again every millisecond.
    expect((await commands()) - before).toBe(1);
    controller.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });
});
