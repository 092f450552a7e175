import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LemonVideo } from '../client';
import type { Clock } from '../clock';
import { ConnectionError, LemonVideoError, NotFoundError, RequestValidationError } from '../errors';
import { apiError, fakeFetch, json, pendingTask } from './fake-fetch';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('LemonVideo options', () => {
  it('takes the key and base URL from the environment, then the defaults', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', 'sk-from-env');
    vi.stubEnv('LEMONDATA_BASE_URL', 'https://api.tokenlab.sh/');
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const client = new LemonVideo({ fetch });
    expect(client.baseURL).toBe('https://api.tokenlab.sh');
    await client.tasks.retrieve('video_1');
    expect(requests[0]?.url).toBe('https://api.tokenlab.sh/v1/tasks/video_1');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer sk-from-env');

    vi.stubEnv('LEMONDATA_BASE_URL', '');
    expect(new LemonVideo().baseURL).toBe('https://api.lemondata.cc');
    expect(new LemonVideo()).toMatchObject({ timeout: 60_000, maxRetries: 2 });
  });

  it('sends no Authorization header without a key (behind a proxy)', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', '');
    const { fetch, requests } = fakeFetch(json(pendingTask));
    await new LemonVideo({ baseURL: 'https://app.test/api/lemonvideo', fetch }).tasks.retrieve(
      'video_1',
    );
    expect(requests[0]?.url).toBe('https://app.test/api/lemonvideo/v1/tasks/video_1');
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it.each([
    [
      { baseURL: 'api.lemondata.cc' },
      'baseURL: must be an http(s) URL or a path starting with "/" (got "api.lemondata.cc")',
    ],
    [{ maxRetries: -1 }, 'maxRetries: must be a whole number, 0 or more (got -1)'],
    [
      { maxRequestsPerSecond: 0.5 },
      'maxRequestsPerSecond: must be a whole number above 0 (got 0.5)',
    ],
  ])('refuses %j, naming the option', (options, message) => {
    expect(() => new LemonVideo(options)).toThrow(RequestValidationError);
    expect(() => new LemonVideo(options)).toThrow(message);
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['NaN', Number.NaN],
    ['"60000"', '60000'],
  ])('refuses a client timeout of %s, naming the option', (shown, timeout) => {
    expect(() => new LemonVideo({ timeout: timeout as number })).toThrow(
      new RequestValidationError([
        {
          field: 'timeout',
          message: `must be a number above 0, or Infinity for none (got ${shown})`,
        },
      ]),
    );
  });

  it('refuses an sk- key in a web page unless told otherwise', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    expect(() => new LemonVideo({ apiKey: 'sk-secret' })).toThrow(LemonVideoError);
    expect(() => new LemonVideo({ apiKey: 'sk-secret' })).toThrow(/@lemonvideo\/proxy/);
    expect(
      () => new LemonVideo({ apiKey: 'sk-secret', dangerouslyAllowBrowser: true }),
    ).not.toThrow();
    expect(() => new LemonVideo({ baseURL: '/api/lemonvideo' })).not.toThrow();
  });

  it('never shows the key when inspected or serialised', () => {
    const client = new LemonVideo({ apiKey: 'sk-very-secret-key' });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain('sk-very-secret-key');
    expect(JSON.stringify(client)).not.toContain('sk-very-secret-key');
  });
});

