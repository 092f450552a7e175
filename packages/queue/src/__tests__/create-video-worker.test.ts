import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LemonVideo, prepareCreate } from '@lemonvideo/core';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settledBatch, useRedis } from '../../test/redis-fixture';
import type { BatchStatus } from '../batch-status';
import {
  createVideoWorker,
  type VideoWorker,
  type VideoWorkerOptions,
} from '../create-video-worker';
import { type BatchTask, enqueueBatch } from '../enqueue-batch';
import type { TaskJobData } from '../job-data';

const redis = useRedis('worker');
let simulator: Simulator;
/**
 * Requests to the task routes (creates, polls, cancels) the simulator answered: when, and its log
 * line. The budget and the one-request-per-run rule are about these.
 */
let requests: Array<{ at: number; line: string }> = [];
/** Reads of the public catalogue, which a worker never makes: its creates skip the model check. */
let lookups: string[] = [];
let workers: VideoWorker[] = [];
const { nextQueue } = redis;

async function freshSimulator() {
  requests = [];
  lookups = [];
  simulator = await startSimulator({
    speed: 600,
    rateLimit: false,
    log: (line) => {
      if (/^GET \/v1\/models\//.test(line)) lookups.push(line);
      else if (/^\w+ \/v1\//.test(line)) requests.push({ at: Date.now(), line });
    },
  });
}

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  workers = [];
  await simulator?.close();
});

const clientFor = () =>
  new LemonVideo({ apiKey: 'sk-queue-test', baseURL: simulator.url, maxRetries: 0 });

/** A worker on `queueName`, polling fast (the simulator runs 600 times faster than real time). */
function worker(queueName: string, options: Partial<VideoWorkerOptions> = {}): VideoWorker {
  const started = createVideoWorker({
    client: clientFor(),
    connection: redis.url,
    queueName,
    wake: 'eager',
    poll: { min: 100, max: 400 },
    requestsPerMinute: 6_000,
    ...options,
  });
  workers.push(started);
  return started;
}

