import { describe, expect, it } from 'vitest';
import { apiKey, json, proxy } from './recording-fetch';

const browserHeaders = {
  accept: 'application/json',
  'accept-language': 'de-DE',
  authorization: 'Bearer sk-the-browser-has-no-business-here',
  cookie: 'session=abc',
  origin: 'https://evil.test',
  'x-forwarded-for': '10.0.0.1',
  'x-api-key': 'sk-also-not',
  'x-simulator-fault': 'status; status=500',
  'user-agent': 'Mozilla/5.0',
};

describe('request headers', () => {
  it('injects the server key as a bearer token', async () => {
    const { send, calls } = proxy();
    await send('/api/lemonvideo/v1/models');
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
  });

  it("never forwards the browser's Authorization, Cookie or any header off the allow-list", async () => {
    const { send, calls } = proxy();
    await send('/api/lemonvideo/v1/models', { headers: browserHeaders });
    const sent = Object.fromEntries(calls[0]?.headers ?? []);
    expect(sent).toEqual({
      accept: 'application/json',
      'accept-language': 'de-DE',
      authorization: `Bearer ${apiKey}`,
    });
  });

  it('forwards Content-Type only with the body of a POST', async () => {
    const { send, calls } = proxy();
    await send('/api/lemonvideo/v1/videos/generations', json({ prompt: 'A cat' }));
    await send('/api/lemonvideo/v1/models', { headers: { 'content-type': 'application/json' } });
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[1]?.headers.has('content-type')).toBe(false);
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010'])(
    'forwards X-Simulator-Fault to a simulator on loopback (%s)',
    async (baseURL) => {
      const { send, calls } = proxy({ baseURL });
      await send('/api/lemonvideo/v1/models', { headers: browserHeaders });
      expect(calls[0]?.headers.get('x-simulator-fault')).toBe('status; status=500');
    },
  );

  it('drops X-Simulator-Fault on the way to any other host', async () => {
    const { send, calls } = proxy({ baseURL: 'http://127.0.0.1.example.test' });
    await send('/api/lemonvideo/v1/models', { headers: browserHeaders });
    expect(calls[0]?.headers.has('x-simulator-fault')).toBe(false);
  });
});

describe('response headers', () => {
  const answer = () =>
    new Response('{"ok":true}', {
      status: 200,
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['retry-after', '2'],
        ['x-ratelimit-limit', '600'],
        ['x-ratelimit-remaining', '599'],
        ['x-ratelimit-reset', '1706000060'],
        ['x-request-id', 'req_1'],
        ['x-lemonvideo-simulator', '1'],
        ['set-cookie', 'upstream_session=secret; HttpOnly'],
        ['set-cookie', 'tracking=1'],
        ['server', 'nginx'],
        ['access-control-allow-origin', '*'],
        ['strict-transport-security', 'max-age=1'],
        ['x-upstream-channel', 'channel-7'],
        ['location', 'https://elsewhere.test'],
      ],
    });

  it('passes only the allow-listed headers', async () => {
    const { send } = proxy({}, answer);
    const response = await send('/api/lemonvideo/v1/models');
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'retry-after': '2',
      'x-ratelimit-limit': '600',
      'x-ratelimit-remaining': '599',
      'x-ratelimit-reset': '1706000060',
      'x-request-id': 'req_1',
      'x-lemonvideo-simulator': '1',
    });
  });

  it('drops Set-Cookie', async () => {
    const { send } = proxy({}, answer);
    const response = await send('/api/lemonvideo/v1/models');
    expect(response.headers.has('set-cookie')).toBe(false);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