describe('timeouts beyond one timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Answers after `ms` of (fake) time, or rejects when the request aborts first. */
  const slow =
    (ms: number): typeof globalThis.fetch =>
    (input) =>
      new Promise((resolve, reject) => {
        const { signal } = input as Request;
        const timer = setTimeout(() => resolve(json(pendingTask)), ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });

  it.each([
    ['2 ** 31', 2 ** 31],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('a client timeout of %s lets a call take its time', async (_, timeout) => {
    const api = new LemonVideo({ apiKey: 'sk-test', fetch: slow(120_000), timeout });
    const task = api.tasks.retrieve('video_1');
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(task).resolves.toMatchObject({ id: 'video_1' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call timeout of 2 ** 31 lets a call take its time', async () => {
    const api = new LemonVideo({ apiKey: 'sk-test', fetch: slow(120_000) });
    const task = api.tasks.retrieve('video_1', { timeout: 2 ** 31 });
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(task).resolves.toMatchObject({ id: 'video_1' });
  });

  it.each([
    ['-1', -1],
    ['NaN', Number.NaN],
    ['0', 0],
  ])(
    'refuses a call timeout of %s, naming the option, without a request',
    async (shown, timeout) => {
      const { fetch, requests } = fakeFetch(json(pendingTask));
      const api = new LemonVideo({ apiKey: 'sk-test', fetch });
      await expect(api.tasks.retrieve('video_1', { timeout })).rejects.toThrow(
        `timeout: must be a number above 0, or Infinity for none (got ${shown})`,
      );
      await expect(api.videos.create({ prompt: 'x' }, { timeout })).rejects.toThrow(
        RequestValidationError,
      );
      expect(requests).toHaveLength(0);
    },
  );
});

describe('resources', () => {
  const client = (fetch: typeof globalThis.fetch) =>
    new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test/base', fetch, maxRetries: 0 });

  it('creates with the body as given, extra fields included, and a user agent', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const task = await client(fetch).videos.create({
      prompt: 'A cat',
      duration: 5,
      output_audio: true,
      brand_new: 'x',
    });
    expect(task.id).toBe('video_1');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('https://api.test/base/v1/videos/generations');
    expect(await requests[0]?.json()).toEqual({
      prompt: 'A cat',
      duration: 5,
      output_audio: true,
      brand_new: 'x',
    });
    expect(requests[0]?.headers.get('user-agent')).toMatch(/^lemonvideo-js\//);
  });

  it('rejects invalid params without sending anything', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    await expect(client(fetch).videos.create({ prompt: 'x', fps: 240 })).rejects.toThrow(
      RequestValidationError,
    );
    await expect(client(fetch).tasks.retrieve('..')).rejects.toThrow(
      'id: must be a non-empty id (got "..")',
    );
    await expect(client(fetch).models.retrieve('')).rejects.toThrow(RequestValidationError);
    expect(requests).toHaveLength(0);
  });

  it('follows poll_url under the base URL, and never to another host', async () => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    const tasks = client(fetch).tasks;
    await tasks.retrieve({ id: 'video_1', pollUrl: '/v2/jobs/video_1?view=full' });
    await tasks.retrieve({ id: 'video_1', pollUrl: 'https://api.test/base/v1/tasks/video_1' });
    await tasks.retrieve({ id: 'video_1', pollUrl: 'https://evil.test/steal' });
    await tasks.retrieve({ id: 'video_1', pollUrl: '//evil.test/steal' });
    await tasks.retrieve({ id: 'video 1/x', pollUrl: null });
    expect(requests.map((request) => request.url)).toEqual([
      'https://api.test/base/v2/jobs/video_1?view=full',
      'https://api.test/base/v1/tasks/video_1',
      'https://api.test/base/v1/tasks/video_1',
      'https://api.test/base/v1/tasks/video_1',
      'https://api.test/base/v1/tasks/video%201%2Fx',
    ]);
  });

  it.each([
    ['a .. segment', '/v1/tasks/../../admin'],
    ['.. segments climbing out of the base path', '/../../secret'],
    ['encoded dots', '/v1/%2e%2e/%2E%2e/admin'],
    ['mixed dots', '/v1/tasks/.%2e/x'],
    ['a . segment', '/v1/./tasks/video_1'],
    ['encoded slashes', '/v1/tasks/..%2f..%2fadmin'],
    ['a trailing ..', '/v1/tasks/video_1/..'],
    ['dots under the absolute base URL', 'https://api.test/base/../secret'],
    ['the base URL itself', 'https://api.test/base'],
  ])('never follows a poll_url with %s: it polls /v1/tasks/{id}', async (_, pollUrl) => {
    const { fetch, requests } = fakeFetch(json(pendingTask));
    await client(fetch).tasks.retrieve({ id: 'video_1', pollUrl });
    expect(requests.map((request) => request.url)).toEqual([
      'https://api.test/base/v1/tasks/video_1',
    ]);
  });

  it('hands middleware a response it can still read and clone', async () => {
    const { fetch } = fakeFetch(json(pendingTask, 200, { 'x-request-id': 'req_1' }));
    const api = client(fetch);
    const seen: unknown[] = [];
    api.openapi.use({
      async onResponse({ response }) {
        seen.push(await response.clone().json(), response.headers.get('x-request-id'));
      },
    });
    expect((await api.tasks.retrieve('video_1')).id).toBe('video_1');
    expect(seen).toEqual([pendingTask, 'req_1']);
  });

  it('writes a debug line per attempt and retry, without headers or the key', async () => {
    const lines: string[] = [];
    const { fetch } = fakeFetch(
      json({ error: { message: 'busy', code: 'upstream_error' } }, 503, {
        'x-request-id': 'req_9',
        'retry-after': '0',
      }),
      json(pendingTask),
    );
    const api = new LemonVideo({
      apiKey: 'sk-debug-secret',
      baseURL: 'https://api.test',
      fetch,
      debug: (line) => lines.push(line),
    });
    await api.tasks.retrieve('video_1');
    expect(lines).toEqual([
      expect.stringMatching(
        /^GET \/v1\/tasks\/video_1 failed after \d+ ms: 503 upstream_error \(req_9\)$/,
      ),
      'GET /v1/tasks/video_1 retry 1 of 2 in 0 ms',
      expect.stringMatching(/^GET \/v1\/tasks\/video_1 200 in \d+ ms$/),
    ]);
    expect(lines.join('\n')).not.toContain('sk-debug-secret');
  });

  it('cancels with DELETE on the task', async () => {
    const { fetch, requests } = fakeFetch(
      json({ ...pendingTask, status: 'failed', cancelled: true }),
    );
    const task = await client(fetch).tasks.cancel('video_1');
    expect(task.cancelled).toBe(true);
    expect(requests[0]?.method).toBe('DELETE');
  });

  it('lists models in the real list shape, which has no per-model request details', async () => {
    const { fetch, requests } = fakeFetch(
      json({
        object: 'list',
        data: [
          {
            id: 'kling-video',
            object: 'model',
            created: 1717200000,
            owned_by: 'kling',
            lemondata: { category: 'video', capabilities: ['text-to-video'] },
          },
          { id: 'veo3.1', object: 'model', tokenlab: { category: 'video' } },
        ],
      }),
    );
    const models = await client(fetch).models.list();
    expect(requests[0]?.url).toBe('https://api.test/base/v1/models?category=video');
    // A list item, whatever its extension, tells nothing of what the model offers.
    const withoutDetails = {
      category: 'video',
      durations: [],
      resolutions: [],
      aspectRatios: [],
      byOperation: {},
      lifecycle: null,
      pricing: null,
      detailed: false,
    };
    expect(models.map(({ raw: _raw, ...model }) => model)).toEqual([
      { ...withoutDetails, id: 'kling-video', ownedBy: 'kling', operations: ['text-to-video'] },
      { ...withoutDetails, id: 'veo3.1', ownedBy: null, operations: [] },
    ]);
  });

  it('reads the compact list, and sends each filter under its query name', async () => {
    const { fetch, requests } = fakeFetch(
      json({
        object: 'list',
        view: 'compact',
        count: 1,
        data: [
          {
            id: 'veo3.1',
            provider: 'google',
            category: 'video',
            capabilities: ['text-to-video', 'image-to-video'],
            pricing: { unit: 'per_second', currency: 'USD', min_price: '1.60' },
            status: 'deprecated',
            supported_operations: ['text-to-video'],
          },
        ],
      }),
    );
    const [veo] = await client(fetch).models.list({
      provider: 'google',
      tag: 'text-to-video',
      recommendedFor: 'video',
      view: 'compact',
    });
    const query = new URL(requests[0]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      category: 'video',
      provider: 'google',
      tag: 'text-to-video',
      recommended_for: 'video',
      view: 'compact',
    });
    expect(veo).toMatchObject({
      id: 'veo3.1',
      ownedBy: 'google',
      category: 'video',
      operations: ['text-to-video'],
      lifecycle: { stage: 'deprecated', replacement: null, sunsetAt: null },
      pricing: { unit: 'per_second', min_price: '1.60' },
      detailed: false,
    });
  });

  it('lists every category with category: null', async () => {
    const { fetch, requests } = fakeFetch(json({ object: 'list', data: [] }));
    expect(await client(fetch).models.list({ category: null })).toEqual([]);
    expect(requests[0]?.url).toBe('https://api.test/base/v1/models');
  });

  it('reads the durations, resolutions and ratios of a model from its details, as strings', async () => {
    const { fetch } = fakeFetch(
      json({
        id: 'seedance-2.0',
        object: 'model',
        owned_by: 'bytedance',
        tokenlab: {
          category: 'video',
          supported_operations: ['text-to-video', 'image-to-video'],
          lifecycle: {
            stage: 'deprecated',
            replacement_model: 'seedance-2.5',
            released_at: '2026-02-01T00:00:00.000Z',
            deprecated_at: '2026-06-01T00:00:00.000Z',
            sunset_at: '2027-01-01T00:00:00.000Z',
          },
          pricing_summary: { currency: 'USD', unit: 'per_second', per_second: '0.10' },
          request_format_summary: {
            durations: ['-1', '5', '10'],
            resolutions: ['480p', '720p'],
            aspect_ratios: ['adaptive', '16:9'],
            operation_constraints: [
              {
                operation: 'image-to-video',
                allowed_durations: ['5'],
                allowed_resolutions: ['720p'],
                allowed_aspect_ratios: ['adaptive'],
              },
            ],
          },
        },
      }),
    );
    const { raw: _raw, ...model } = await client(fetch).models.retrieve('seedance-2.0');
    expect(model).toEqual({
      id: 'seedance-2.0',
      ownedBy: 'bytedance',
      category: 'video',
      operations: ['text-to-video', 'image-to-video'],
      durations: [-1, 5, 10],
      resolutions: ['480p', '720p'],
      aspectRatios: ['adaptive', '16:9'],
      byOperation: {
        'image-to-video': { durations: [5], resolutions: ['720p'], aspectRatios: ['adaptive'] },
      },
      lifecycle: {
        stage: 'deprecated',
        replacement: 'seedance-2.5',
        releasedAt: '2026-02-01T00:00:00.000Z',
        deprecatedAt: '2026-06-01T00:00:00.000Z',
        retiredAt: null,
        sunsetAt: '2027-01-01T00:00:00.000Z',
      },
      pricing: { currency: 'USD', unit: 'per_second', per_second: '0.10' },
      detailed: true,
    });
  });

  it('reads the older extension name, lemondata, as tokenlab', async () => {
    const { fetch } = fakeFetch(
      json({
        id: 'sora-2',
        object: 'model',
        lemondata: {
          category: 'video',
          capabilities: ['text-to-video'],
          lifecycle: { stage: 'active' },
          request_format_summary: { durations: ['4', '8'], resolutions: ['720p'] },
        },
      }),
    );
    expect(await client(fetch).models.retrieve('sora-2')).toMatchObject({
      category: 'video',
      operations: ['text-to-video'],
      durations: [4, 8],
      resolutions: ['720p'],
      aspectRatios: [],
      lifecycle: { stage: 'active', replacement: null },
    });
  });

  it("gets a model's prices", async () => {
    const body = {
      model: 'veo3.1',
      pricing_unit: 'per_second',
      scalar_pricing: { per_second: '0.40' },
    };
    const { fetch, requests } = fakeFetch(json(body));
    expect(await client(fetch).models.pricing('veo3.1')).toEqual(body);
    expect(requests[0]?.url).toBe('https://api.test/base/v1/models/veo3.1/pricing');
  });

  it('encodes a model id with a slash and maps model_not_found', async () => {
    const { fetch, requests } = fakeFetch(
      json(
        {
          error: {
            message: 'The model does not exist.',
            code: 'model_not_found',
            did_you_mean: 'minimax/video-01',
          },
        },
        404,
      ),
    );
    const error = await client(fetch)
      .models.retrieve('minimax/video-1')
      .catch((caught: unknown) => caught);
    expect(requests[0]?.url).toBe('https://api.test/base/v1/models/minimax%2Fvideo-1');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'model_not_found',
      body: { error: { did_you_mean: 'minimax/video-01' } },
    });
  });
});

describe('time', () => {
  /** A clock at a fixed date whose waits end at once: no real time may pass under it. */
  const instantClock = (now: number): Clock => ({ now: () => now, sleep: async () => undefined });

  it('times a call out on its own clock', async () => {
    /** Never answers; like fetch, it rejects once its request's signal aborts. */
    const hang: typeof globalThis.fetch = (input) =>
      new Promise((_resolve, reject) => {
        const { signal } = input as Request;
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const client = new LemonVideo({ apiKey: 'sk-test', fetch: hang, clock: instantClock(0) });
    expect(client.clock.now()).toBe(0);
    const error = await client.tasks.retrieve('video_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true });
  });

  it("dates an HTTP-date Retry-After by the client's clock", async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const { fetch } = fakeFetch(
      apiError(429, 'rate_limit_exceeded', { 'Retry-After': 'Tue, 01 Jan 2030 00:00:30 GMT' }),
    );
    const clock = instantClock(now);
    const client = new LemonVideo({ apiKey: 'sk-test', fetch, clock, maxRetries: 0 });
    const error = await client.tasks.retrieve('video_1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, retryAfter: 30 });
  });
});
