import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LemonVideo, type LemonVideoOptions } from '../client';
import {
  AuthenticationError,
  ConflictError,
  JobDetachedError,
  LemonVideoError,
  NotFoundError,
  RequestValidationError,
  TaskCancelledError,
  TaskFailedError,
  TaskTimeoutError,
} from '../errors';
import type { JobSnapshot } from '../job-state';
import { completed, fakeApi, typicalTimeline } from './fake-api';
import { apiError, json } from './fake-fetch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const clientFor = (api: ReturnType<typeof fakeApi>, options: LemonVideoOptions = {}) =>
  new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test', fetch: api.fetch, ...options });

/** A fake API that answers the first poll of `video_1` with 429 and `Retry-After: retryAfter`. */
function limitedOnce(retryAfter: string) {
  const api = fakeApi(typicalTimeline, completed);
  let limited = false;
  api.inject((request, path) => {
    if (!limited && request.method === 'GET' && path.endsWith('video_1')) {
      limited = true;
      return apiError(429, 'rate_limit_exceeded', { 'Retry-After': retryAfter });
    }
    return undefined;
  });
  return api;
}

/** Runs fake time until `promise` settles; returns its value or its rejection. */
async function settle<T>(promise: Promise<T>, ms = 3_600_000): Promise<T | unknown> {
  let done = false;
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => {
    done = true;
  });
  for (let step = 0; step < ms / 100 && !done; step++) await vi.advanceTimersByTimeAsync(100);
  return outcome;
}

describe('videos.generate', () => {
  it('creates, polls and resolves with the completed task', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const task = await settle(clientFor(api).videos.generate({ prompt: 'A cat' }));
    expect(task).toMatchObject({
      id: 'video_1',
      status: 'completed',
      video: { url: 'https://cdn.test/video.mp4' },
    });
    expect(api.created()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes idle → submitting → pending → processing → completed, progress never backwards', async () => {
    const api = fakeApi(
      [
        { until: 3_000, body: { status: 'pending' } },
        { until: 10_000, body: { status: 'processing', progress: 50 } },
        { until: 20_000, body: { status: 'processing', progress: 30 } },
      ],
      completed,
    );
    const job = clientFor(api).videos.job({ prompt: 'A cat' });
    const seen: JobSnapshot[] = [job.getSnapshot()];
    job.subscribe((snapshot) => seen.push(snapshot));
    await settle(job.start());
    const statuses = seen
      .map((snapshot) => snapshot.status)
      .filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['idle', 'submitting', 'pending', 'processing', 'completed']);
    const progress = seen.map((snapshot) => snapshot.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ progress: 100, etaMs: 0, taskId: 'video_1' });
    expect(seen.at(-1)?.polls).toBe(api.polls());
  });

  it('keeps the same snapshot object until something changes', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const job = clientFor(api).videos.job({ prompt: 'A cat' });
    const idle = job.getSnapshot();
    expect(job.getSnapshot()).toBe(idle);
    void job.start();
    await vi.advanceTimersByTimeAsync(0);
    const current = job.getSnapshot();
    expect(current).not.toBe(idle);
    expect(job.getSnapshot()).toBe(current);
    job.detach();
  });

  it('calls onCreated with the task before the first poll', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const onCreated = vi.fn(() => expect(api.polls()).toBe(0));
    await settle(clientFor(api).videos.generate({ prompt: 'A cat' }, { onCreated }));
    expect(onCreated).toHaveBeenCalledOnce();
    expect(onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'video_1', status: 'pending' }),
    );
  });

  it('can be iterated with for await, which starts it, until the end', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const job = clientFor(api).videos.job({ prompt: 'A cat' });
    const statuses: string[] = [];
    const iterate = (async () => {
      for await (const snapshot of job) statuses.push(snapshot.status);
    })();
    await settle(iterate);
    expect(statuses[0]).toBe('submitting');
    expect(statuses.at(-1)).toBe('completed');
    expect(api.created()).toBe(1);
  });
});

