import { afterEach, describe, expect, it, vi } from 'vitest';
import { LemonVideo, type LemonVideoOptions } from '../client';
import { systemClock } from '../clock';
import { DurationStats } from '../duration-stats';
import { ConnectionError, LemonVideoError } from '../errors';
import { adaptiveStrategy, type PollOptions } from '../poll-strategy';
import { pollTimes } from '../poll-times';
import type { CreateVideoParams } from '../task';
import type { TaskState } from '../task-state';
import { step } from '../task-step';
import {
  applyFailure,
  applyTask,
  durationKeys,
  followedTask,
  learnedDuration,
  nextRequest,
  prepareCreate,
  queuedTask,
  recordDuration,
  recoverTask,
} from '../task-transitions';
import { completed, fakeApi, typicalTimeline } from './fake-api';
import { apiError, fakeFetch, json, pendingTask } from './fake-fetch';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const params = { model: 'kling-video', prompt: 'A cat', duration: 5 };
// The model checks' one read of the model's details is tested with the client; here each step
// is the one request the fake answers.
const clientWith = (fetch: typeof globalThis.fetch, options: LemonVideoOptions = {}) =>
  new LemonVideo({
    apiKey: 'sk-test',
    baseURL: 'https://api.test',
    fetch,
    maxRetries: 0,
    checkModels: false,
    ...options,
  });
const roundTrip = (state: TaskState) => JSON.parse(JSON.stringify(state)) as TaskState;
const running = (): TaskState => {
  const creating = prepareCreate(queuedTask(params, { key: 'a', now: 0 }), 0);
  return applyTask(creating, { ...taskOf(pendingTask) }, 1_000, { polled: false });
};
const taskOf = (raw: Record<string, unknown>) => ({
  id: String(raw.id),
  status: String(raw.status),
  progress: typeof raw.progress === 'number' ? raw.progress : null,
  video: typeof raw.video_url === 'string' ? { url: raw.video_url } : null,
  error: null,
  cancelled: false,
  model: 'kling-video',
  pollUrl: `/v1/tasks/${String(raw.id)}`,
  raw: raw as never,
});

