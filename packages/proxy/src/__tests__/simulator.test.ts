import { createServer, type Server } from 'node:http';
import {
  LemonVideo,
  type LemonVideoOptions,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '@lemonvideo/core';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProxyHandler } from '../index';
import { createNodeProxyHandler } from '../node';
import { close, listen } from './node-server';

const apiKey = 'sk-proxy-integration-secret';
let simulator: Simulator;
let server: Server;
let proxyURL: string;
/** The headers of every request the browser-side client sent: none may carry a key. */
const sent: Headers[] = [];

beforeAll(async () => {
  // The client must find no key anywhere: it runs where the browser would.
  vi.stubEnv('LEMONDATA_API_KEY', '');
  vi.stubEnv('LEMONDATA_BASE_URL', '');
  simulator = await startSimulator({ apiKey, speed: 200, rateLimit: false });
  server = createServer(createNodeProxyHandler({ apiKey, baseURL: simulator.url }));
  proxyURL = `${await listen(server)}/api/lemonvideo`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await close(server);
  await simulator.close();
});

const client = (options: LemonVideoOptions = {}) =>
  new LemonVideo({
    baseURL: proxyURL,
    maxRetries: 0,
    fetch: (input, init) => {
      sent.push(input instanceof Request ? input.headers : new Headers(init?.headers));
      return fetch(input, init);
    },
    ...options,
  });

describe('a keyless LemonVideo client through createNodeProxyHandler', () => {
  it('generates a video end to end', async () => {
    const task = await client().videos.generate(
      { prompt: 'A cat walking through a garden' },
      { poll: { strategy: 'fixed', interval: 50 } },
    );
    expect(task.status).toBe('completed');
    expect(task.video?.url).toMatch(/\.mp4$/);
    const byRoute = simulator.stats().byRoute;
    expect(byRoute.createVideoGeneration).toBeGreaterThanOrEqual(1);
    expect(byRoute.getTask).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeGreaterThan(1);
    for (const headers of sent) expect(headers.has('authorization')).toBe(false);
  });

  it('lists the models, and retrieves one whose id has a slash', async () => {
    const api = client();
    const models = await api.models.list();
    expect(models.map((model) => model.id)).toContain('minimax/video-01');
    const model = await api.models.retrieve('minimax/video-01');
    expect(model).toMatchObject({ id: 'minimax/video-01', category: 'video' });
  });

  it("passes the API's own errors through as their error classes", async () => {
    const error = await client()
      .models.retrieve('kling-vidoe')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('gets a typed error, and the API no request, for a route off the allow-list', async () => {
    const before = simulator.stats().requests;
    const error = await client()
      .tasks.retrieve({ id: 'video_1', pollUrl: '/v1/admin/keys' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'route_not_allowed' });
    expect(simulator.stats().requests).toBe(before);
  });

  it('passes a 429 with Retry-After through (X-Simulator-Fault reaches a loopback simulator)', async () => {
    const response = await fetch(`${proxyURL}/v1/models`, {
      headers: { 'x-simulator-fault': 'status; status=429; retry-after=2' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect((await response.json()).error.code).toBe('rate_limit_exceeded');
  });

  it('answers ServerError proxy_misconfigured when the proxy has no key', async () => {
    const handler = createProxyHandler({ baseURL: simulator.url });
    const api = client({
      baseURL: 'http://app.test/api/lemonvideo',
      fetch: (input, init) => handler(new Request(input, init)),
    });
    const error = await api.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, code: 'proxy_misconfigured' });
  });

  it('gives the core client a RateLimitError it can read retryAfter from', async () => {
    const error = await client({
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set('x-simulator-fault', 'status; status=429; retry-after=3');
        return fetch(request);
      },
    })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 3 });
  });
});

describe('the Fetch-standard handler against the simulator', () => {
  it('answers a Request with a Response, create and poll included', async () => {
    const handler = createProxyHandler({ apiKey, baseURL: simulator.url });
    const origin = 'https://app.example';
    const created = await handler(
      new Request(`${origin}/api/lemonvideo/v1/videos/generations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-wrong' },
        body: JSON.stringify({ model: 'kling-video', prompt: 'A cat', duration: 5 }),
      }),
    );
    expect(created).toBeInstanceOf(Response);
    expect(created.status).toBe(200);
    expect(created.headers.get('x-lemonvideo-simulator')).toBe('1');
    expect(created.headers.get('x-request-id')).toMatch(/^req_sim_/);
    const task = (await created.json()) as { id: string; poll_url: string; status: string };
    expect(task).toMatchObject({ status: 'pending', poll_url: `/v1/tasks/${task.id}` });

    const polled = await handler(new Request(`${origin}/api/lemonvideo${task.poll_url}`));
    expect(polled.status).toBe(200);
    expect(await polled.json()).toMatchObject({ id: task.id });

    const models = await handler(new Request(`${origin}/api/lemonvideo/v1/models?category=video`));
    expect(models.status).toBe(200);
    expect(await models.json()).toMatchObject({ object: 'list' });
  });
});