describe('tasks.wait: terminal words', () => {
  const waitWith = (final: Record<string, unknown>) => {
    const api = fakeApi([{ until: 10_000, body: { status: 'processing' } }], final);
    return settle(clientFor(api).videos.generate({ prompt: 'x' }));
  };

  it.each(['completed', 'succeeded'])('%s succeeds', async (status) => {
    expect(await waitWith({ ...completed, status })).toMatchObject({ status });
  });

  it.each([
    [
      {
        status: 'failed',
        error: { code: 'content_policy_violation', message: 'Rejected by policy' },
      },
      'content_policy_violation',
      'Rejected by policy',
    ],
    [{ status: 'failed', error: 'Provider crashed' }, undefined, 'Provider crashed'],
    [{ status: 'expired' }, 'expired', 'The task video_1 ended with status "expired".'],
  ])('%j fails with TaskFailedError', async (final, code, message) => {
    const error = await waitWith(final);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ code, message, task: { id: 'video_1' } });
  });

  it.each([
    { status: 'failed', cancelled: true, cancellation_status: 'cancelled' },
    { status: 'cancelled' },
    { status: 'canceled' },
  ])('%j ends with TaskCancelledError', async (final) => {
    expect(await waitWith(final)).toBeInstanceOf(TaskCancelledError);
  });

  it('keeps waiting through an unknown status word', async () => {
    const api = fakeApi(
      [
        { until: 8_000, body: { status: 'queued_upstream' } },
        { until: 16_000, body: { status: 'rendering' } },
      ],
      completed,
    );
    const job = clientFor(api).videos.job({ prompt: 'x' });
    const statuses = new Set<string>();
    job.subscribe((snapshot) => statuses.add(snapshot.status));
    expect(await settle(job.start())).toMatchObject({ status: 'completed' });
    expect([...statuses]).toEqual(['submitting', 'pending', 'completed']);
    expect(api.polls()).toBeGreaterThan(2);
  });
});

describe('tasks.wait: failures while polling', () => {
  it('rides out bursts of 5xx and network errors without losing the task', async () => {
    const api = fakeApi(typicalTimeline, completed);
    let failures = 0;
    api.inject((request) => {
      if (request.method !== 'GET' || failures >= 12) return undefined;
      failures += 1;
      if (failures % 3 === 0) throw new TypeError('fetch failed');
      return apiError([500, 502, 503, 504][failures % 4] as number, 'upstream_error');
    });
    const task = await settle(clientFor(api).videos.generate({ prompt: 'x' }));
    expect(task).toMatchObject({ status: 'completed' });
    expect(failures).toBe(12);
    expect(api.created()).toBe(1);
  });

  it.each([
    ['resuming a task by id rides out failures of its very first read', 9, 503, 'upstream_error'],
    ['rides out any 5xx, such as 501', 3, 501, 'not_implemented'],
  ])('%s', async (_, times, status, code) => {
    const api = fakeApi(typicalTimeline, completed);
    const client = clientFor(api);
    const { id } = (await settle(client.videos.create({ prompt: 'x' }))) as { id: string };
    let failures = 0;
    api.inject((request) => {
      if (request.method !== 'GET' || failures >= times) return undefined;
      failures += 1;
      return apiError(status, code);
    });
    expect(await settle(client.tasks.wait(id))).toMatchObject({ id, status: 'completed' });
    expect(failures).toBe(times);
  });

  it('a resumed task that never answers times out naming it, so it can be waited for again', async () => {
    const api = fakeApi(typicalTimeline, completed);
    api.inject((request) =>
      request.method === 'GET' ? apiError(503, 'upstream_error') : undefined,
    );
    const error = await settle(clientFor(api).tasks.wait('video_7', { timeout: 30_000 }));
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ task: null, taskId: 'video_7' });
    expect((error as Error).message).toMatch(/^Gave up waiting for task video_7 after 30000 ms/);
  });

  it('ends with NotFoundError on 404 async_task_not_found', async () => {
    const api = fakeApi(typicalTimeline, completed);
    api.inject((request) =>
      request.method === 'GET' ? apiError(404, 'async_task_not_found') : undefined,
    );
    const job = clientFor(api).videos.job({ prompt: 'x' });
    const error = await settle(job.start());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(job.getSnapshot()).toMatchObject({ status: 'failed', taskId: 'video_1' });
  });

  it('stops at once on 401, without a retry storm', async () => {
    const api = fakeApi(typicalTimeline, completed);
    api.inject((request) =>
      request.method === 'GET' ? apiError(401, 'invalid_api_key') : undefined,
    );
    const error = await settle(clientFor(api).tasks.wait('video_9'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(api.log).toHaveLength(1);
  });

  it('stops at once on any answer that asking again cannot change, such as 410', async () => {
    const api = fakeApi(typicalTimeline, completed);
    api.inject((request) => (request.method === 'GET' ? apiError(410, 'gone') : undefined));
    const error = await settle(clientFor(api).tasks.wait('video_9'));
    expect(error).toMatchObject({ status: 410, code: 'gone' });
    expect(api.log).toHaveLength(1);
  });
});

