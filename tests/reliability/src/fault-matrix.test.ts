// Each fault a client meets in the wild, against the simulator over real HTTP, with the outcome
// a user must see. Polling runs on a fixed 50 ms interval so a task of minutes takes a moment.
import {
  AuthenticationError,
  ConnectionError,
  LemonVideo,
  type LemonVideoOptions,
  NotFoundError,
  ServerError,
} from '@lemonvideo/core';
import { type Fault, type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const apiKey = 'sk-fault-matrix';
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ apiKey, speed: 300, rateLimit: false });
});
afterAll(() => simulator.close());

const client = (options: LemonVideoOptions = {}) =>
  new LemonVideo({
    apiKey,
    baseURL: simulator.url,
    poll: { strategy: 'fixed', interval: 50 },
    ...options,
  });

/** A fetch that rewrites every task body the API sends (to fake shapes the simulator never sends). */
const rewriting =
  (rewrite: (body: Record<string, unknown>) => Record<string, unknown>): typeof fetch =>
  async (input, init) => {
    const response = await fetch(input, init);
    const body = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify(rewrite(body)), {
      status: response.status,
      headers: response.headers,
    });
  };

/** Generates one video while `faults` hit its polls; resolves with the task or the error. */
async function generateThrough(faults: Fault[], options: LemonVideoOptions = {}) {
  const api = client(options);
  const before = simulator.stats().tasksCreated;
  const job = api.videos.job({ model: 'kling-video', prompt: 'fault matrix' });
  const outcome = job.start().catch((error: unknown) => error);
  // The faults wait for the task to exist, so they hit its polls and not its create.
  await new Promise<void>((resolve) => {
    const stop = job.subscribe((snapshot) => {
      if (snapshot.taskId === null) return;
      stop();
      for (const fault of faults) simulator.inject(fault);
      resolve();
    });
  });
  return { outcome: await outcome, created: simulator.stats().tasksCreated - before, job };
}

describe('fault matrix', () => {
  it('429 with Retry-After: waits at least that long, then succeeds', async () => {
    simulator.inject({ kind: 'status', status: 429, retryAfter: 2, route: 'models' });
    const started = performance.now();
    const models = await client().models.list();
    expect(models.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it.each([500, 502, 503, 504])(
    'a burst of %i while polling: the wait completes, no task lost',
    async (status) => {
      const { outcome, created } = await generateThrough([
        { kind: 'status', status, route: 'task', times: 6 },
      ]);
      expect(outcome).toMatchObject({ status: 'completed' });
      expect(created).toBe(1);
    },
  );

  it('a connection reset mid-poll: the wait completes', async () => {
    const { outcome } = await generateThrough([{ kind: 'reset', route: 'task', times: 3 }]);
    expect(outcome).toMatchObject({ status: 'completed' });
  });

  it('a response slower than the timeout: ConnectionError for one call, and a wait rides it out', async () => {
    simulator.inject({ kind: 'slow', delayMs: 2_000, route: 'models' });
    const error = await client({ maxRetries: 0, timeout: 300 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true, mayHaveCreatedTask: false });
    const { outcome } = await generateThrough([{ kind: 'slow', delayMs: 1_500, route: 'task' }], {
      timeout: 300,
    });
    expect(outcome).toMatchObject({ status: 'completed' });
  });

  it('an HTML error page: a readable error for one call, and a wait rides it out', async () => {
    simulator.inject({ kind: 'html', route: 'models' });
    const error = await client({ maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/HTML page instead of the API's JSON/);
    const { outcome } = await generateThrough([{ kind: 'html', route: 'task', times: 2 }]);
    expect(outcome).toMatchObject({ status: 'completed' });
  });

  it('truncated JSON: an APIError for one call, and a wait rides it out', async () => {
    simulator.inject({ kind: 'truncated', route: 'models' });
    const error = await client({ maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect((error as Error).message).toMatch(/not valid JSON/);
    const { outcome } = await generateThrough([{ kind: 'truncated', route: 'task', times: 2 }]);
    expect(outcome).toMatchObject({ status: 'completed' });
  });

  it('an unknown status word: keeps waiting until the task ends', async () => {
    const statuses = new Set<string>();
    const job = client().videos.job({
      model: 'kling-video',
      prompt: 'odd status [unknown-status]',
    });
    job.subscribe((snapshot) => {
      if (snapshot.task) statuses.add(snapshot.task.status);
    });
    expect(await job.start()).toMatchObject({ status: 'completed' });
    expect(statuses).toContain('queued_upstream');
  });

  it('a task with task_id and no id: followed by its task_id', async () => {
    const strip = rewriting(({ id: _id, ...body }) => body);
    const task = await client({ fetch: strip }).videos.generate({ prompt: 'no id' });
    expect(task.id).toMatch(/^ldtask_[0-9a-f]{32}$/);
    expect(task.raw).not.toHaveProperty('id');
  });

  it('a poll_url to another path: followed', async () => {
    const legacy = rewriting((body) =>
      typeof body.id === 'string'
        ? { ...body, poll_url: `/v1/videos/generations/${body.id}` }
        : body,
    );
    const before = simulator.stats().byRoute.getVideoGeneration ?? 0;
    await client({ fetch: legacy }).videos.generate({ prompt: 'legacy path' });
    expect((simulator.stats().byRoute.getVideoGeneration ?? 0) - before).toBeGreaterThan(0);
  });

  it('404 async_task_not_found mid-wait: NotFoundError', async () => {
    const { outcome, job } = await generateThrough([
      { kind: 'status', status: 404, route: 'task' },
    ]);
    expect(outcome).toBeInstanceOf(NotFoundError);
    expect(outcome).toMatchObject({ code: 'async_task_not_found' });
    expect(job.getSnapshot()).toMatchObject({ status: 'failed' });
  });

  it('401 mid-wait: stops at once, no retry storm', async () => {
    // Every poll from now on would be refused: exactly one is sent.
    const own = await startSimulator({ apiKey, speed: 300, rateLimit: false });
    try {
      const api = new LemonVideo({
        apiKey,
        baseURL: own.url,
        poll: { strategy: 'fixed', interval: 50 },
      });
      const task = await api.videos.create({ prompt: 'key revoked' });
      own.inject({ kind: 'status', status: 401, route: 'task', times: 1_000 });
      const error = await api.tasks.wait(task).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(own.stats().byRoute.getTask).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('a create whose connection drops after the server accepted it: one task, and an error that says so', async () => {
    const before = simulator.stats().tasksCreated;
    simulator.inject({ kind: 'reset-after-create' });
    const error = await client({ maxRetries: 5 })
      .videos.create({ prompt: 'lost answer' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveCreatedTask: true });
    expect((error as Error).message).toMatch(/may have been created/);
    expect(simulator.stats().tasksCreated - before).toBe(1);
  });
});
