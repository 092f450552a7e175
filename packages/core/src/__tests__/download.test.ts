import { describe, expect, it } from 'vitest';
import { LemonVideo } from '../client';
import { ConnectionError, DownloadError, RequestValidationError } from '../errors';
import { sendThenStall, video, videoServer } from './video-server';

const client = new LemonVideo({ apiKey: 'sk-test' });

/** The whole download as bytes, or what it rejected with. */
async function read(
  url: string,
  options: Parameters<LemonVideo['videos']['download']>[1] = {},
): Promise<Uint8Array | unknown> {
  try {
    const download = await client.videos.download(url, options);
    return new Uint8Array(await new Response(download.stream).arrayBuffer());
  } catch (error) {
    return error;
  }
}

describe('videos.download: a server that stalls', () => {
  it('gives up on 1,000 of a declared 300,000 bytes and then silence, after idleTimeout', async () => {
    const { url } = await videoServer(
      sendThenStall(1_000, { 'content-type': 'video/mp4', 'content-length': '300000' }),
    );
    const error = await read(url, { idleTimeout: 500 });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true, mayHaveCreatedTask: false });
    expect((error as Error).message).toBe(
      `The download from ${new URL(url).host} stalled: no data for 500 ms (1000 of 300000 bytes received).`,
    );
  });

  it('gives up on a server that never sends its headers, after idleTimeout', async () => {
    const { url } = await videoServer(() => undefined);
    const error = await read(url, { idleTimeout: 200 });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true });
    expect((error as Error).message).toMatch(/stalled: no data for 200 ms \(0 of \? bytes/);
  });

  it('gives up on a trickle that never stalls when the total timeout passes', async () => {
    const { url } = await videoServer((_, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '300000' });
      const drip = setInterval(() => res.write(Buffer.alloc(1)), 20);
      res.on('close', () => clearInterval(drip));
    });
    const error = await read(url, { timeout: 300 });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true });
    expect((error as Error).message).toMatch(/timed out after 300 ms \(\d+ of 300000 bytes/);
  });
});

describe('videos.download: a body cut off or not a video', () => {
  it('turns 100 KB of a declared 300 KB, then a dropped connection, into a ConnectionError', async () => {
    const { url } = await videoServer((_, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '300000' });
      res.write(Buffer.alloc(100_000), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    const error = await read(url);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: false });
    expect((error as Error).message).toBe(
      `The download from ${new URL(url).host} broke off (100000 of 300000 bytes received).`,
    );
  });

  it.each([
    ['text/html', '<html>Not found</html>'],
    ['text/html; charset=utf-8', '<!doctype html><title>Sign in</title>'],
    ['application/json', '{"error":"expired"}'],
    ['application/problem+json', '{"title":"expired"}'],
    ['text/plain', 'Access denied'],
    ['application/xml', '<Error><Code>AccessDenied</Code></Error>'],
  ])('refuses a 200 %s page with DownloadError not_a_video', async (type, body) => {
    const { url } = await videoServer((_, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    const error = await read(url);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'not_a_video' });
    expect((error as Error).message).toContain(`sent ${type}, not a video`);
  });

  it.each([
    ['video/mp4'],
    ['video/webm'],
    ['application/octet-stream'],
    ['binary/octet-stream'],
    [undefined],
  ])('accepts a video sent as %s', async (type) => {
    const { url } = await videoServer(video(5_000, type ? { 'content-type': type } : {}));
    expect(await read(url)).toHaveLength(5_000);
  });
});

describe('videos.download: maxBytes', () => {
  it('refuses a video whose declared size is over maxBytes before reading it', async () => {
    const { url } = await videoServer(video(10_000));
    const error = await read(url, { maxBytes: 9_999 });
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'too_large' });
    expect((error as Error).message).toContain('over maxBytes (9999 bytes)');
    expect(await read(url, { maxBytes: 10_000 })).toHaveLength(10_000);
  });

  it('stops a body without a declared size as soon as it passes maxBytes', async () => {
    const { url } = await videoServer((_, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      const flood = setInterval(() => res.write(Buffer.alloc(16_384)), 5);
      res.on('close', () => clearInterval(flood));
    });
    const error = await read(url, { maxBytes: 100_000 });
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'too_large' });
  });
});

describe('videos.download: options and abort', () => {
  it('rejects with the abort reason of the caller’s signal, mid-body', async () => {
    const { url } = await videoServer(
      sendThenStall(1_000, { 'content-type': 'video/mp4', 'content-length': '300000' }),
    );
    const controller = new AbortController();
    const reason = new Error('Interrupted');
    const progress: number[] = [];
    const pending = read(url, {
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        progress.push(loaded);
        controller.abort(reason);
      },
    });
    expect(await pending).toBe(reason);
    expect(progress).toHaveLength(1);
  });

  it('rejects with the abort reason when aborted before the answer', async () => {
    const { url } = await videoServer(() => undefined);
    const controller = new AbortController();
    const reason = new Error('Interrupted');
    setTimeout(() => controller.abort(reason), 50);
    expect(await read(url, { signal: controller.signal })).toBe(reason);
  });

  it.each([
    ['idleTimeout', { idleTimeout: 0 }],
    ['idleTimeout', { idleTimeout: Number.NaN }],
    ['timeout', { timeout: -1 }],
    ['maxBytes', { maxBytes: 0 }],
    ['maxBytes', { maxBytes: '1MB' as unknown as number }],
  ])('refuses a bad %s, naming it, without a request', async (path, options) => {
    const { url, requests } = await videoServer(video(10));
    const error = await read(url, options);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([
      {
        field: path,
        message: expect.stringMatching(/^must be a number above 0, or Infinity for none \(got /),
      },
    ]);
    expect(requests()).toBe(0);
  });
});
