import { describe, expect, it } from 'vitest';
import { allowedRoutes } from '../generated/routes';
import { baseURL, envelope, json, proxy, refusal } from './recording-fetch';

describe('the allow-list', () => {
  it('holds the operations the spec marks x-proxy-forward, with their marked query parameters', () => {
    expect(allowedRoutes.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /v1/videos/generations',
      'GET /v1/videos/generations/{id}',
      'GET /v1/tasks/{id}',
      'DELETE /v1/tasks/{id}',
      'GET /v1/models',
      'GET /v1/models/{model}',
    ]);
    expect(allowedRoutes.find((route) => route.path === '/v1/models')?.query).toEqual(['category']);
  });

  // Each route of the allow-list pinned above, its parameters filled in.
  const example: Record<string, string> = { id: 'video_1', model: 'kling-video' };
  const routes = allowedRoutes.map(({ method, path }) => [
    method,
    path.replace(/\{(\w+)\}/g, (_, name: string) => example[name] ?? name),
  ]);
  it.each(routes)('forwards %s %s to the same path under baseURL', async (method, path) => {
    const { send, calls } = proxy();
    const init = method === 'POST' ? json({ prompt: 'A cat' }) : { method };
    const response = await send(`/api/lemonvideo${path}`, init);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method, url: `${baseURL}${path}` });
  });
});

