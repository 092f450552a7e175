import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { manualClock } from './manual-clock';
import { call, send } from './spec-client';

let sim: Simulator;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  sim = await startSimulator({ now: clock.now });
});
afterEach(() => sim.close());

describe('endpoints', () => {
  it('creates a task with HTTP 200, in the task shape of the vendor', async () => {
    const { status, body } = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { model: 'kling-video', prompt: 'A cat walking through a garden', duration: 5 },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'pending', model: 'kling-video', progress: 0 });
    expect(body.id).toMatch(/^ldtask_[0-9a-f]{32}$/);
    expect(body.task_id).toBe(body.id);
    expect(body.poll_url).toBe(`/v1/tasks/${body.id}`);
    expect(body.created).toBe(Math.floor(clock.now() / 1000));
    expect(body.updated).toBe(body.created);
    expect(body).not.toHaveProperty('object');
    expect(body).not.toHaveProperty('created_at');
  });

  it('uses the current default model of the server, veo3.1, when the body names none', async () => {
    const { body } = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { prompt: 'a boat' },
    });
    expect(body.model).toBe('veo3.1');
  });

  it('answers the canonical and the legacy status route with the same body', async () => {
    const created = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { prompt: 'a boat' },
    });
    const canonical = await call(sim.url, 'GET', created.body.poll_url);
    const legacy = await call(sim.url, 'GET', `/v1/videos/generations/${created.body.id}`);
    expect(canonical.status).toBe(200);
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(canonical.body);
    expect(canonical.body).toEqual(created.body);
  });

  it('answers 404 async_task_not_found for an unknown task on every task route', async () => {
    for (const [method, path] of [
      ['GET', '/v1/tasks/ldtask_nope'],
      ['GET', '/v1/videos/generations/ldtask_nope'],
      ['DELETE', '/v1/tasks/ldtask_nope'],
    ] as const) {
      const { status, body } = await call(sim.url, method, path);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({
        code: 'async_task_not_found',
        message: 'Task not found or no longer available.',
      });
    }
  });
});

describe('saying it is a simulator', () => {
  it('serves a page at / that says it is not the real API', async () => {
    const response = await fetch(`${sim.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-lemonvideo-simulator')).toBe('1');
    expect(await response.text()).toContain(
      'lemonvideo SIMULATOR — this is not the real LemonData API',
    );
  });

  it('marks routes outside the API too, with a JSON 404 or 405', async () => {
    const missing = await fetch(`${sim.url}/v2/anything`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-lemonvideo-simulator')).toBe('1');
    expect((await missing.json()).error.code).toBe('not_found');
    const wrongMethod = await send(sim.url, 'PUT', '/v1/tasks/ldtask_x');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, DELETE');
    expect(wrongMethod.headers.get('x-lemonvideo-simulator')).toBe('1');
  });
});

describe('the handle', () => {
  it('counts requests per route and the tasks it created', async () => {
    await call(sim.url, 'POST', '/v1/videos/generations', { body: { prompt: 'one' } });
    await call(sim.url, 'POST', '/v1/videos/generations', { body: { prompt: 'two' } });
    await call(sim.url, 'POST', '/v1/videos/generations', { body: {} });
    await call(sim.url, 'GET', '/v1/models');
    await fetch(`${sim.url}/`);
    expect(sim.stats()).toEqual({
      tasksCreated: 2,
      requests: 5,
      byRoute: { createVideoGeneration: 3, listModels: 1, home: 1 },
    });
  });

  it('serves the same counts over HTTP, for tests in other processes', async () => {
    await call(sim.url, 'POST', '/v1/videos/generations', { body: { prompt: 'one' } });
    const response = await fetch(`${sim.url}/__simulator/stats`);
    expect(response.headers.get('x-lemonvideo-simulator')).toBe('1');
    expect(await response.json()).toEqual({
      tasksCreated: 1,
      requests: 2,
      byRoute: { createVideoGeneration: 1, stats: 1 },
    });
  });

  it('snapshots tasks with their request and plan', async () => {
    const { body } = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { model: 'veo3.1', prompt: 'a fox', duration: 8, custom_field: { kept: true } },
    });
    const [task] = sim.tasks();
    expect(task).toMatchObject({
      id: body.id,
      model: 'veo3.1',
      status: 'pending',
      cancelled: false,
      request: { model: 'veo3.1', prompt: 'a fox', duration: 8, custom_field: { kept: true } },
      createdAt: clock.now(),
    });
    expect(task?.plan.reportsProgress).toBe(false);
    expect(task?.progress).toBeUndefined();
  });

  it('replays the same ids and timelines for the same seed', async () => {
    const run = async (seed: number) => {
      const other = await startSimulator({ seed, now: clock.now });
      try {
        for (const prompt of ['a', 'b']) {
          await call(other.url, 'POST', '/v1/videos/generations', { body: { prompt } });
        }
        return other.tasks().map(({ id, plan }) => ({ id, plan }));
      } finally {
        await other.close();
      }
    };
    expect(await run(7)).toEqual(await run(7));
    expect(await run(7)).not.toEqual(await run(8));
  });

  it('refuses options out of range', async () => {
    await expect(startSimulator({ speed: 0 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ faultRate: 2 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ port: 70_000 })).rejects.toThrow(RangeError);
    expect(() => sim.inject({ kind: 'status', status: 418 })).toThrow(RangeError);
    expect(() => sim.inject({ kind: 'slow', times: 0 })).toThrow(RangeError);
  });

  it('closes open and held connections so the process can exit', async () => {
    const other = await startSimulator();
    other.inject({ kind: 'slow', delayMs: 60_000 });
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${other.url}/v1/models`, {
        headers: { authorization: 'Bearer sk-x' },
      });
      req.on('response', () => resolve('answered'));
      req.on('error', (error) => resolve(error.message));
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
