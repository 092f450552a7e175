import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { type CallOptions, call } from './spec-client';

let sim: Simulator;
afterEach(() => sim.close());

/** A create sent with `key`. */
const create = (key: string, body: Record<string, unknown>) =>
  call(sim.url, 'POST', '/v1/videos/generations', { key, body });

describe('auth', () => {
  it('accepts any sk- bearer key by default and refuses the rest with 401', async () => {
    sim = await startSimulator();
    const created = await create('sk-anything', { prompt: 'x' });
    expect(created.status).toBe(200);
    const refused: CallOptions[] = [
      { key: null },
      { key: 'not-an-sk-key' },
      { key: 'sk-' },
      { key: null, headers: { authorization: 'Token sk-abc' } },
      { key: null, headers: { authorization: 'Bearer sk-a sk-b' } },
      { key: null, headers: { 'x-api-key': 'sk-abc' } },
    ];
    for (const options of refused) {
      const { status, body } = await call(sim.url, 'GET', '/v1/tasks/ldtask_x', options);
      expect(status, JSON.stringify(options)).toBe(401);
      expect(body.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_api_key' });
    }
  });

  it('accepts only the configured key, and never echoes a key', async () => {
    sim = await startSimulator({ apiKey: 'sk-the-right-one' });
    const right = await create('sk-the-right-one', { prompt: 'x' });
    expect(right.status).toBe(200);
    const wrong = await create('sk-the-wrong-one', { prompt: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('wrong-one');
    expect(sim.stats().tasksCreated).toBe(1);
  });

  it('compares a configured key exactly, whatever its prefix', async () => {
    sim = await startSimulator({ apiKey: 'team-token' });
    expect((await call(sim.url, 'GET', '/v1/tasks/x', { key: 'team-token' })).status).toBe(404);
    expect((await call(sim.url, 'GET', '/v1/tasks/x', { key: 'team-token2' })).status).toBe(401);
    expect((await call(sim.url, 'GET', '/v1/tasks/x', { key: 'sk-any' })).status).toBe(401);
  });

  it('guards every route but the catalogue', async () => {
    sim = await startSimulator();
    for (const [method, path] of [
      ['POST', '/v1/videos/generations'],
      ['GET', '/v1/tasks/x'],
      ['GET', '/v1/videos/generations/x'],
      ['DELETE', '/v1/tasks/x'],
      ['POST', '/v1/videos/assets'],
      ['GET', '/v1/videos/assets'],
      ['GET', '/v1/videos/assets/asset-1'],
      ['PUT', '/v1/videos/assets/asset-1'],
      ['DELETE', '/v1/videos/assets/asset-1'],
      ['POST', '/v1/videos/assets/groups'],
      ['GET', '/v1/videos/assets/groups'],
      ['GET', '/v1/videos/assets/groups/group-1'],
      ['PUT', '/v1/videos/assets/groups/group-1'],
      ['DELETE', '/v1/videos/assets/groups/group-1'],
    ] as const) {
      const body = method === 'POST' || method === 'PUT' ? { prompt: 'x' } : undefined;
      const { status } = await call(sim.url, method, path, { key: null, body });
      expect(status, `${method} ${path}`).toBe(401);
    }
    expect(sim.stats().tasksCreated).toBe(0);
  });
});

describe('the public catalogue', () => {
  it('answers without a key; a key that is sent must be valid', async () => {
    sim = await startSimulator({ apiKey: 'sk-the-right-one' });
    for (const path of ['/v1/models', '/v1/models/veo3.1', '/v1/models/veo3.1/pricing']) {
      expect((await call(sim.url, 'GET', path, { key: null })).status, path).toBe(200);
      expect((await call(sim.url, 'GET', path, { key: 'sk-the-right-one' })).status).toBe(200);
      const wrong = await call(sim.url, 'GET', path, { key: 'sk-the-wrong-one' });
      expect(wrong.status, path).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_api_key');
      const malformed = await call(sim.url, 'GET', path, {
        key: null,
        headers: { authorization: 'Token sk-the-right-one' },
      });
      expect(malformed.status, path).toBe(401);
    }
  });

  it('hides the models a key may not use from its list, and refuses them on create', async () => {
    sim = await startSimulator({ deniedModels: { 'sk-intern': ['veo3.1', 'sora-2'] } });
    const ids = async (key: string | null) =>
      (await call(sim.url, 'GET', '/v1/models', { key })).body.data.map(
        (model: { id: string }) => model.id,
      );
    const everyone = await ids(null);
    expect(everyone).toEqual(expect.arrayContaining(['veo3.1', 'sora-2']));
    expect(await ids('sk-other')).toEqual(everyone);
    const intern = await ids('sk-intern');
    expect(intern).not.toContain('veo3.1');
    expect(intern).not.toContain('sora-2');
    expect(intern).toHaveLength(everyone.length - 2);

    const refused = await create('sk-intern', { model: 'veo3.1', prompt: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'model_not_allowed',
      type: 'permission_error',
      param: 'model',
    });
    // The server's default model is veo3.1 too.
    const byDefault = await create('sk-intern', { prompt: 'x' });
    expect(byDefault.status).toBe(403);
    const allowed = await create('sk-intern', { model: 'kling-video', prompt: 'x' });
    expect(allowed.status).toBe(200);
    expect(sim.stats().tasksCreated).toBe(1);
  });
});

describe('ownership', () => {
  it('lets only the key that created a task poll or cancel it: 403 task_not_owned', async () => {
    sim = await startSimulator();
    const created = await create('sk-alice', { model: 'seedance-2.0', prompt: 'x [queued]' });
    const { id } = created.body;
    for (const [method, path] of [
      ['GET', `/v1/tasks/${id}`],
      ['GET', `/v1/videos/generations/${id}`],
      ['DELETE', `/v1/tasks/${id}`],
    ] as const) {
      const other = await call(sim.url, method, path, { key: 'sk-bob' });
      expect(other.status, `${method} ${path}`).toBe(403);
      expect(other.body.error).toMatchObject({ code: 'task_not_owned', type: 'permission_error' });
      expect(other.text).not.toContain('sk-alice');
    }
    expect((await call(sim.url, 'GET', `/v1/tasks/${id}`, { key: 'sk-alice' })).status).toBe(200);
    const cancelled = await call(sim.url, 'DELETE', `/v1/tasks/${id}`, { key: 'sk-alice' });
    expect(cancelled.body.cancelled).toBe(true);
    expect(JSON.stringify(sim.tasks())).not.toContain('sk-alice');
  });
});