describe('stopping', () => {
  it('times out with TaskTimeoutError carrying the last task, and leaves no timer', async () => {
    const api = fakeApi(
      [{ until: Number.POSITIVE_INFINITY, body: { status: 'processing', progress: 5 } }],
      completed,
    );
    const job = clientFor(api).videos.job({ prompt: 'x' }, { timeout: 30_000 });
    const error = await settle(job.start());
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ task: { id: 'video_1', status: 'processing' } });
    expect(job.getSnapshot().status).toBe('failed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('bounds a poll in flight by the total timeout', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const hang: typeof globalThis.fetch = async (input, init) => {
      const request = input as Request;
      if (request.method !== 'GET') return api.fetch(input, init);
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    };
    const started = Date.now();
    const error = await settle(
      new LemonVideo({
        apiKey: 'sk-test',
        baseURL: 'https://api.test',
        fetch: hang,
      }).videos.generate({ prompt: 'x' }, { timeout: 20_000 }),
    );
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThanOrEqual(20_100);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the abort reason, stops every timer, and cancels the server task with cancelOnAbort', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const controller = new AbortController();
    const job = clientFor(api).videos.job(
      { prompt: 'x' },
      { signal: controller.signal, cancelOnAbort: true },
    );
    const outcome = settle(job.start(), 1_000_000);
    await vi.advanceTimersByTimeAsync(12_000);
    const reason = new Error('user pressed Ctrl-C');
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(api.log.filter((entry) => entry.method === 'DELETE')).toHaveLength(1);
  });

  it('aborts the poll in flight at the moment of the abort', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const inFlight: AbortSignal[] = [];
    const hang: typeof globalThis.fetch = async (input, init) => {
      const request = input as Request;
      if (request.method !== 'GET') return api.fetch(input, init);
      inFlight.push(request.signal);
      return new Promise((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      });
    };
    const controller = new AbortController();
    const client = new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test', fetch: hang });
    const outcome = settle(
      client.videos.generate({ prompt: 'x' }, { signal: controller.signal }),
      1_000_000,
    );
    await vi.advanceTimersByTimeAsync(5_000);
    expect(inFlight).toHaveLength(1);
    expect(inFlight[0]?.aborted).toBe(false);
    controller.abort();
    expect(inFlight[0]?.aborted).toBe(true);
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('without cancelOnAbort leaves the server task alone', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const controller = new AbortController();
    const outcome = settle(
      clientFor(api).videos.generate({ prompt: 'x' }, { signal: controller.signal }),
      1_000_000,
    );
    await vi.advanceTimersByTimeAsync(12_000);
    controller.abort();
    expect(await outcome).toMatchObject({ name: 'AbortError' });
    expect(api.log.filter((entry) => entry.method === 'DELETE')).toHaveLength(0);
  });

  it('detach during the create lets the create finish, keeps its id, and never polls', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const slowCreate: typeof globalThis.fetch = async (input, init) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return api.fetch(input, init);
    };
    const job = new LemonVideo({
      apiKey: 'sk-test',
      baseURL: 'https://api.test',
      fetch: slowCreate,
    }).videos.job({ prompt: 'x' });
    const outcome = settle(job.start());
    await vi.advanceTimersByTimeAsync(500);
    expect(job.getSnapshot().status).toBe('submitting');
    job.detach();
    const error = await outcome;
    expect(error).toBeInstanceOf(JobDetachedError);
    expect(error).toMatchObject({ taskId: 'video_1' });
    expect(job.getSnapshot()).toMatchObject({ status: 'pending', taskId: 'video_1' });
    expect(api.created()).toBe(1);
    expect(api.polls()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('timeouts of any length', () => {
  it.each([
    ['2 ** 31', 2 ** 31],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])(
    'generate with { timeout: %s } waits for the task instead of failing at once',
    async (_, timeout) => {
      const api = fakeApi(typicalTimeline, completed);
      const task = await settle(clientFor(api).videos.generate({ prompt: 'A cat' }, { timeout }));
      expect(task).toMatchObject({ id: 'video_1', status: 'completed' });
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it('a job with a timeout beyond one timer still times out when it passes', async () => {
    const api = fakeApi(
      [{ until: Number.POSITIVE_INFINITY, body: { status: 'processing' } }],
      completed,
    );
    const timeout = 2 ** 31 + 60_000;
    const job = clientFor(api, { poll: { strategy: 'fixed', interval: 3_600_000 } }).videos.job(
      { prompt: 'x' },
      { timeout },
    );
    const outcome = job.start().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(timeout - 1);
    expect(job.getSnapshot().status).toBe('processing');
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as Error).message).toContain(`after ${timeout} ms`);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-1', -1],
    ['0', 0],
    ['"60s"', '60s'],
  ])('refuses { timeout: %s } naming the option, and creates nothing', async (shown, timeout) => {
    const api = fakeApi(typicalTimeline, completed);
    const client = clientFor(api);
    const options = { timeout: timeout as number };
    const error = await settle(client.videos.generate({ prompt: 'x' }, options));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as Error).message).toBe(
      `timeout: must be a number above 0, or Infinity for none (got ${shown})`,
    );
    await expect(client.tasks.wait('video_1', options)).rejects.toThrow(RequestValidationError);
    expect(() => client.videos.job({ prompt: 'x' }, options)).toThrow(RequestValidationError);
    expect(api.log).toHaveLength(0);
  });

  it.each([
    ['interval', { strategy: 'fixed', interval: 0 }],
    ['min', { min: -1 }],
    ['max', { max: Number.POSITIVE_INFINITY }],
    ['max', { max: Number.NaN }],
  ] as const)('refuses a bad poll.%s, on the job and on the client', async (name, poll) => {
    const api = fakeApi(typicalTimeline, completed);
    const error = await settle(clientFor(api).videos.generate({ prompt: 'x' }, { poll }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([
      {
        field: `poll.${name}`,
        message: expect.stringMatching(/^must be a number above 0 \(got /),
      },
    ]);
    expect(() => clientFor(api, { poll })).toThrow(`poll.${name}: must be a number above 0 (got `);
    expect(api.log).toHaveLength(0);
  });
});

describe('mayHaveCreatedTask', () => {
  it('is set on TaskTimeoutError when generate times out before the create answers', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const hang: typeof globalThis.fetch = (input) =>
      new Promise((_, reject) => {
        const { signal } = input as Request;
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const error = await settle(
      clientFor(api, { fetch: hang }).videos.generate({ prompt: 'x' }, { timeout: 5_000 }),
    );
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ task: null, taskId: null, mayHaveCreatedTask: true });
    // The check the README gives, on any error.
    expect(error instanceof LemonVideoError && error.mayHaveCreatedTask).toBe(true);
  });

  it('is not set on TaskTimeoutError once the task is known', async () => {
    const api = fakeApi(
      [{ until: Number.POSITIVE_INFINITY, body: { status: 'processing' } }],
      completed,
    );
    const error = await settle(
      clientFor(api).videos.generate({ prompt: 'x' }, { timeout: 30_000 }),
    );
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error).toMatchObject({ taskId: 'video_1', mayHaveCreatedTask: false });
  });
});

