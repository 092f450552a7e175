import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeProxyHandler, type NodeProxyHandler } from '../node';
import { close, listen, rawRequest } from './node-server';
import { apiKey, baseURL, recordingFetch, type UpstreamCall } from './recording-fetch';

let server: Server | undefined;
afterEach(async () => {
  if (server) await close(server);
  server = undefined;
});

/** A node:http server running the adapter (through `wrap`, to play Express) on a recording fetch. */
async function serve(
  answer?: (call: UpstreamCall) => Response | Promise<Response>,
  wrap: (handler: NodeProxyHandler) => (req: IncomingMessage, res: ServerResponse) => void = (
    handler,
  ) => handler,
) {
  const upstream = recordingFetch(answer);
  server = createServer(wrap(createNodeProxyHandler({ apiKey, baseURL, fetch: upstream.fetch })));
  return { origin: await listen(server), calls: upstream.calls };
}

describe('createNodeProxyHandler', () => {
  it("forwards an allowed route and streams the API's answer back", async () => {
    const { origin, calls } = await serve(() =>
      Response.json(
        { object: 'list', data: [] },
        { headers: { 'x-request-id': 'req_1', 'set-cookie': 'a=b' } },
      ),
    );
    const answer = await rawRequest(origin, 'GET', '/api/lemonvideo/v1/models?category=video&x=1', {
      headers: { authorization: 'Bearer sk-browser', cookie: 'session=1' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ object: 'list', data: [] });
    expect(answer.headers['x-request-id']).toBe('req_1');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(calls[0]?.url).toBe(`${baseURL}/v1/models?category=video`);
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
    expect(calls[0]?.headers.has('cookie')).toBe(false);
  });

  it('forwards a POST body', async () => {
    const { origin, calls } = await serve();
    const answer = await rawRequest(origin, 'POST', '/api/lemonvideo/v1/videos/generations', {
      headers: { 'content-type': 'application/json' },
      body: '{"prompt":"A cat"}',
    });
    expect(answer.status).toBe(200);
    expect(calls[0]?.body).toBe('{"prompt":"A cat"}');
  });

  it.each([
    '/api/lemonvideo/v1/tasks/../models',
    '/api/lemonvideo/v1/models/./kling-video',
    '/api/lemonvideo/v1/tasks/%2e%2e/models',
    '/api/lemonvideo/v1/tasks/a\\b',
    '/api/lemonvideo/../../admin',
  ])(
    'answers 400 invalid_path to the raw path %s, which a URL parser would resolve',
    async (path) => {
      const { origin, calls } = await serve();
      const answer = await rawRequest(origin, 'GET', path);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error.code).toBe('invalid_path');
      expect(calls).toHaveLength(0);
    },
  );

  it.each([
    ['TRACE', '/api/lemonvideo/v1/tasks/video_1', 405, 'GET, DELETE'],
    ['TRACE', '/api/lemonvideo/v1/videos/generations', 405, 'POST'],
    ['TRACE', '/api/lemonvideo/v1/chat/completions', 404, undefined],
    ['TRACE', '/elsewhere', 404, undefined],
    ['PROPFIND', '/api/lemonvideo/v1/models', 405, 'GET'],
    ['PATCH', '/api/lemonvideo/v1/tasks/video_1', 405, 'GET, DELETE'],
  ])('answers %s %s with %i (Allow: %s), unforwarded', async (method, path, status, allow) => {
    const { origin, calls } = await serve();
    const answer = await rawRequest(origin, method, path);
    expect(answer.status).toBe(status);
    expect(answer.headers.allow).toBe(allow);
    expect(JSON.parse(answer.body).error.code).toBe(
      status === 405 ? 'method_not_allowed' : 'route_not_allowed',
    );
    expect(calls).toHaveLength(0);
  });

  it.each([
    '/api/lemonvideo/v1/tasks/%2E%2e/models',
    '/api/lemonvideo/v1/tasks/.%2E/models',
    '/api/lemonvideo/v1/tasks/%2e./models',
    '/api/lemonvideo/v1/%2e%2e/%2e%2e/admin',
    '/api/lemonvideo/v1/tasks/%252e%252e',
    '/api/lemonvideo/v1/models/a%252f..%252f..%252fadmin',
    '/api/lemonvideo/v1/tasks/..%2F..%2Fadmin',
  ])('answers 400 invalid_path to the dot-segment trick %s, unforwarded', async (path) => {
    const { origin, calls } = await serve();
    const answer = await rawRequest(origin, 'GET', path);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe('invalid_path');
    expect(calls).toHaveLength(0);
  });

  it('does not forward the body of a DELETE, and the connection stays usable', async () => {
    const { origin, calls } = await serve();
    const remove = await rawRequest(origin, 'DELETE', '/api/lemonvideo/v1/tasks/video_1', {
      headers: { 'content-type': 'application/json' },
      body: ['{"force":', 'true}'],
    });
    const get = await rawRequest(origin, 'GET', '/api/lemonvideo/v1/tasks/video_1');
    expect([remove.status, get.status]).toEqual([200, 200]);
    expect(calls.map((call) => [call.method, call.body])).toEqual([
      ['DELETE', null],
      ['GET', null],
    ]);
  });

  it('answers 413 to a chunked body over the limit, and the client receives it', async () => {
    const { origin, calls } = await serve();
    const chunk = `{"prompt":"${'a'.repeat(16 * 1024)}`;
    const answer = await rawRequest(origin, 'POST', '/api/lemonvideo/v1/videos/generations', {
      headers: { 'content-type': 'application/json' },
      body: Array.from({ length: 16 }, () => chunk),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
    expect(calls).toHaveLength(0);
  });

  it('sees the full path under an Express mount (req.originalUrl)', async () => {
    const { origin, calls } = await serve(undefined, (handler) => (req, res) => {
      // What `app.use('/api/lemonvideo', handler)` does to the request.
      Object.assign(req, { originalUrl: req.url, url: req.url?.slice('/api/lemonvideo'.length) });
      handler(req, res, () => {});
    });
    const answer = await rawRequest(origin, 'GET', '/api/lemonvideo/v1/tasks/video_1');
    expect(answer.status).toBe(200);
    expect(calls[0]?.url).toBe(`${baseURL}/v1/tasks/video_1`);
  });

  it('forwards a body that a body parser (express.json) already read', async () => {
    const { origin, calls } = await serve(undefined, (handler) => (req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        text += chunk;
      });
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(text) });
        handler(req, res, () => {});
      });
    });
    const answer = await rawRequest(origin, 'POST', '/api/lemonvideo/v1/videos/generations', {
      headers: { 'content-type': 'application/json' },
      body: '{ "prompt": "A cat" }',
    });
    expect(answer.status).toBe(200);
    expect(calls[0]?.body).toBe('{"prompt":"A cat"}');
  });

  it('aborts the upstream call when the client goes away', async () => {
    let aborted: () => void = () => {};
    const gone = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    const { origin, calls } = await serve(
      (call) =>
        new Promise<Response>((_, reject) => {
          call.signal?.addEventListener('abort', () => {
            aborted();
            reject(call.signal?.reason);
          });
        }),
    );
    const req = request(`${origin}/api/lemonvideo/v1/models`);
    req.on('error', () => {});
    req.end();
    await expect.poll(() => calls.length).toBe(1);
    req.destroy();
    await gone;
    expect(calls[0]?.signal?.aborted).toBe(true);
  });
});