describe('task state', () => {
  it('is plain JSON from queued to completed: it round-trips through JSON unchanged', async () => {
    const { fetch } = fakeFetch(
      json(pendingTask),
      json({ ...pendingTask, status: 'processing', progress: 40 }),
      json({ ...pendingTask, ...completed }),
    );
    let state = queuedTask(params, { key: 'line 1' });
    const seen = [state];
    while (nextRequest(state) !== null) {
      state = (await step(state, { client: clientWith(fetch), persist: (s) => seen.push(s) }))
        .state;
      seen.push(state);
    }
    expect(seen.map((s) => s.phase)).toEqual([
      'queued',
      'creating',
      'running',
      'running',
      'completed',
    ]);
    for (const saved of seen) expect(roundTrip(saved)).toEqual(saved);
    expect(state).toMatchObject({
      version: 1,
      key: 'line 1',
      taskId: 'video_1',
      progress: 100,
      video: { url: 'https://cdn.test/video.mp4' },
      creates: 1,
      polls: 2,
      error: null,
    });
    expect(state.samples.map((sample) => sample.progress)).toEqual([40, 100]);
  });

  it('a state of another version is refused, not guessed at', async () => {
    const state = { ...queuedTask(params), version: 2 } as unknown as TaskState;
    const { fetch, requests } = fakeFetch(json(pendingTask));
    await expect(step(state, { client: clientWith(fetch) })).rejects.toThrow(
      /Task state version 2 is not one this version of @lemonvideo\/core reads \(1\)/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('step: the create journal', () => {
  it('awaits persist with the creating state before the create is sent', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const saved: TaskState[] = [];
    const result = await step(queuedTask(params), {
      client: clientWith(fetch),
      persist: async (state) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(requests).toHaveLength(0);
        saved.push(roundTrip(state));
      },
    });
    expect(saved).toEqual([expect.objectContaining({ phase: 'creating', creates: 1 })]);
    expect(requests.map((request) => request.method)).toEqual(['POST']);
    expect(result).toMatchObject({
      sent: 'create',
      state: { phase: 'running', taskId: 'video_1' },
    });
    expect(result.task).toMatchObject({ id: 'video_1', status: 'pending' });
  });

  it('sends nothing when persist fails, and rejects with its error', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const full = new Error('disk full');
    const outcome = step(queuedTask(params), {
      client: clientWith(fetch),
      persist: () => {
        throw full;
      },
    });
    await expect(outcome).rejects.toBe(full);
    expect(requests).toHaveLength(0);
  });

  it('never re-sends a create whose answer was not saved before a crash: mayHaveCreatedTask', async () => {
    let store = '';
    const hanging = fakeFetch(() => new Promise<Response>(() => undefined));
    // The process dies while the create is in flight: its step never returns.
    void step(queuedTask(params, { key: 'line 7' }), {
      client: clientWith(hanging.fetch),
      persist: (state) => {
        store = JSON.stringify(state);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(hanging.requests).toHaveLength(1);

    const restarted = fakeFetch(json(pendingTask));
    const loaded = JSON.parse(store) as TaskState;
    expect(loaded.phase).toBe('creating');
    const result = await step(loaded, { client: clientWith(restarted.fetch) });
    expect(restarted.requests).toHaveLength(0);
    expect(result).toMatchObject({ sent: null, wakeAt: null, dueAt: null });
    expect(result.state).toMatchObject({
      phase: 'mayHaveCreatedTask',
      taskId: null,
      error: {
        name: 'LemonVideoError',
        message: expect.stringMatching(/"line 7".*may have been created/),
      },
    });
    expect(await step(result.state, { client: clientWith(restarted.fetch) })).toMatchObject({
      sent: null,
      state: result.state,
    });
  });

  it('fails parameters that break the spec without journalling or sending anything', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const persist = vi.fn();
    const result = await step(queuedTask({ model: 'kling-video', prompt: 'x', fps: 500 }), {
      client: clientWith(fetch),
      persist,
    });
    expect(persist).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);
    expect(result.state).toMatchObject({
      phase: 'failed',
      creates: 0,
      error: { name: 'RequestValidationError', message: expect.stringContaining('fps') },
    });
    expect(result.error).toMatchObject({ name: 'RequestValidationError' });
  });
});

describe('step: a failed create', () => {
  const hangUntilAborted = (request: Request) =>
    new Promise<Response>((_, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });

  it.each([
    ['a 400', apiError(400, 'invalid_request_error'), 'failed', 'BadRequestError', 400],
    ['a 402', apiError(402, 'insufficient_balance'), 'failed', 'InsufficientBalanceError', 402],
    [
      'a 409 on its assets (not ACTIVE yet: try again later)',
      apiError(409, 'seedance_material_preparing'),
      'queued',
      'ConflictError',
      409,
    ],
    [
      'a 429',
      apiError(429, 'rate_limit_exceeded', { 'retry-after': '3' }),
      'queued',
      'RateLimitError',
      429,
    ],
    [
      'a 503 with Retry-After',
      apiError(503, 'all_channels_failed', { 'retry-after': '2' }),
      'queued',
      'ServerError',
      503,
    ],
    ['a 502', apiError(502, 'upstream_error'), 'mayHaveCreatedTask', 'ServerError', 502],
    [
      'a lost connection',
      new TypeError('fetch failed'),
      'mayHaveCreatedTask',
      'ConnectionError',
      null,
    ],
    [
      'a 200 cut short',
      new Response('{"id":"video_1","sta', { status: 200 }),
      'mayHaveCreatedTask',
      'APIError',
      200,
    ],
    ['a 200 that is no task', json({ ok: true }), 'mayHaveCreatedTask', 'APIError', 200],
    ['a timeout', hangUntilAborted, 'mayHaveCreatedTask', 'ConnectionError', null],
  ] as const)('%s: %s', async (_, answer, phase, name, status) => {
    const { fetch, requests } = fakeFetch(answer);
    const result = await step(queuedTask(params), { client: clientWith(fetch, { timeout: 20 }) });
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({ sent: 'create', state: { phase, error: { name, status } } });
    expect(result.error).toMatchObject({ name });
    expect(roundTrip(result.state)).toEqual(result.state);
  });

  it('a certain refusal that may pass is sent again after its Retry-After, and creates once', async () => {
    const { fetch, requests } = fakeFetch(
      apiError(429, 'rate_limit_exceeded', { 'retry-after': '3' }),
      json(pendingTask),
    );
    const first = await step(queuedTask(params), { client: clientWith(fetch) });
    expect(first.state).toMatchObject({
      phase: 'queued',
      failures: 1,
      retryAfterMs: 3_000,
      creates: 1,
    });
    expect(first.wakeAt).toBeGreaterThanOrEqual(first.state.updatedAt + 3_000);
    const second = await step(first.state, { client: clientWith(fetch) });
    expect(second.state).toMatchObject({ phase: 'running', failures: 0, error: null, creates: 2 });
    expect(requests.map((request) => request.method)).toEqual(['POST', 'POST']);
  });

  it('a create that was never sent (no turn in time) goes back to the queue', () => {
    const notSent = new ConnectionError('not sent', { timeout: true, mayHaveCreatedTask: false });
    const state = applyFailure(prepareCreate(queuedTask(params, { now: 0 }), 0), notSent, 10);
    expect(state).toMatchObject({
      phase: 'queued',
      failures: 1,
      error: { name: 'ConnectionError' },
    });
  });
});

describe('step: polls', () => {
  it('gives the wake time under a shared budget (dueAt): when a poll should see the end', async () => {
    const stats = new DurationStats();
    stats.record('kling-video|5|', 60_000);
    const { fetch } = fakeFetch(json({ ...pendingTask, status: 'processing' }));
    const clock = { now: () => 5_000, sleep: systemClock.sleep };
    // Created at 1 s, polled at 5 s.
    const result = await step(running(), { client: clientWith(fetch), stats, clock });
    const times = pollTimes(result.state, { strategy: adaptiveStrategy(), stats });
    expect(result.wakeAt).toBeLessThanOrEqual(5_000 + 10_000);
    // Tasks of its kind took a minute from their create: it is not expected to end sooner.
    expect(result.dueAt).toBe(times?.dueAt);
    expect(result.dueAt).toBe(1_000 + 60_000);
  });

  it('rides out network errors, 5xx and 429 (honouring Retry-After), then reads the end', async () => {
    const { fetch } = fakeFetch(
      new TypeError('fetch failed'),
      apiError(503, 'upstream_error'),
      apiError(429, 'rate_limit_exceeded', { 'retry-after': '4' }),
      json({ ...pendingTask, ...completed }),
    );
    let state = running();
    const phases: Array<[string, number, number | null]> = [];
    for (let i = 0; i < 4; i++) {
      const result = await step(state, { client: clientWith(fetch) });
      state = result.state;
      phases.push([state.phase, state.failures, state.retryAfterMs]);
      if (i === 2) expect(result.wakeAt).toBeGreaterThanOrEqual(state.updatedAt + 4_000);
    }
    expect(phases).toEqual([
      ['running', 1, null],
      ['running', 2, null],
      ['running', 3, 4_000],
      ['completed', 0, null],
    ]);
    expect(state).toMatchObject({
      polls: 4,
      error: null,
      video: { url: 'https://cdn.test/video.mp4' },
    });
  });

  it.each([
    ['a 404', apiError(404, 'async_task_not_found'), 'NotFoundError'],
    ['a 401', apiError(401, 'invalid_api_key'), 'AuthenticationError'],
  ])('ends on %s, which asking again cannot fix', async (_, answer, name) => {
    const { fetch } = fakeFetch(answer);
    const result = await step(running(), { client: clientWith(fetch) });
    expect(result).toMatchObject({ wakeAt: null, state: { phase: 'failed', error: { name } } });
  });

  it.each([
    [{ status: 'completed' }, 'failed', 'TaskFailedError', /completed without a video URL/],
    [
      { status: 'failed', error: { code: 'content_policy_violation', message: 'Rejected' } },
      'failed',
      'TaskFailedError',
      /Rejected/,
    ],
    [{ status: 'expired' }, 'failed', 'TaskFailedError', /expired/],
    [{ status: 'failed', cancelled: true }, 'cancelled', 'TaskCancelledError', /cancelled/],
  ])('%j ends as %s with %s', async (body, phase, name, message) => {
    const { fetch } = fakeFetch(json({ ...pendingTask, ...body }));
    const result = await step(running(), { client: clientWith(fetch) });
    expect(result.state).toMatchObject({
      phase,
      error: { name, message: expect.stringMatching(message) },
    });
    expect(result.state.endedAt).toBe(result.state.updatedAt);
  });

  it('follows a task known only by its id: its first step polls at once', async () => {
    const state = followedTask('video_9', { key: 'resumed', now: 5_000 });
    expect(state).toMatchObject({
      phase: 'running',
      taskId: 'video_9',
      status: null,
      params: null,
    });
    expect(
      pollTimes(state, { strategy: { nextDelay: () => 9_999, remaining: () => null } }),
    ).toEqual({
      eagerAt: 5_000,
      dueAt: 5_000,
    });
    const { fetch, requests } = fakeFetch(
      json({ ...pendingTask, id: 'video_9', status: 'processing' }),
    );
    const result = await step(state, { client: clientWith(fetch) });
    expect(new URL(requests[0]?.url ?? '').pathname).toBe('/v1/tasks/video_9');
    expect(result.state).toMatchObject({ phase: 'running', status: 'processing', polls: 1 });
  });

  it('rejects with the abort reason when its signal aborts, and changes nothing', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
          controller.abort(new Error('stop'));
        }),
    );
    await expect(
      step(running(), { client: clientWith(fetch), signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});

describe('pure transitions', () => {
  it('recoverTask reports a creating state as mayHaveCreatedTask and leaves others alone', () => {
    const queued = queuedTask(params, { now: 0 });
    expect(recoverTask(queued, 5)).toBe(queued);
    expect(recoverTask(prepareCreate(queued, 1), 5)).toMatchObject({
      phase: 'mayHaveCreatedTask',
      endedAt: 5,
    });
  });

  it('refuses a transition that does not apply, naming the task and its phase', () => {
    expect(() => prepareCreate(running(), 0)).toThrow(LemonVideoError);
    expect(() => prepareCreate(running(), 0)).toThrow('prepareCreate: task "a" is running');
  });

  it('progress never goes backwards; the learned duration is the middle of the last two answers', () => {
    let state = running();
    state = applyTask(
      state,
      taskOf({ ...pendingTask, status: 'processing', progress: 50 }),
      30_000,
      { polled: true },
    );
    state = applyTask(
      state,
      taskOf({ ...pendingTask, status: 'processing', progress: 30 }),
      40_000,
      { polled: true },
    );
    expect(state.progress).toBe(50);
    state = applyTask(state, taskOf({ ...pendingTask, ...completed }), 60_000, { polled: true });
    expect(learnedDuration(state)).toBe((40_000 + 60_000) / 2 - 1_000);
    expect(learnedDuration({ ...state, params: null })).toBeNull();
  });

  it('files a duration sent as its alias seconds under the same key as duration', () => {
    const sent = (params: CreateVideoParams) => queuedTask(params, { key: 'k', now: 0 });
    const key = durationKeys(sent({ model: 'kling-video', prompt: 'x', duration: 5 }))[0];
    expect(key).toBe('kling-video|5|');
    expect(durationKeys(sent({ model: 'kling-video', prompt: 'x', seconds: 5 }))[0]).toBe(key);
  });

  it('recordDuration files the learned duration under its keys and says whether its kind was new', () => {
    let state = running();
    state = applyTask(state, taskOf({ ...pendingTask, ...completed }), 61_000, { polled: true });
    const stats = new DurationStats();
    expect(recordDuration(stats, running())).toBeNull();
    expect(recordDuration(stats, { ...state, params: null })).toBeNull();
    expect(stats.typical('kling-video')).toBeUndefined();
    expect(recordDuration(stats, state)).toEqual({ kind: 'kling-video|5|', firstOfItsKind: true });
    expect(stats.typical('kling-video|5|')).toEqual({ median: 30_000, low: 30_000, high: 30_000 });
    expect(stats.typical('kling-video')?.median).toBe(30_000);
    expect(recordDuration(stats, state)).toEqual({ kind: 'kling-video|5|', firstOfItsKind: false });
  });
});

describe('a driver loop over step', () => {
  /** Steps until settled, sleeping until each `wakeAt`: how `VideoJob` would drive it. */
  async function drive(client: LemonVideo, poll: PollOptions) {
    let state = queuedTask({ prompt: 'A cat' });
    for (;;) {
      const result = await step(state, { client, poll });
      state = result.state;
      if (result.wakeAt === null) return state;
      await systemClock.sleep(Math.max(0, result.wakeAt - Date.now()));
    }
  }

  async function settle<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    void promise.finally(() => {
      done = true;
    });
    for (let i = 0; i < 36_000 && !done; i++) await vi.advanceTimersByTimeAsync(100);
    return promise;
  }

  /** Failures on the 3rd, 4th (503) and 6th (429, Retry-After 7 s) polls. */
  const withFailures = (api: ReturnType<typeof fakeApi>) => {
    let polls = 0;
    api.inject((request) => {
      if (request.method !== 'GET') return undefined;
      polls += 1;
      if (polls === 3 || polls === 4) return apiError(503, 'upstream_error');
      if (polls === 6) return apiError(429, 'rate_limit_exceeded', { 'retry-after': '7' });
      return undefined;
    });
  };
  const timesOf = (api: ReturnType<typeof fakeApi>) => {
    const start = api.log[0]?.at ?? 0;
    return api.log.map((entry) => `${entry.method} ${entry.at - start}`);
  };

  it.each([
    ['fixed 5 s', { strategy: 'fixed', interval: 5_000 }],
    ['adaptive', { strategy: 'adaptive' }],
  ] as const)('sends the same requests at the same times as VideoJob (%s)', async (_, poll) => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const jobApi = fakeApi(typicalTimeline, completed);
    withFailures(jobApi);
    const options = { apiKey: 'sk-test', baseURL: 'https://api.test', maxRetries: 0, poll };
    await settle(
      new LemonVideo({ ...options, fetch: jobApi.fetch }).videos.generate({ prompt: 'A cat' }),
    );

    const stepApi = fakeApi(typicalTimeline, completed);
    withFailures(stepApi);
    const state = await settle(drive(new LemonVideo({ ...options, fetch: stepApi.fetch }), poll));

    expect(state.phase).toBe('completed');
    expect(timesOf(stepApi)).toEqual(timesOf(jobApi));
    expect(stepApi.log.length).toBeGreaterThan(8);
  });
});