describe('cancel', () => {
  it('cancels a queued task on the server and ends as cancelled', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const job = clientFor(api).videos.job({ prompt: 'x' });
    const outcome = settle(job.start(), 1_000_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await job.cancel();
    expect(await outcome).toBeInstanceOf(TaskCancelledError);
    expect(job.getSnapshot().status).toBe('cancelled');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a cancel asked during the create is sent as soon as the task exists', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const job = clientFor(api).videos.job({ prompt: 'x' });
    const outcome = settle(job.start());
    const cancelled = job.cancel();
    expect(await outcome).toBeInstanceOf(TaskCancelledError);
    await expect(cancelled).resolves.toBeUndefined();
    expect(api.log.map((entry) => entry.method)).toEqual(['POST', 'DELETE']);
  });

  it('when the API refuses, cancel rejects and the job goes on to the end', async () => {
    const api = fakeApi(typicalTimeline, completed);
    api.inject((request) =>
      request.method === 'DELETE'
        ? json({ error: { message: 'Already processing', code: 'task_not_cancellable' } }, 409)
        : undefined,
    );
    const job = clientFor(api).videos.job({ prompt: 'x' });
    const outcome = settle(job.start());
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(job.cancel()).rejects.toBeInstanceOf(ConflictError);
    expect(await outcome).toMatchObject({ status: 'completed' });
  });
});

