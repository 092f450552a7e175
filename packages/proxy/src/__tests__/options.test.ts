import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProxyHandler } from '../index';
import { apiKey, baseURL, envelope, json, proxy, recordingFetch } from './recording-fetch';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('authorize', () => {
  it('answers 401 before reading the body or forwarding anything when it says no', async () => {
    const seen: Request[] = [];
    const { handler, calls } = proxy({
      authorize: async (request) => {
        seen.push(request);
        return false;
      },
    });
    const request = new Request('http://app.test/api/lemonvideo/v1/videos/generations', json({}));
    const response = await handler(request);
    expect(response.status).toBe(401);
    expect(await envelope(response)).toEqual({
      message: expect.any(String),
      type: 'authentication_error',
      code: 'unauthorized',
    });
    expect(seen).toEqual([request]);
    expect(request.bodyUsed).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('lets a request through when it says yes, and can read cookies to decide', async () => {
    const { send, calls } = proxy({
      authorize: (request) => request.headers.get('cookie') === 'session=ok',
    });
    expect(
      (await send('/api/lemonvideo/v1/models', { headers: { cookie: 'session=ok' } })).status,
    ).toBe(200);
    expect(
      (await send('/api/lemonvideo/v1/models', { headers: { cookie: 'session=no' } })).status,
    ).toBe(401);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.has('cookie')).toBe(false);
  });

  it('answers 500 proxy_error without detail when it throws, and forwards nothing', async () => {
    const { send, calls } = proxy({
      authorize: () => {
        throw new Error(`database down, key ${apiKey}`);
      },
    });
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('database');
    expect(text).not.toContain(apiKey);
    expect(JSON.parse(text).error.code).toBe('proxy_error');
    expect(calls).toHaveLength(0);
  });
});

describe('apiKey', () => {
  it('answers 500 proxy_misconfigured to every route when there is no key, forwarding nothing', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', '');
    const upstream = recordingFetch();
    const handler = createProxyHandler({ baseURL, fetch: upstream.fetch });
    const response = await handler(new Request('http://app.test/api/lemonvideo/v1/models'));
    expect(response.status).toBe(500);
    expect(await envelope(response)).toEqual({
      message: expect.stringContaining('LEMONDATA_API_KEY'),
      type: 'server_error',
      code: 'proxy_misconfigured',
    });
    expect(upstream.calls).toHaveLength(0);
  });

  it('reads LEMONDATA_API_KEY per request, so it may be set after the handler is created', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', '');
    const upstream = recordingFetch();
    const handler = createProxyHandler({ baseURL, fetch: upstream.fetch });
    vi.stubEnv('LEMONDATA_API_KEY', ' sk-from-the-environment ');
    await handler(new Request('http://app.test/api/lemonvideo/v1/models'));
    expect(upstream.calls[0]?.headers.get('authorization')).toBe('Bearer sk-from-the-environment');
  });
});

describe('baseURL', () => {
  it('defaults to LEMONDATA_BASE_URL, then https://api.lemondata.cc', async () => {
    const upstream = recordingFetch();
    const handler = createProxyHandler({ apiKey, fetch: upstream.fetch });
    vi.stubEnv('LEMONDATA_BASE_URL', '');
    await handler(new Request('http://app.test/api/lemonvideo/v1/models'));
    vi.stubEnv('LEMONDATA_BASE_URL', 'https://api.tokenlab.sh/');
    await handler(new Request('http://app.test/api/lemonvideo/v1/models'));
    expect(upstream.calls.map((call) => call.url)).toEqual([
      'https://api.lemondata.cc/v1/models',
      'https://api.tokenlab.sh/v1/models',
    ]);
  });

  it('keeps a path of its own', async () => {
    const { send, calls } = proxy({ baseURL: 'https://gateway.test/lemondata/' });
    await send('/api/lemonvideo/v1/tasks/video_1');
    expect(calls[0]?.url).toBe('https://gateway.test/lemondata/v1/tasks/video_1');
  });

  it('answers 502 when it is not a URL', async () => {
    const { send, calls } = proxy({ baseURL: 'api.lemondata.cc' });
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.status).toBe(502);
    expect(calls).toHaveLength(0);
  });
});

describe('prefix', () => {
  it('is the mount path stripped before matching', async () => {
    const { send, calls } = proxy({ prefix: '/lemon/' });
    expect((await send('/lemon/v1/models')).status).toBe(200);
    expect((await send('/api/lemonvideo/v1/models')).status).toBe(404);
    expect(calls.map((call) => call.url)).toEqual([`${baseURL}/v1/models`]);
  });

  it('may be empty, for a handler mounted at the root', async () => {
    const { send, calls } = proxy({ prefix: '' });
    expect((await send('/v1/models')).status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

describe('fetch', () => {
  it('defaults to the global fetch, looked up per request', async () => {
    const handler = createProxyHandler({ apiKey, baseURL });
    const upstream = recordingFetch();
    vi.stubGlobal('fetch', upstream.fetch);
    await handler(new Request('http://app.test/api/lemonvideo/v1/models'));
    expect(upstream.calls).toHaveLength(1);
  });
});