describe('deny by default', () => {
  it('answers 404 to a request outside the prefix, unforwarded', async () => {
    const { send, calls } = proxy();
    const response = await send('/v1/models');
    expect(response.status).toBe(404);
    expect(await envelope(response)).toEqual({
      message: expect.any(String),
      type: 'invalid_request_error',
      code: 'route_not_allowed',
    });
    expect((await send('/api/lemonvideo-other/v1/models')).status).toBe(404);
    expect(calls).toHaveLength(0);
  });

  it.each([
    '/api/lemonvideo',
    '/api/lemonvideo/v1',
    '/api/lemonvideo/v1/tasks',
    '/api/lemonvideo/v1/videos/generations/video_1/cancel',
    '/api/lemonvideo/v1/chat/completions',
    '/api/lemonvideo/v2/models',
    '/api/lemonvideo/videos/video_1.mp4',
  ])('answers 404 route_not_allowed to a route the spec does not have: %s', async (path) => {
    const { send, calls } = proxy();
    const response = await send(path);
    expect(await refusal(response, calls)).toMatchObject({
      status: 404,
      code: 'route_not_allowed',
      forwarded: 0,
    });
  });

  it.each([
    ['POST', '/v1/videos/assets'],
    ['GET', '/v1/videos/assets'],
    ['GET', '/v1/videos/assets/asset-20260720123456-qn7wr'],
    ['DELETE', '/v1/videos/assets/asset-20260720123456-qn7wr'],
    ['POST', '/v1/videos/assets/groups'],
    ['DELETE', '/v1/videos/assets/groups/group-20260720123456-vrt01'],
    ['GET', '/v1/models/veo3.1/pricing'],
  ])(
    'does not forward %s %s, which the spec has but does not mark for browsers',
    async (method, path) => {
      const { send, calls } = proxy();
      const init =
        method === 'POST' ? json({ asset_url: 'https://example.com/a.png' }) : { method };
      const response = await send(`/api/lemonvideo${path}`, init);
      expect(await refusal(response, calls)).toMatchObject({
        status: 404,
        code: 'route_not_allowed',
        forwarded: 0,
      });
    },
  );

  it.each([
    ...['PUT', 'PROPFIND', 'PATCH', 'OPTIONS', 'HEAD', 'FOO'].map((method) => [
      method,
      '/v1/tasks/video_1',
      'GET, DELETE',
    ]),
    ['POST', '/v1/models', 'GET'],
    ['GET', '/v1/videos/generations', 'POST'],
  ])(
    'answers 405 to %s on the known path %s, with Allow: %s, unforwarded',
    async (method, path, allow) => {
      const { send, calls } = proxy();
      const response = await send(
        `/api/lemonvideo${path}`,
        method === 'POST' ? json({}) : { method },
      );
      expect(response.headers.get('allow')).toBe(allow);
      expect(await refusal(response, calls)).toMatchObject({
        status: 405,
        code: 'method_not_allowed',
        forwarded: 0,
      });
    },
  );

  it.each([
    ['an encoded ../ in a parameter (..%2f)', '/v1/tasks/..%2fmodels'],
    ['an encoded ../ in a model id', '/v1/models/%2e%2e%2fx'],
    ['a ../ inside a model id', '/v1/models/minimax%2F..%2F..%2Fadmin'],
    ['an encoded ..\\ (..%5c)', '/v1/tasks/..%5cmodels'],
    ['an encoded backslash', '/v1/tasks/a%5Cb'],
    ['a %2e%2e segment (resolved by the URL parser to an empty segment)', '/v1/tasks/%2e%2e'],
    ['a . segment (resolved to an empty segment)', '/v1/tasks/.'],
    ['an encoded CR/LF', '/v1/tasks/a%0d%0aX-Injected:%201'],
    ['an encoded NUL', '/v1/tasks/a%00'],
    ['an empty segment (//)', '//v1/models'],
    ['an empty parameter', '/v1/tasks/'],
    ['a trailing slash', '/v1/models/'],
    ['malformed percent-encoding', '/v1/tasks/%E0%A4%A'],
    ['a double-encoded .. (%252e%252e)', '/v1/tasks/%252e%252e'],
    ['double-encoded slashes (%252f)', '/v1/models/a%252f..%252f..%252fadmin'],
    ['a double-encoded backslash (%255c)', '/v1/tasks/..%255c..%255cadmin'],
  ])('answers 400 invalid_path to %s, unforwarded', async (_, path) => {
    const { send, calls } = proxy();
    const response = await send(`/api/lemonvideo${path}`);
    expect(await refusal(response, calls)).toMatchObject({
      status: 400,
      code: 'invalid_path',
      forwarded: 0,
    });
  });

  it.each([
    '/api/lemonvideo/v1/tasks/%2E%2e/models',
    '/api/lemonvideo/v1/videos/generations/.%2E/.%2e/.%2e/admin',
    '/api/lemonvideo/v1/models/%2e%2E/%2e%2e/%2E%2E/%2e%2e/etc/passwd',
  ])(
    'never forwards %s outside the spec routes (the URL parser resolves its dots first)',
    async (path) => {
      const { send, calls } = proxy();
      const response = await send(path);
      expect([200, 404]).toContain(response.status);
      for (const call of calls) {
        expect(allowedRoutes.some((route) => route.method === call.method)).toBe(true);
        expect(new URL(call.url).pathname).toMatch(
          /^\/v1\/(tasks\/[^/]+|models(\/[^/]+)?|videos\/generations(\/[^/]+)?)$/,
        );
      }
    },
  );

  it.each(['TRACE', 'CONNECT', 'TRACK'])(
    'cannot even be handed %s: the Fetch standard forbids it (node.test covers the adapter)',
    (method) => {
      expect(() => new Request('http://app.test/api/lemonvideo/v1/models', { method })).toThrow();
    },
  );

  it.each([
    // The path is built from the template, each decoded parameter encoded again.
    ['/v1/models/minimax%2Fvideo-01', '/v1/models/minimax%2Fvideo-01'],
    ['/v1/tasks/a%20b%3Fc%23d', '/v1/tasks/a%20b%3Fc%23d'],
    ['/v1/tasks/%76ideo_1', '/v1/tasks/video_1'],
    // Only the query parameters the spec marks for the operation go on.
    ['/v1/models?category=video&view=compact&provider=google', '/v1/models?category=video'],
    ['/v1/models?category=video&api_key=sk-other&callback=x', '/v1/models?category=video'],
    ['/v1/tasks/video_1?category=video&debug=1', '/v1/tasks/video_1'],
    ['/v1/models?Category=video', '/v1/models'],
  ])('forwards %s as %s under baseURL', async (sent, forwarded) => {
    const { send, calls } = proxy();
    await send(`/api/lemonvideo${sent}`);
    expect(calls.map((call) => call.url)).toEqual([`${baseURL}${forwarded}`]);
  });

  it('answers 414 to a URL longer than 2 048 characters, unforwarded', async () => {
    const { send, calls } = proxy();
    const path = '/api/lemonvideo/v1/models?category=';
    const atLimit = `${path}${'v'.repeat(2048 - 'http://app.test'.length - path.length)}`;
    expect((await send(atLimit)).status).toBe(200);
    const response = await send(`${atLimit}v`);
    expect(response.status).toBe(414);
    expect(await envelope(response)).toMatchObject({ code: 'uri_too_long' });
    expect(calls).toHaveLength(1);
  });
});