const prompts = (count: number, prefix = 'task'): BatchTask[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i + 1}`,
    params: { model: 'kling-video', prompt: `A cat, ${prefix}-${i + 1}` },
  }));

const settled = (queueName: string, batchId: string): Promise<BatchStatus> =>
  settledBatch({ connection: redis.url, queueName, batchId, intervalMs: 50 });

const creates = () => requests.filter(({ line }) => line.startsWith('POST /v1/videos/generations'));

describe('a video worker', () => {
  it('runs a batch to the end with at most one request per job run, creating each task once', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(6) });
    const runs: number[] = [];
    const started = worker(queueName, { concurrency: 1 });
    started.worker.on('active', () => runs.push(Date.now()));
    const status = await settled(queueName, batchId);

    expect(status.totals.completed).toBe(6);
    expect(
      status.tasks?.every((task) => task.phase === 'completed' && task.videoUrl !== null),
    ).toBe(true);
    // Each task created once: one create per prompt at the simulator.
    const created = simulator.tasks().map((task) => task.request.prompt);
    expect(created.sort()).toEqual(
      prompts(6)
        .map((task) => task.params.prompt)
        .sort(),
    );
    expect(status.requests.creates).toBe(6);
    expect(status.requests.creates + status.requests.polls).toBe(requests.length);
    // One job at a time: between the starts of two runs, at most one request reached the API.
    for (let i = 0; i < runs.length; i++) {
      const from = runs[i] as number;
      const to = runs[i + 1] ?? Number.POSITIVE_INFINITY;
      const inRun = requests.filter(({ at }) => at >= from && at < to);
      expect(inRun.length).toBeLessThanOrEqual(1);
    }
    expect(runs.length).toBeGreaterThanOrEqual(requests.length);
    // No read of the catalogue either: a job run sends one request at most.
    expect(lookups).toEqual([]);
  });

  it('holds no slot while a video renders: the job waits in the delayed set until its due poll', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(1) });
    const createdAt = Date.now();
    // The default wake ('due'): nothing is known of how long tasks take, so at least 30 s.
    worker(queueName, { wake: undefined });
    const queue = new Queue<TaskJobData>(queueName, { connection: { url: redis.url } });
    const jobId = `${batchId}.task-1`;
    try {
      while ((await queue.getJobState(jobId)) !== 'delayed') {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const job = await queue.getJob(jobId);
      expect(job?.data.state).toMatchObject({ phase: 'running', creates: 1, polls: 0 });
      expect(await queue.getActiveCount()).toBe(0);
      const score = Number(await redis.client.zscore(`bull:${queueName}:delayed`, jobId));
      expect(Math.floor(score / 0x1000)).toBeGreaterThanOrEqual(createdAt + 30_000);
      expect(creates()).toHaveLength(1);
      expect(requests).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });

  it('turns a create its worker died in (creating in the job data) into mayHaveCreatedTask, sending nothing', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(1) });
    const queue = new Queue<TaskJobData>(queueName, { connection: { url: redis.url } });
    const job = await queue.getJob(`${batchId}.task-1`);
    if (job === undefined) throw new Error('no job');
    await job.updateData({ ...job.data, state: prepareCreate(job.data.state, Date.now()) });
    await queue.close();

    worker(queueName);
    const status = await settled(queueName, batchId);
    expect(requests).toEqual([]);
    expect(status.totals.mayHaveCreatedTask).toBe(1);
    expect(status.tasks?.[0]).toMatchObject({
      key: 'task-1',
      phase: 'mayHaveCreatedTask',
      taskId: null,
      error: { message: expect.stringContaining('may have been created') },
    });
  });

  it('goes on polling a task its worker left running', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(1) });
    const created = await clientFor().videos.create({
      model: 'kling-video',
      prompt: 'made before',
    });
    const queue = new Queue<TaskJobData>(queueName, { connection: { url: redis.url } });
    const job = await queue.getJob(`${batchId}.task-1`);
    if (job === undefined) throw new Error('no job');
    const { state } = job.data;
    const running = {
      ...prepareCreate(state, Date.now()),
      phase: 'running' as const,
      taskId: created.id,
      pollUrl: created.pollUrl,
    };
    await job.updateData({ ...job.data, state: running });
    await queue.close();

    worker(queueName);
    const status = await settled(queueName, batchId);
    expect(status.tasks?.[0]).toMatchObject({ phase: 'completed', taskId: created.id });
    expect(creates()).toHaveLength(1);
    expect(simulator.tasks()).toHaveLength(1);
  });

  it('pauses the whole queue, every worker, for the Retry-After of a 429', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(8) });
    const active = new Map<string, number>();
    for (const name of ['a', 'b']) {
      const started = worker(queueName, { requestsPerMinute: 1_200, concurrency: 4 });
      started.worker.on('active', () => active.set(name, (active.get(name) ?? 0) + 1));
    }
    while (creates().length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    simulator.inject({ kind: 'status', status: 429, retryAfter: 2, route: 'any' });
    const status = await settled(queueName, batchId);

    expect(status.totals.completed).toBe(8);
    expect(simulator.tasks()).toHaveLength(8);
    const limited = requests.find(({ line }) => line.includes('-> 429'));
    if (limited === undefined) throw new Error('no 429 was answered');
    // A request its worker had started before the pause reached Redis may still arrive just after.
    const during = requests.filter(
      ({ at }) => at > limited.at + 50 && at < limited.at + 2_000 - 50,
    );
    expect(during).toEqual([]);
    expect(requests.some(({ at }) => at >= limited.at + 2_000)).toBe(true);
    expect([...active.values()].every((runs) => runs > 0)).toBe(true);
  });

  it('refuses a client that retries inside a call, or that is not a LemonVideo', () => {
    const base = { connection: redis.url, queueName: nextQueue() };
    expect(() =>
      createVideoWorker({ ...base, client: new LemonVideo({ apiKey: 'sk-x', maxRetries: 2 }) }),
    ).toThrow(/^client: needs maxRetries: 0 \(it has 2\)/);
    expect(() => createVideoWorker({ ...base, client: {} as LemonVideo })).toThrow(
      /^client: must be a LemonVideo/,
    );
    const client = new LemonVideo({ apiKey: 'sk-x', maxRetries: 0 });
    expect(() => createVideoWorker({ ...base, client, concurrency: 0 })).toThrow(/^concurrency: /);
    expect(() => createVideoWorker({ ...base, client, requestsPerMinute: 0.5 })).toThrow(
      /^requestsPerMinute: /,
    );
  });
});

describe('downloads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lemonvideo-downloads-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves each video into the directory, never over a file already there', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const out = join(dir, queueName);
    const tasks = prompts(3).map((task, i) => ({ ...task, out: `clips/${i + 1}.mp4` }));
    await mkdir(join(out, 'clips'), { recursive: true });
    await writeFile(join(out, 'clips/2.mp4'), 'not yours');
    // Every phase the workers record, as Redis runs it: a status must never read a task as
    // settled `completed` while its video is still to be saved.
    const monitor = await redis.client.monitor();
    const recorded: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      const [command, , , phasesKey, , , phase] = args;
      if (command === 'eval' && phasesKey?.endsWith(':phases')) recorded.push(String(phase));
    });
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks });
    worker(queueName, { downloads: { dir: out } });
    const status = await settled(queueName, batchId);
    monitor.disconnect();

    expect(recorded).toContain('downloading');
    expect(recorded).not.toContain('completed');

    expect(status.totals).toMatchObject({ downloaded: 2, downloadFailed: 1 });
    const [first, second, third] = status.tasks ?? [];
    expect(first).toMatchObject({ phase: 'downloaded', file: join(out, 'clips/1.mp4') });
    expect(third).toMatchObject({ phase: 'downloaded', file: join(out, 'clips/3.mp4') });
    expect(second).toMatchObject({
      phase: 'downloadFailed',
      file: null,
      error: { message: expect.stringContaining('already exists') },
    });
    expect(await readFile(join(out, 'clips/2.mp4'), 'utf8')).toBe('not yours');
    expect((await stat(join(out, 'clips/1.mp4'))).size).toBeGreaterThan(10_000);
    expect((await readdir(join(out, 'clips'))).sort()).toEqual(['1.mp4', '2.mp4', '3.mp4']);
    expect(simulator.tasks()).toHaveLength(3);
  });

  it('hands each video to a sink, and a failed download is tried again without creating the task again', async () => {
    await freshSimulator();
    const queueName = nextQueue();
    const received: Array<{ taskId: string; key: string; bytes: number }> = [];
    let failures = 0;
    const batchId = await enqueueBatch({ connection: redis.url, queueName, tasks: prompts(2) });
    worker(queueName, {
      downloadAttempts: 3,
      downloads: {
        sink: async (taskId, stream, info) => {
          let bytes = 0;
          for await (const chunk of stream) bytes += (chunk as Buffer).length;
          if (info.key === 'task-1' && failures++ === 0) throw new Error('storage unavailable');
          received.push({ taskId, key: info.key, bytes });
          return `s3://bucket/${taskId}.mp4`;
        },
      },
    });
    const status = await settled(queueName, batchId);

    expect(status.totals.downloaded).toBe(2);
    expect(failures).toBe(2);
    expect(received.map((r) => r.key).sort()).toEqual(['task-1', 'task-2']);
    expect(received.every((r) => r.bytes > 10_000)).toBe(true);
    for (const task of status.tasks ?? []) expect(task.file).toBe(`s3://bucket/${task.taskId}.mp4`);
    expect(simulator.tasks()).toHaveLength(2);
    expect(creates()).toHaveLength(2);
  });
});
