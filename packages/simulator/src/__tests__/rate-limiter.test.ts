import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitedReply, type Simulator, startSimulator } from '../index';
import { manualClock } from './manual-clock';
import { call } from './spec-client';

let sim: Simulator;
afterEach(() => sim.close());

describe('rate limit', () => {
  it('sends the X-RateLimit headers by default (600 a minute)', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now });
    const { headers } = await call(sim.url, 'GET', '/v1/models');
    expect(headers.get('x-ratelimit-limit')).toBe('600');
    expect(headers.get('x-ratelimit-remaining')).toBe('599');
    expect(headers.get('x-ratelimit-reset')).toBe(String((clock.now() + 60_000) / 1000));
  });

  it('answers 429 rate_limit_exceeded with Retry-After once a key is over its limit', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, rateLimit: { limit: 2, windowMs: 10_000 } });
    const create = () =>
      call(sim.url, 'POST', '/v1/videos/generations', { body: { prompt: 'a cat' } });
    expect((await create()).status).toBe(200);
    clock.advance(2_500);
    const second = await create();
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('8');
    expect(limited.body.error).toMatchObject({
      code: 'rate_limit_exceeded',
      type: 'rate_limit_exceeded',
      retryable: true,
      retry_after: 8,
    });
    expect(sim.stats().tasksCreated).toBe(2);

    const otherKey = await call(sim.url, 'GET', '/v1/models', { key: 'sk-someone-else' });
    expect(otherKey.status).toBe(200);

    clock.advance(7_500);
    expect((await create()).status).toBe(200);
  });

  it('counts the public catalogue apart from the task routes, as the vendor limits them', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, rateLimit: { limit: 1, windowMs: 10_000 } });
    const create = () =>
      call(sim.url, 'POST', '/v1/videos/generations', { body: { prompt: 'a cat' } });
    expect((await call(sim.url, 'GET', '/v1/models/veo3.1')).status).toBe(200);
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
    expect((await call(sim.url, 'GET', '/v1/models/veo3.1')).status).toBe(429);
  });

  it('keeps Retry-After at least 1 second', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, rateLimit: { limit: 1, windowMs: 1_000 } });
    await call(sim.url, 'GET', '/v1/models');
    clock.advance(999);
    const limited = await call(sim.url, 'GET', '/v1/models');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
  });

  it('can be turned off', async () => {
    sim = await startSimulator({ rateLimit: false });
    const { status, headers } = await call(sim.url, 'GET', '/v1/models');
    expect(status).toBe(200);
    expect(headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('gives what the server answers as a reply of its own, for a benchmark without HTTP', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 10_000 }, clock.now);
    limiter.consume('key');
    clock.advance(2_500);
    const reply = rateLimitedReply(limiter.consume('key'));
    expect(reply).toEqual({
      status: 429,
      headers: {
        'X-RateLimit-Limit': '1',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String((clock.now() + 7_500) / 1000),
        'Retry-After': '8',
      },
      body: {
        error: {
          message: 'Rate limit exceeded. Retry after 8 seconds.',
          type: 'rate_limit_exceeded',
          code: 'rate_limit_exceeded',
          retryable: true,
          retry_after: 8,
        },
      },
    });
  });
});
