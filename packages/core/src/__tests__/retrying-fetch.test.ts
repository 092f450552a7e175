import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LemonVideo } from '../client';
import {
  APIError,
  AuthenticationError,
  ConnectionError,
  RateLimitError,
  ServerError,
} from '../errors';
import { apiError, fakeFetch, json, pendingTask } from './fake-fetch';

const client = (fetch: typeof globalThis.fetch, options = {}) =>
  new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test', fetch, ...options });

/** Settles `promise` while fake timers run, returning what it resolved or rejected with. */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retries of reads', () => {
  it.each([408, 429, 500, 502, 503, 504])(
    'retries a poll after HTTP %i and succeeds',
    async (status) => {
      const { fetch, requests } = fakeFetch(apiError(status, 'flaky'), json(pendingTask));
      const task = await settle(client(fetch).tasks.retrieve('video_1'));
      expect(task).toMatchObject({ id: 'video_1', status: 'pending' });
      expect(requests).toHaveLength(2);
    },
  );

  it('gives up after maxRetries and throws the last error as its class', async () => {
    const { fetch, requests } = fakeFetch(apiError(503, 'upstream_error'));
    const error = await settle(client(fetch, { maxRetries: 3 }).tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, code: 'upstream_error' });
    expect(requests).toHaveLength(4);
  });

  it('retries a network failure of a read', async () => {
    const { fetch, requests } = fakeFetch(new TypeError('fetch failed'), json(pendingTask));
    await expect(settle(client(fetch).tasks.retrieve('video_1'))).resolves.toMatchObject({
      id: 'video_1',
    });
    expect(requests).toHaveLength(2);
  });

  it.each([401, 402, 403, 404, 409])('does not retry HTTP %i', async (status) => {
    const { fetch, requests } = fakeFetch(apiError(status, 'nope'));
    const error = await settle(client(fetch).tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(APIError);
    expect(requests).toHaveLength(1);
  });

  it('waits as long as Retry-After says (seconds), capped at 60 s', async () => {
    const { fetch, requests } = fakeFetch(
      apiError(429, 'rate_limit_exceeded', { 'Retry-After': '7' }),
      apiError(429, 'rate_limit_exceeded', { 'Retry-After': '3600' }),
      json(pendingTask),
    );
    const start = Date.now();
    const sentAt: number[] = [];
    const timed: typeof globalThis.fetch = (input, init) => {
      sentAt.push(Date.now() - start);
      return fetch(input, init);
    };
    await settle(client(timed, { timeout: 300_000 }).tasks.retrieve('video_1'));
    expect(requests).toHaveLength(3);
    expect(sentAt).toEqual([0, 7_000, 67_000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const { fetch } = fakeFetch(
      apiError(503, 'upstream_error', { 'Retry-After': inFiveSeconds }),
      json(pendingTask),
    );
    const start = Date.now();
    await settle(client(fetch).tasks.retrieve('video_1'));
    expect(Date.now() - start).toBeGreaterThanOrEqual(4_000);
    expect(Date.now() - start).toBeLessThanOrEqual(5_000);
  });

  it('backs off exponentially with jitter when the server gives no Retry-After', async () => {
    const { fetch } = fakeFetch(apiError(500, 'a'), apiError(500, 'b'), json(pendingTask));
    const start = Date.now();
    const sentAt: number[] = [];
    const timed: typeof globalThis.fetch = (input, init) => {
      sentAt.push(Date.now() - start);
      return fetch(input, init);
    };
    await settle(client(timed).tasks.retrieve('video_1'));
    const [, first = 0, second = 0] = sentAt;
    expect(first).toBeGreaterThanOrEqual(250);
    expect(first).toBeLessThanOrEqual(500);
    expect(second - first).toBeGreaterThanOrEqual(500);
    expect(second - first).toBeLessThanOrEqual(1_000);
  });
});

describe('a create is never sent twice unless the server refused it', () => {
  const params = { prompt: 'A cat' };

  it('retries a 429 create', async () => {
    const { fetch, requests } = fakeFetch(
      apiError(429, 'rate_limit_exceeded', { 'Retry-After': '1' }),
      json(pendingTask),
    );
    await expect(settle(client(fetch).videos.create(params))).resolves.toMatchObject({
      id: 'video_1',
    });
    expect(requests).toHaveLength(2);
  });

  it('retries a 503 create only when it carries Retry-After', async () => {
    const refused = fakeFetch(apiError(503, 'busy', { 'Retry-After': '1' }), json(pendingTask));
    await settle(client(refused.fetch).videos.create(params));
    expect(refused.requests).toHaveLength(2);

    const unknown = fakeFetch(apiError(503, 'busy'), json(pendingTask));
    expect(await settle(client(unknown.fetch).videos.create(params))).toBeInstanceOf(ServerError);
    expect(unknown.requests).toHaveLength(1);
  });

  it.each([500, 502, 504])('does not retry a create answered %i', async (status) => {
    const { fetch, requests } = fakeFetch(apiError(status, 'upstream_error'), json(pendingTask));
    expect(await settle(client(fetch).videos.create(params))).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('turns a lost connection into ConnectionError with mayHaveCreatedTask, without retrying', async () => {
    const { fetch, requests } = fakeFetch(new TypeError('socket hang up'), json(pendingTask));
    const error = await settle(client(fetch).videos.create(params));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveCreatedTask: true, timeout: false });
    expect(String(error)).toContain('may have been created');
    expect(requests).toHaveLength(1);
  });
});

describe('answers that are not the API JSON', () => {
  it('turns a gateway HTML page into a readable APIError', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    const { fetch } = fakeFetch(
      new Response(page, { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await settle(client(fetch, { maxRetries: 0 }).tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toBe(
      'HTTP 502: the server sent an HTML page instead of the API\'s JSON ("502 Bad Gateway"); a gateway or proxy may have failed.',
    );
  });

  it('turns truncated JSON in a 200 into an APIError, and retries it for reads', async () => {
    const truncated = new Response('{"id":"video_1","sta', { status: 200 });
    const once = fakeFetch(truncated, json(pendingTask));
    await expect(settle(client(once.fetch).tasks.retrieve('video_1'))).resolves.toMatchObject({
      status: 'pending',
    });
    expect(once.requests).toHaveLength(2);

    const always = fakeFetch(new Response('{"id":"video_1","sta', { status: 200 }));
    const error = await settle(client(always.fetch).tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect((error as Error).message).toContain('not valid JSON');
  });

  it('says a create answered with a cut body probably created the task', async () => {
    const { fetch, requests } = fakeFetch(new Response('{"id":"vid', { status: 200 }));
    const error = await settle(client(fetch).videos.create({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect((error as Error).message).toContain('probably created');
    expect(requests).toHaveLength(1);
  });

  it('reads the error envelope: code, type, param, request id, retry_after', async () => {
    const { fetch } = fakeFetch(
      json(
        {
          error: {
            message: 'Slow down',
            type: 'rate_limit_error',
            code: 'rate_limit_exceeded',
            param: null,
            retry_after: 2,
          },
        },
        429,
        { 'x-request-id': 'req_42' },
      ),
    );
    const error = await settle(client(fetch, { maxRetries: 0 }).tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      message: 'Slow down',
      code: 'rate_limit_exceeded',
      type: 'rate_limit_error',
      requestId: 'req_42',
      retryAfter: 2,
    });
  });
});

describe('timeout and abort', () => {
  const hang: typeof globalThis.fetch = (input, init) =>
    new Promise((_, reject) => {
      const signal = init?.signal ?? (input as Request).signal;
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason));
    });

  it('bounds a request in flight by the timeout', async () => {
    const error = await settle(client(hang).tasks.retrieve('video_1', { timeout: 1_500 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true, mayHaveCreatedTask: false });
    expect((error as Error).message).toBe('The request timed out after 1500 ms.');
  });

  it('rejects with the caller’s abort reason', async () => {
    const controller = new AbortController();
    const promise = client(hang).tasks.retrieve('video_1', { signal: controller.signal });
    const reason = new Error('user left');
    controller.abort(reason);
    expect(await settle(promise)).toBe(reason);
  });

  it('throws the error it was waiting out when the timeout ends a retry wait', async () => {
    const { fetch } = fakeFetch(apiError(429, 'rate_limit_exceeded', { 'Retry-After': '30' }));
    const error = await settle(client(fetch).tasks.retrieve('video_1', { timeout: 5_000 }));
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('stops retrying on 401 at once', async () => {
    const { fetch, requests } = fakeFetch(apiError(401, 'invalid_api_key'));
    expect(await settle(client(fetch).videos.create({ prompt: 'x' }))).toBeInstanceOf(
      AuthenticationError,
    );
    expect(requests).toHaveLength(1);
  });
});