describe('many jobs on one client', () => {
  it('never exceeds maxRequestsPerSecond in any one-second window, and every job completes', async () => {
    const api = fakeApi(typicalTimeline, completed);
    const client = clientFor(api, { maxRequestsPerSecond: 5 });
    const results = await settle(
      Promise.all(
        Array.from({ length: 40 }, (_, i) => client.videos.generate({ prompt: `cat ${i}` })),
      ),
    );
    expect(results).toHaveLength(40);
    expect(api.created()).toBe(40);
    const times = api.log.map((entry) => entry.at);
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(5);
    }
  });

  it('a 429 seen by one job holds back every job for its Retry-After', async () => {
    const api = limitedOnce('4');
    const client = clientFor(api);
    const first = client.videos.generate({ prompt: 'a' });
    const second = client.videos.generate({ prompt: 'b' });
    await settle(Promise.all([first, second]));
    const limitedAt = api.log.find(
      (entry) => entry.method === 'GET' && entry.path.endsWith('video_1'),
    )?.at as number;
    const others = api.log.filter((entry) => entry.at > limitedAt);
    expect(others.length).toBeGreaterThan(0);
    expect(Math.min(...others.map((entry) => entry.at))).toBeGreaterThanOrEqual(limitedAt + 4_000);
  });

  it('honours a Retry-After only up to the client-wide cap of 60 s when polling', async () => {
    const api = limitedOnce('600');
    const task = await settle(clientFor(api, { maxRetries: 0 }).videos.generate({ prompt: 'a' }));
    expect(task).toMatchObject({ status: 'completed' });
    const polls = api.log.filter((entry) => entry.method === 'GET').map((entry) => entry.at);
    const [limitedAt, next] = polls as [number, number];
    expect(next - limitedAt).toBeGreaterThanOrEqual(60_000);
    expect(next - limitedAt).toBeLessThan(600_000);
  });
});
