// Bad input, across the toolkit: each row a clear refusal naming the field and the rule, and
// nothing sent where nothing should be.
import { LemonVideo, RequestValidationError } from '@lemonvideo/core';
import { createProxyHandler } from '@lemonvideo/proxy';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ apiKey: 'sk-bad-input', rateLimit: false });
});
afterAll(() => simulator.close());

describe('the SDK refuses before sending anything', () => {
  let sent = 0;
  const client = new LemonVideo({
    apiKey: 'sk-bad-input',
    baseURL: 'https://api.invalid',
    fetch: async () => {
      sent += 1;
      return new Response('{}');
    },
  });
  const create = (params: unknown) => () => client.videos.create(params as never);

  it.each([
    ['duration 61', create({ prompt: 'x', duration: 61 }), 'duration', 'must be between -1 and 60'],
    ['seed 2^32', create({ prompt: 'x', seed: 4294967296 }), 'seed', 'must be between -1 and'],
    ['priority 10', create({ prompt: 'x', priority: 10 }), 'priority', 'must be between 0 and 9'],
    ['a numeric prompt', create({ prompt: 42 }), 'prompt', 'must be a string'],
    ['fps 0', create({ prompt: 'x', fps: 0 }), 'fps', 'must be between 1 and 120'],
    ['fps 121', create({ prompt: 'x', fps: 121 }), 'fps', 'must be between 1 and 120'],
    ['fractional fps', create({ prompt: 'x', fps: 24.5 }), 'fps', 'must be an integer'],
    ['duration -2', create({ prompt: 'x', duration: -2 }), 'duration', 'must be between -1 and 60'],
    ['duration as text', create({ prompt: 'x', duration: '5' }), 'duration', 'must be an integer'],
    [
      'cfg_scale 21',
      create({ prompt: 'x', cfg_scale: 21 }),
      'cfg_scale',
      'must be between 0 and 20',
    ],
    [
      'motion_strength 2',
      create({ prompt: 'x', motion_strength: 2 }),
      'motion_strength',
      'must be between 0 and 1',
    ],
    [
      'an image_url that is no URL',
      create({ prompt: 'x', image_url: 'cat.png' }),
      'image_url',
      'must be an absolute URL',
    ],
    [
      'an empty video_url',
      create({ prompt: 'x', video_url: '' }),
      'video_url',
      'must be an absolute URL',
    ],
    [
      'aspect ratio 16x9',
      create({ prompt: 'x', aspect_ratio: '16x9' }),
      'aspect_ratio',
      'must be one of "adaptive", "16:9"',
    ],
    [
      '31 image URLs',
      create({ prompt: 'x', image_urls: Array(31).fill('https://a.example/1.png') }),
      'image_urls',
      'must have between 1 and 30 items',
    ],
    [
      'seconds that disagree with duration',
      create({ prompt: 'x', duration: 5, seconds: 10 }),
      'seconds',
      'must equal duration (5)',
    ],
    ['a fractional seed', create({ prompt: 'x', seed: 1.5 }), 'seed', 'must be an integer'],
    [
      'an image URL that is no URL',
      create({ prompt: 'x', image_urls: ['x'] }),
      'image_urls.0',
      'must be an absolute URL',
    ],
    ['a numeric model', create({ prompt: 'x', model: 5 }), 'model', 'must be a string'],
    ['no params at all', create(null), 'params', 'must be an object'],
    ['an empty task id', () => client.tasks.retrieve(''), 'id', 'must be a non-empty id'],
    ['a task id of ..', () => client.tasks.retrieve('..'), 'id', 'must be a non-empty id'],
    ['a model id of ..', () => client.models.retrieve('..'), 'model', 'must be a non-empty id'],
    ['cancel with no id', () => client.tasks.cancel(''), 'id', 'must be a non-empty id'],
  ])('%s', async (_case, call, field, rule) => {
    const before = sent;
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toContainEqual({
      field,
      message: expect.stringContaining(rule),
    });
    expect((error as Error).message).toContain(`${field}: ${rule}`);
    expect(sent).toBe(before);
  });
});

