import { createServer, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createProxyHandler } from '../index';
import { close, listen } from './node-server';
import { apiKey, envelope, proxy } from './recording-fetch';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** A real API on loopback whose every answer is `answer`; the proxy calls it with the global fetch. */
async function realUpstream(answer: (res: ServerResponse) => void) {
  const server = createServer((_, res) => answer(res));
  servers.push(server);
  const handler = createProxyHandler({ apiKey, baseURL: await listen(server) });
  return (path: string) => handler(new Request(`http://app.test/api/lemonvideo${path}`));
}

describe("the API's answers", () => {
  it('replaces the key with [redacted] wherever an upstream body or header echoes it', async () => {
    const { send } = proxy({}, () =>
      Response.json(
        {
          error: {
            message: `Invalid API key provided: ${apiKey}.`,
            type: 'authentication_error',
            code: 'invalid_api_key',
            debug: { authorization: `Bearer ${apiKey}`, keys: [apiKey, apiKey] },
          },
        },
        { status: 401, headers: { 'x-request-id': `req_${apiKey}` } },
      ),
    );
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(apiKey);
    expect(JSON.parse(text).error).toMatchObject({
      message: 'Invalid API key provided: [redacted].',
      debug: { authorization: 'Bearer [redacted]', keys: ['[redacted]', '[redacted]'] },
    });
    expect(response.headers.get('x-request-id')).toBe('req_[redacted]');
  });

  it.each([
    [400, 'unsupported_task_cancel'],
    [402, 'insufficient_balance'],
    [404, 'async_task_not_found'],
    [409, 'task_not_cancellable'],
    [500, 'upstream_error'],
    [503, 'upstream_error'],
  ])('passes an upstream %i through with its envelope', async (status, code) => {
    const body = { error: { message: 'From the API.', type: 'x', code } };
    const { send } = proxy({}, () => Response.json(body, { status }));
    const response = await send('/api/lemonvideo/v1/tasks/video_1', { method: 'DELETE' });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });

  it('passes a 429 through with Retry-After and the rate-limit headers', async () => {
    const { send } = proxy({}, () =>
      Response.json(
        {
          error: {
            message: 'Rate limit exceeded.',
            type: 'rate_limit_error',
            code: 'rate_limit_exceeded',
          },
        },
        { status: 429, headers: { 'retry-after': '3', 'x-ratelimit-remaining': '0' } },
      ),
    );
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await envelope(response)).code).toBe('rate_limit_exceeded');
  });

  it('passes a 204 through without a body', async () => {
    const { send } = proxy({}, () => new Response(null, { status: 204 }));
    const response = await send('/api/lemonvideo/v1/tasks/video_1', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('answers a redirect itself instead of following it, so the key goes nowhere else', async () => {
    const { send, calls } = proxy(
      {},
      () =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/steal' } }),
    );
    const response = await send('/api/lemonvideo/v1/models');
    expect(calls[0]?.redirect).toBe('manual');
    expect(response.status).toBe(302);
    expect(response.headers.has('location')).toBe(false);
  });

  it('answers 502 upstream_unreachable when the API cannot be reached', async () => {
    const { send } = proxy({}, () => {
      throw new TypeError(`fetch failed: connect ECONNREFUSED (Authorization: Bearer ${apiKey})`);
    });
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('ECONNREFUSED');
    expect(JSON.parse(text).error).toMatchObject({
      type: 'server_error',
      code: 'upstream_unreachable',
    });
  });

  it('answers 502 when the answer breaks off mid-body', async () => {
    const { send } = proxy({}, () => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":"video_'));
          controller.error(new Error('socket hang up'));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const response = await send('/api/lemonvideo/v1/tasks/video_1');
    expect(response.status).toBe(502);
    expect((await envelope(response)).code).toBe('upstream_unreachable');
  });
});

describe('answers too large to hold', () => {
  it('stops reading an endless answer after 1 MiB and answers 502, long before it would end', async () => {
    let written = 0;
    let upstreamClosed = false;
    const send = await realUpstream((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.byteLength;
      };
      res.on('drain', pump);
      res.on('close', () => {
        upstreamClosed = true;
      });
      pump();
    });
    const response = await send('/v1/models');
    expect(response.status).toBe(502);
    expect(await envelope(response)).toMatchObject({
      type: 'server_error',
      code: 'upstream_too_large',
      message: 'The answer is over 1048576 bytes.',
    });
    await expect.poll(() => upstreamClosed).toBe(true);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  }, 15_000);

  it('relays an answer of up to 1 MiB whole, the key redacted', async () => {
    const body = JSON.stringify({ padding: 'a'.repeat(1_000_000), echo: apiKey });
    const send = await realUpstream((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const response = await send('/v1/models');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(body.replace(apiKey, '[redacted]'));
  });
});
