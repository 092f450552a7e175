import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { type CallOptions, call } from './spec-client';

let sim: Simulator;
afterEach(() => sim.close());

describe('auth', () => {
  it('accepts any sk- bearer key by default and refuses the rest with 401', async () => {
    sim = await startSimulator();
    expect((await call(sim.url, 'GET', '/v1/models', { key: 'sk-anything' })).status).toBe(200);
    const refused: CallOptions[] = [
      { key: null },
      { key: 'not-an-sk-key' },
      { key: 'sk-' },
      { key: null, headers: { authorization: 'Token sk-abc' } },
      { key: null, headers: { authorization: 'Bearer sk-a sk-b' } },
      { key: null, headers: { 'x-api-key': 'sk-abc' } },
    ];
    for (const options of refused) {
      const { status, body } = await call(sim.url, 'GET', '/v1/tasks/video_sim_x', options);
      expect(status, JSON.stringify(options)).toBe(401);
      expect(body.error).toMatchObject({ code: 'invalid_api_key', type: 'authentication_error' });
    }
  });

  it('accepts only the configured key, and never echoes a key', async () => {
    sim = await startSimulator({ apiKey: 'sk-the-right-one' });
    const right = await call(sim.url, 'POST', '/v1/videos/generations', {
      key: 'sk-the-right-one',
      body: { prompt: 'x' },
    });
    expect(right.status).toBe(200);
    const wrong = await call(sim.url, 'POST', '/v1/videos/generations', {
      key: 'sk-the-wrong-one',
      body: { prompt: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('wrong-one');
    expect(sim.stats().tasksCreated).toBe(1);
  });

  it('compares a configured key exactly, whatever its prefix', async () => {
    sim = await startSimulator({ apiKey: 'team-token' });
    expect((await call(sim.url, 'GET', '/v1/models', { key: 'team-token' })).status).toBe(200);
    expect((await call(sim.url, 'GET', '/v1/models', { key: 'team-token2' })).status).toBe(401);
    expect((await call(sim.url, 'GET', '/v1/models', { key: 'sk-any' })).status).toBe(401);
  });

  it('guards every API route', async () => {
    sim = await startSimulator();
    for (const [method, path] of [
      ['POST', '/v1/videos/generations'],
      ['GET', '/v1/tasks/x'],
      ['GET', '/v1/videos/generations/x'],
      ['DELETE', '/v1/tasks/x'],
      ['GET', '/v1/models'],
      ['GET', '/v1/models/kling-video'],
    ] as const) {
      const body = method === 'POST' ? { prompt: 'x' } : undefined;
      const { status } = await call(sim.url, method, path, { key: null, body });
      expect(status, `${method} ${path}`).toBe(401);
    }
  });
});