describe('the proxy refuses before forwarding anything', () => {
  let forwarded = 0;
  const handler = createProxyHandler({
    apiKey: 'sk-bad-input',
    baseURL: 'https://api.invalid',
    maxBodyBytes: 1_024,
    fetch: async () => {
      forwarded += 1;
      return new Response('{}');
    },
  });
  const at = (path: string, init?: RequestInit) =>
    new Request(`https://app.test/api/lemonvideo${path}`, init);
  const post = (body: string, type = 'application/json') =>
    at('/v1/videos/generations', { method: 'POST', body, headers: { 'content-type': type } });

  it.each([
    [
      'an oversized body',
      post(JSON.stringify({ prompt: 'x'.repeat(2_000) })),
      413,
      'payload_too_large',
    ],
    ['bad JSON', post('{"prompt": '), 400, 'invalid_json'],
    ['a JSON array', post('[1, 2]'), 400, 'invalid_json'],
    [
      'a body that is not JSON',
      post('prompt=x', 'application/x-www-form-urlencoded'),
      400,
      'invalid_json',
    ],
    ['a disallowed route', at('/v1/admin/keys'), 404, 'route_not_allowed'],
    [
      'a path outside the prefix',
      new Request('https://app.test/v1/tasks/x'),
      404,
      'route_not_allowed',
    ],
    ['encoded path traversal', at('/v1/tasks/..%2f..%2fadmin'), 400, 'invalid_path'],
    ['encoded dots', at('/v1/tasks/%2e%2e'), 400, 'invalid_path'],
    ['header injection in an id', at('/v1/tasks/abc%0d%0aX-Injected:%201'), 400, 'invalid_path'],
    ['a NUL in an id', at('/v1/tasks/abc%00'), 400, 'invalid_path'],
    ['a very long URL', at(`/v1/tasks/${'a'.repeat(3_000)}`), 414, 'uri_too_long'],
    ['a method the route lacks', at('/v1/models', { method: 'DELETE' }), 405, 'method_not_allowed'],
  ])('%s', async (_case, request, status, code) => {
    const before = forwarded;
    const response = await handler(request);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(forwarded).toBe(before);
  });
});

describe('the simulator refuses like the API, naming the field', () => {
  const send = (body: string) =>
    fetch(`${simulator.url}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-bad-input', 'content-type': 'application/json' },
      body,
    });

  it.each([
    ['fps 500', JSON.stringify({ prompt: 'x', fps: 500 }), 400, 'fps'],
    ['no prompt', JSON.stringify({ model: 'kling-video' }), 400, 'prompt'],
    [
      'a duration the model lacks',
      JSON.stringify({ model: 'kling-video', prompt: 'x', duration: 7 }),
      400,
      'duration',
    ],
    [
      'an image model without an image',
      JSON.stringify({ model: 'wan2.6-i2v', prompt: 'x' }),
      400,
      'image_url',
    ],
    ['bad JSON', '{"prompt":', 400, 'body'],
    ['an unknown model', JSON.stringify({ model: 'kling-vidoe', prompt: 'x' }), 404, 'model'],
  ])('%s', async (_case, body, status, param) => {
    const before = simulator.stats().tasksCreated;
    const response = await send(body);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { error: { param?: string; message: string } };
    expect(answer.error.param).toBe(param);
    expect(answer.error.message).toContain(param);
    expect(simulator.stats().tasksCreated).toBe(before);
  });

  it('a body over 1 MiB', async () => {
    const response = await send(JSON.stringify({ prompt: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('the CLI refuses in one line, exit 2, no stack trace', () => {
  it.each([
    ['no prompt', ['generate'], 'prompt'],
    ['a blank prompt', ['generate', '   '], 'prompt'],
    ['fps out of range', ['generate', 'x', '--fps', '500'], '--fps'],
    ['fps not a number', ['generate', 'x', '--fps', '12abc'], '--fps'],
    ['a fractional duration', ['generate', 'x', '--duration', '2.5'], '--duration'],
    ['cfg scale out of range', ['generate', 'x', '--cfg-scale', '50'], '--cfg-scale'],
    ['motion strength below 0', ['generate', 'x', '--motion-strength', '-1'], '--motion-strength'],
    ['an image that is no URL', ['generate', 'x', '--image', 'cat.png'], '--image'],
    [
      'an aspect ratio that is no ratio',
      ['generate', 'x', '--aspect-ratio', 'wide'],
      '--aspect-ratio',
    ],
    ['a seed that is no integer', ['generate', 'x', '--seed', '1.5'], '--seed'],
    ['an unknown flag', ['generate', 'x', '--colour', 'red'], '--colour'],
    ['status without an id', ['status'], 'id'],
    ['a base URL that is no URL', ['models', '--base-url', 'api.example'], '--base-url'],
    ['a negative timeout', ['wait', 'video_1', '--timeout', '-5'], '--timeout'],
  ])('%s', async (_case, args, named) => {
    const run = await runCli(args, {
      LEMONDATA_API_KEY: 'sk-bad-input',
      LEMONDATA_BASE_URL: simulator.url,
    });
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toContain(named);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(simulator.stats().tasksCreated).toBe(0);
  });
});
