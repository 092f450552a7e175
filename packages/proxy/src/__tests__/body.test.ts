import { describe, expect, it } from 'vitest';
import { json, proxy, refusal } from './recording-fetch';

const create = '/api/lemonvideo/v1/videos/generations';

/** A request body stream of `size` bytes in 1 KiB chunks, counting what was pulled from it. */
function streamOf(size: number) {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode(`{"prompt":"${'a'.repeat(1000)}`.slice(0, 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= size) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

const streaming = (stream: ReadableStream, headers: Record<string, string> = {}): RequestInit =>
  ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: stream,
    duplex: 'half',
  }) as RequestInit;

describe('request bodies', () => {
  it('forwards a JSON object as sent, unknown fields included', async () => {
    const { send, calls } = proxy();
    const body = '{"prompt":"A cat","duration":5,"future_field":{"x":[1,2]}}';
    await send(create, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(calls[0]?.body).toBe(body);
  });

  it('answers 413 when Content-Length is over the limit, before reading a byte', async () => {
    const { send, calls } = proxy();
    const { stream, pulled } = streamOf(1 << 20);
    const response = await send(create, streaming(stream, { 'content-length': String(1 << 20) }));
    expect(await refusal(response, calls)).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      forwarded: 0,
    });
    expect(pulled.bytes).toBeLessThanOrEqual(2048);
  });

  it('answers 413 to a body over the limit without Content-Length, and stops reading', async () => {
    const { send, calls } = proxy();
    const { stream, pulled } = streamOf(10 << 20);
    const response = await send(create, streaming(stream));
    expect(await refusal(response, calls)).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      forwarded: 0,
    });
    expect(pulled.bytes).toBeLessThan(80 * 1024);
  });

  it('answers 413 when Content-Length lies about a larger body', async () => {
    const { send, calls } = proxy();
    const { stream } = streamOf(200 * 1024);
    const response = await send(create, streaming(stream, { 'content-length': '20' }));
    expect(response.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('honours maxBodyBytes', async () => {
    // '{"prompt":"A cat"}' is exactly 18 bytes.
    const { send, calls } = proxy({ maxBodyBytes: 18 });
    expect((await send(create, json({ prompt: 'A cat' }))).status).toBe(200);
    expect((await send(create, json({ prompt: 'A cat walking' }))).status).toBe(413);
    expect(calls).toHaveLength(1);
  });

  it('answers 400 invalid_json to a body that does not parse', async () => {
    const { send, calls } = proxy();
    const response = await send(create, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": "A cat",',
    });
    expect(await refusal(response, calls)).toEqual({
      status: 400,
      message: 'The body is not valid JSON.',
      type: 'invalid_request_error',
      code: 'invalid_json',
      forwarded: 0,
    });
  });

  it.each([
    ['an array', '[{"prompt":"A cat"}]'],
    ['a string', '"A cat"'],
    ['a number', '5'],
    ['null', 'null'],
    ['nothing', ''],
  ])('answers 400 invalid_json to %s instead of a JSON object', async (_, body) => {
    const { send, calls } = proxy();
    const response = await send(create, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await refusal(response, calls)).toMatchObject({
      status: 400,
      code: 'invalid_json',
      forwarded: 0,
    });
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/jsonp',
    '',
    'application/json-patch+json',
    'application/json-seq',
    'application/json5',
    'application/jsonx; charset=utf-8',
  ])('answers 400 invalid_json to a body sent as %j', async (contentType) => {
    const { send, calls } = proxy();
    const headers = contentType ? { 'content-type': contentType } : undefined;
    const response = await send(create, { method: 'POST', headers, body: '{"prompt":"A cat"}' });
    expect(await refusal(response, calls)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/application\/json/),
      forwarded: 0,
    });
  });

  it.each([
    'application/json; charset=utf-8',
    'Application/JSON',
    'application/json ; charset=UTF-8',
  ])('accepts %s (the media type exactly, any case, with parameters)', async (contentType) => {
    const { send, calls } = proxy();
    const response = await send(create, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: '{"prompt":"Eine Katze läuft"}',
    });
    expect(response.status).toBe(200);
    expect(calls[0]?.body).toBe('{"prompt":"Eine Katze läuft"}');
  });

  it('does not forward (or read) the body of a DELETE', async () => {
    const { handler, calls } = proxy();
    const request = new Request('http://app.test/api/lemonvideo/v1/tasks/video_1', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: '{"force":true}',
    });
    expect((await handler(request)).status).toBe(200);
    expect(calls[0]).toMatchObject({ method: 'DELETE', body: null });
    expect(calls[0]?.headers.has('content-type')).toBe(false);
    expect(request.bodyUsed).toBe(false);
  });
});
