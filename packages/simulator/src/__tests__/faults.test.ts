import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { rawRequest } from './raw-request';
import { call, checkAgainstSpec, send, testKey } from './spec-client';

let sim: Simulator;
afterEach(() => sim.close());

const auth = { authorization: `Bearer ${testKey}`, 'content-type': 'application/json' };
const createBody = { body: { prompt: 'a cat' } };

describe('status faults', () => {
  it('answer each documented status with its envelope and code', async () => {
    sim = await startSimulator();
    const expected: [number, string][] = [
      [401, 'invalid_api_key'],
      [402, 'insufficient_balance'],
      [403, 'access_denied'],
      [404, 'async_task_not_found'],
      [429, 'rate_limit_exceeded'],
      [500, 'server_error'],
      [502, 'upstream_error'],
      [503, 'all_channels_failed'],
      [504, 'timeout_error'],
    ];
    for (const [status, code] of expected) {
      sim.inject({ kind: 'status', status });
      const response = await call(sim.url, 'POST', '/v1/videos/generations', createBody);
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toContain('simulated fault');
    }
    expect(sim.stats().tasksCreated).toBe(0);
  });

  it('add Retry-After to 429 (1 s by default) and to 503 when asked', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'status', status: 429 });
    const limited = await call(sim.url, 'GET', '/v1/models', {});
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.error.retry_after).toBe(1);
    sim.inject({ kind: 'status', status: 503 });
    const plain = await call(sim.url, 'GET', '/v1/models');
    expect(plain.headers.get('retry-after')).toBeNull();
    sim.inject({ kind: 'status', status: 503, retryAfter: 4 });
    const told = await call(sim.url, 'GET', '/v1/models');
    expect(told.headers.get('retry-after')).toBe('4');
    expect(told.body.error).toMatchObject({ retry_after: 4, retryable: true });
  });

  it('hit only their route, as many times as asked, in order', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'status', status: 502, route: 'task', times: 2 });
    sim.inject({ kind: 'status', status: 504 });
    const created = await call(sim.url, 'POST', '/v1/videos/generations', createBody);
    expect(created.status).toBe(504);
    const retried = await call(sim.url, 'POST', '/v1/videos/generations', createBody);
    expect(retried.status).toBe(200);
    const path = `/v1/tasks/${retried.body.id}`;
    expect((await call(sim.url, 'GET', path)).status).toBe(502);
    expect((await call(sim.url, 'GET', `/v1/videos/generations/${retried.body.id}`)).status).toBe(
      502,
    );
    expect((await call(sim.url, 'GET', path)).status).toBe(200);
  });
});

describe('connection faults', () => {
  it('slow: holds the answer, then answers normally', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const { status } = await call(sim.url, 'GET', '/v1/models');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('reset: drops the connection before doing anything', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'reset', route: 'create' });
    await expect(send(sim.url, 'POST', '/v1/videos/generations', createBody)).rejects.toThrow(
      /fetch failed/,
    );
    expect(sim.stats().tasksCreated).toBe(0);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('reset-after-create: creates and counts the task, then drops the connection', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'reset-after-create' });
    // A models call first: the fault waits for a create.
    expect((await call(sim.url, 'GET', '/v1/models')).status).toBe(200);
    const outcome = await rawRequest(`${sim.url}/v1/videos/generations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 'a cat' }),
    });
    expect(outcome.status).toBeUndefined();
    expect(outcome.error).toMatch(/socket hang up|ECONNRESET/);
    expect(sim.stats().tasksCreated).toBe(1);
    expect(sim.tasks()).toHaveLength(1);
  });

  it('cut: sends the headers and half the body, then drops the connection', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'cut' });
    const outcome = await rawRequest(`${sim.url}/v1/models`, { headers: auth });
    expect(outcome.status).toBe(200);
    const announced = Number(outcome.headers?.['content-length']);
    expect(outcome.received.length).toBe(Math.floor(announced / 2));
    expect(outcome.error).toMatch(/aborted|ECONNRESET/);

    sim.inject({ kind: 'cut' });
    const response = await send(sim.url, 'GET', '/v1/models');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('truncated: a complete 200 whose JSON stops halfway', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'truncated', route: 'models' });
    const response = await call(sim.url, 'GET', '/v1/models', { offSpecBody: 'truncated-json' });
    expect(response.status).toBe(200);
    expect(response.text.startsWith('{"object":"list"')).toBe(true);
  });

  it('html: a 502 error page from a proxy, not JSON', async () => {
    sim = await startSimulator();
    sim.inject({ kind: 'html' });
    const response = await call(sim.url, 'GET', '/v1/tasks/video_sim_x', {
      offSpecBody: 'text/html',
    });
    expect(response.status).toBe(502);
    expect(response.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(response.text).toContain('SIMULATOR');
  });
});

describe('the X-Simulator-Fault header', () => {
  it('faults the request that carries it', async () => {
    sim = await startSimulator();
    const response = await call(sim.url, 'POST', '/v1/videos/generations', {
      ...createBody,
      headers: { 'x-simulator-fault': 'status; status=503; retry-after=2' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const next = await call(sim.url, 'POST', '/v1/videos/generations', createBody);
    expect(next.status).toBe(200);
  });

  it('takes a delay, and every kind by name', async () => {
    sim = await startSimulator();
    const started = Date.now();
    const slow = await call(sim.url, 'GET', '/v1/models', {
      headers: { 'x-simulator-fault': 'slow; delay=200' },
    });
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await expect(
      send(sim.url, 'GET', '/v1/models', { headers: { 'x-simulator-fault': 'reset' } }),
    ).rejects.toThrow();
    const html = await send(sim.url, 'GET', '/v1/models', {
      headers: { 'x-simulator-fault': 'html' },
    });
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 400 naming the header when it makes no sense', async () => {
    sim = await startSimulator();
    for (const value of ['explode', 'status; status=418', 'slow; delay=soon', 'slow; speed=2']) {
      const response = await call(sim.url, 'POST', '/v1/videos/generations', {
        ...createBody,
        headers: { 'x-simulator-fault': value },
      });
      expect(response.status, value).toBe(400);
      expect(response.body.error.param).toBe('X-Simulator-Fault');
    }
    expect(sim.stats().tasksCreated).toBe(0);
  });
});

describe('faultRate', () => {
  const outcomesOf = async (faultRate: number) => {
    const faulty = await startSimulator({ faultRate, seed: 3 });
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        const outcome = await rawRequest(`${faulty.url}/v1/models`, { headers: auth });
        if (outcome.status === undefined) {
          outcomes.push('reset');
          continue;
        }
        const headers = new Headers(outcome.headers as Record<string, string>);
        checkAgainstSpec('GET', '/v1/models', outcome.status, headers, String(outcome.received));
        outcomes.push(String(outcome.status));
      }
      return outcomes;
    } finally {
      await faulty.close();
    }
  };

  it('faults requests at random, reproducibly for a seed', async () => {
    sim = await startSimulator();
    const first = await outcomesOf(1);
    expect(first.every((outcome) => /^(200|500|502|503|504|reset)$/.test(outcome))).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(2);
    expect(await outcomesOf(1)).toEqual(first);
    expect(await outcomesOf(0)).toEqual(Array(12).fill('200'));
  }, 60_000);
});
