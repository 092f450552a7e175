import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { runNode } from '@lemonvideo/test-helpers/run-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InsufficientBalanceError,
  LemonVideo,
  type LemonVideoOptions,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  TaskFailedError,
  TaskTimeoutError,
} from '../src/index';
import { downloadToFile } from '../src/node';

let simulator: Simulator;
const apiKey = 'sk-integration-test';

beforeAll(async () => {
  simulator = await startSimulator({ speed: 200, apiKey, rateLimit: false });
});
afterAll(() => simulator.close());

const client = (options: LemonVideoOptions = {}) =>
  new LemonVideo({
    apiKey,
    baseURL: simulator.url,
    poll: { strategy: 'fixed', interval: 50 },
    ...options,
  });

describe('every endpoint, over real HTTP', () => {
  it('creates a task like the newer API: id, task_id and poll_url', async () => {
    const task = await client().videos.create({
      model: 'kling-video',
      prompt: 'A cat walking',
      duration: 5,
    });
    expect(task).toMatchObject({
      status: 'pending',
      model: 'kling-video',
      progress: 0,
      video: null,
    });
    expect(task.id).toMatch(/^ldtask_[0-9a-f]{32}$/);
    expect(task.raw.task_id).toBe(task.id);
    expect(task.pollUrl).toBe(`/v1/tasks/${task.id}`);
  });

  it('retrieves by id, by task (poll_url) and by the legacy route', async () => {
    const api = client();
    const created = await api.videos.create({ prompt: 'A cat' });
    const byId = await api.tasks.retrieve(created.id);
    const byTask = await api.tasks.retrieve(created);
    const legacy = await api.tasks.retrieve({
      id: created.id,
      pollUrl: `/v1/videos/generations/${created.id}`,
    });
    for (const task of [byId, byTask, legacy]) expect(task.id).toBe(created.id);
    expect(simulator.stats().byRoute.getVideoGeneration).toBeGreaterThanOrEqual(1);
  });

  it('generates a video end to end and downloads a real MP4', async () => {
    const api = client();
    const task = await api.videos.generate({ model: 'kling-video', prompt: 'A cat', duration: 5 });
    expect(task.status).toBe('completed');
    expect(task.video?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const progress: number[] = [];
    const download = await api.videos.download(task, {
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    const bytes = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(download.contentType).toBe('video/mp4');
    expect(bytes.byteLength).toBe(download.size);
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('ftyp');
    expect(progress.at(-1)).toBe(bytes.byteLength);
  });

  it('lists video models, and retrieves one with its durations and a slash in its id', async () => {
    const models = await client().models.list();
    expect(models.map((model) => model.id)).toEqual(
      expect.arrayContaining(['kling-video', 'veo3.1', 'minimax/video-01', 'wan2.6-i2v']),
    );
    const kling = models.find((model) => model.id === 'kling-video');
    expect(kling).toMatchObject({ category: 'video', durations: [] });
    const minimax = await client().models.retrieve('minimax/video-01');
    expect(minimax).toMatchObject({
      id: 'minimax/video-01',
      durations: [6, 10],
      resolutions: ['720p', '1080p'],
    });
  });

  it('reads the public catalogue without a key', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', '');
    try {
      const models = await new LemonVideo({ baseURL: simulator.url }).models.list();
      expect(models.map((model) => model.id)).toContain('veo3.1');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('cancels a queued Seedance task, and says why it cannot cancel others', async () => {
    const api = client();
    const seedance = await api.videos.create({ model: 'seedance-2.0', prompt: 'x [queued]' });
    expect(await api.tasks.cancel(seedance.id)).toMatchObject({
      status: 'failed',
      cancelled: true,
    });
    const kling = await api.videos.create({ model: 'kling-video', prompt: 'x' });
    await expect(api.tasks.cancel(kling.id)).rejects.toMatchObject({
      constructor: BadRequestError,
      code: 'unsupported_task_cancel',
    });
    const running = await api.videos.generate({ model: 'seedance-2.0', prompt: 'x' });
    await expect(api.tasks.cancel(running.id)).rejects.toMatchObject({
      constructor: ConflictError,
      code: 'task_not_cancellable',
    });
  });
});

describe('each error class, from the simulator', () => {
  it.each([
    [401, AuthenticationError, 'invalid_api_key'],
    [402, InsufficientBalanceError, 'insufficient_balance'],
    [403, PermissionDeniedError, 'access_denied'],
    [404, NotFoundError, 'async_task_not_found'],
    [429, RateLimitError, 'rate_limit_exceeded'],
    [500, ServerError, 'server_error'],
    [502, ServerError, 'upstream_error'],
    [503, ServerError, 'all_channels_failed'],
    [504, ServerError, 'timeout_error'],
  ])('HTTP %i → %o', async (status, Class, code) => {
    simulator.inject({ kind: 'status', status, route: 'task' });
    const error = await client({ maxRetries: 0 })
      .tasks.retrieve('ldtask_x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, code });
    expect((error as APIError).requestId).toMatch(/^req_sim_/);
  });

  it('a wrong key is an AuthenticationError that does not echo the key', async () => {
    const error = await new LemonVideo({
      apiKey: 'sk-wrong-key-1234',
      baseURL: simulator.url,
    }).models
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain('sk-wrong-key-1234');
    expect(String(error)).not.toContain('sk-wrong-key-1234');
  });

  it('a 400 names the field', async () => {
    // Without the checks before the create, which would refuse it first (models-and-assets.test.ts).
    const error = await client({ checkModels: false })
      .videos.create({ model: 'kling-video', prompt: 'x', duration: 7 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'duration', allowedDurations: ['5', '10'] });
  });

  it('an unknown model is a NotFoundError with a suggestion', async () => {
    const error = await client()
      .videos.create({ model: 'kling-vidoe', prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'model_not_found',
      body: { error: { did_you_mean: 'kling-video' } },
    });
  });

  it('invalid params never reach the simulator', async () => {
    const before = simulator.stats().requests;
    await expect(client().videos.create({ prompt: 'x', fps: 500 })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    expect(simulator.stats().requests).toBe(before);
  });

  it('an HTML gateway page and truncated JSON become readable APIErrors', async () => {
    simulator.inject({ kind: 'html', route: 'models' });
    const html = await client({ maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(html).toBeInstanceOf(ServerError);
    expect((html as Error).message).toContain('HTML page');
    simulator.inject({ kind: 'truncated', route: 'models' });
    const truncated = await client({ maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(truncated).toBeInstanceOf(APIError);
    expect(truncated).toMatchObject({ code: 'invalid_response' });
  });
});

describe('retries against the simulator', () => {
  it('honours Retry-After on a 429: the measured wait is at least that long', async () => {
    simulator.inject({ kind: 'status', status: 429, retryAfter: 1, route: 'models' });
    const started = performance.now();
    const models = await client().models.list();
    expect(models.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('retries a poll through a reset connection and a cut body', async () => {
    const api = client();
    const task = await api.videos.create({ prompt: 'x' });
    simulator.inject({ kind: 'reset', route: 'task' });
    simulator.inject({ kind: 'cut', route: 'task' });
    expect((await api.tasks.retrieve(task)).id).toBe(task.id);
  });

  it('never sends a create twice: a connection lost after the server accepted it', async () => {
    const before = simulator.stats().tasksCreated;
    simulator.inject({ kind: 'reset-after-create' });
    const error = await client({ maxRetries: 5 })
      .videos.create({ prompt: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveCreatedTask: true });
    expect(simulator.stats().tasksCreated - before).toBe(1);
  });

  it('retries a create refused with 429, and creates exactly one task', async () => {
    const before = simulator.stats().tasksCreated;
    simulator.inject({ kind: 'status', status: 429, retryAfter: 1, route: 'create' });
    await client().videos.create({ prompt: 'x' });
    expect(simulator.stats().tasksCreated - before).toBe(1);
  });
});

describe('abort and timeout over real HTTP', () => {
  it('nothing keeps a Node process alive after an aborted wait', async () => {
    const { code, stdout } = await runNode(
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/abort-then-exit.ts', import.meta.url))],
      { env: { ...process.env, SIMULATOR_URL: simulator.url, LEMONDATA_API_KEY: apiKey } },
    );
    expect(stdout.trim()).toBe('aborted: stop');
    expect(code).toBe(0);
  });

  it('a slow answer past the timeout is a ConnectionError with timeout: true', async () => {
    simulator.inject({ kind: 'slow', delayMs: 2_000, route: 'models' });
    const started = performance.now();
    const error = await client({ maxRetries: 0 })
      .models.list({}, { timeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('aborting a wait rejects with the reason', async () => {
    const controller = new AbortController();
    const wait = client().videos.generate(
      { model: 'veo3.1', prompt: 'x' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(wait).rejects.toThrow('stop');
  });

  it('a wait past its timeout is a TaskTimeoutError with the last task', async () => {
    const error = await client()
      .videos.generate({ model: 'veo3.1', prompt: 'x' }, { timeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as TaskTimeoutError).task?.id).toMatch(/^ldtask_/);
  });

  it('a task that fails ends the wait with its code', async () => {
    const error = await client()
      .videos.generate({ prompt: 'A cat [fail]' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code: 'content_policy_violation' });
  });
});

describe('downloadToFile', () => {
  it('saves the MP4 at the path, and never leaves a partial file there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lemonvideo-'));
    const api = client();
    const task = await api.videos.generate({ prompt: 'A cat' });
    const saved = await downloadToFile(api, task, join(dir, 'videos', `${task.id}.mp4`));
    expect(saved.bytes).toBeGreaterThan(10_000);
    expect((await stat(saved.path)).size).toBe(saved.bytes);
    expect(await readdir(join(dir, 'videos'))).toEqual([`${task.id}.mp4`]);

    simulator.inject({ kind: 'status', status: 404, route: 'any' });
    const missing = join(dir, 'videos', 'missing.mp4');
    await expect(
      downloadToFile(api, `${simulator.url}/videos/nope.mp4`, missing),
    ).rejects.toThrow();
    expect(await readdir(join(dir, 'videos'))).toEqual([`${task.id}.mp4`]);
  });
});
