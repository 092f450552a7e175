import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { clipPath } from '../serve-video';
import { manualClock } from './manual-clock';
import { rawRequest } from './raw-request';
import { call, testKey } from './spec-client';

let sim: Simulator;
let clock: ReturnType<typeof manualClock>;
let clip: Buffer;

beforeEach(async () => {
  clock = manualClock();
  sim = await startSimulator({ now: clock.now });
  clip = await readFile(clipPath);
});
afterEach(() => sim.close());

async function completedTask(): Promise<{ id: string; videoUrl: string }> {
  const created = await call(sim.url, 'POST', '/v1/videos/generations', {
    body: { prompt: 'a cat' },
  });
  clock.advance(10 * 60 * 1000);
  const { body } = await call(sim.url, 'GET', created.body.poll_url);
  expect(body.status).toBe('completed');
  return { id: body.id, videoUrl: body.video_url };
}

describe('the result video', () => {
  it('is a small playable MP4 of the SIMULATOR clip', () => {
    expect(clip.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // faststart: the index (moov) comes before the media data, so playback starts at once.
    expect(clip.indexOf('moov')).toBeLessThan(clip.indexOf('mdat'));
    expect(clip.length).toBeLessThan(300 * 1024);
  });

  it('is served whole without auth, with the headers a browser needs', async () => {
    const { videoUrl } = await completedTask();
    const response = await fetch(videoUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(clip.length));
    expect(response.headers.get('x-lemonvideo-simulator')).toBe('1');
    expect(Buffer.from(await response.arrayBuffer()).equals(clip)).toBe(true);
  });

  it('answers Range requests with 206 and the right bytes', async () => {
    const { videoUrl } = await completedTask();
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, clip.length - 1],
      ['bytes=-500', clip.length - 500, clip.length - 1],
      [`bytes=10-${clip.length + 1000}`, 10, clip.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(videoUrl, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${clip.length}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(clip.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 to a range past the end, and HEAD without a body', async () => {
    const { videoUrl } = await completedTask();
    const past = await fetch(videoUrl, { headers: { range: `bytes=${clip.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${clip.length}`);
    const head = await rawRequest(videoUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers?.['content-length']).toBe(String(clip.length));
    expect(head.received.length).toBe(0);
  });

  it('builds video_url from the Host the client used', async () => {
    const created = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { prompt: 'a cat' },
    });
    clock.advance(10 * 60 * 1000);
    const outcome = await rawRequest(`${sim.url}${created.body.poll_url}`, {
      headers: { authorization: `Bearer ${testKey}`, host: `localhost:${sim.port}` },
    });
    const body = JSON.parse(String(outcome.received));
    expect(body.video_url).toBe(`http://localhost:${sim.port}/videos/${body.id}.mp4`);
  });

  it('is not there for an unfinished or unknown task', async () => {
    const created = await call(sim.url, 'POST', '/v1/videos/generations', {
      body: { prompt: 'a cat' },
    });
    expect((await fetch(`${sim.url}/videos/${created.body.id}.mp4`)).status).toBe(404);
    expect((await fetch(`${sim.url}/videos/ldtask_unknown.mp4`)).status).toBe(404);
  });
});

describe('faults on the result video (route video only)', () => {
  it('stall: the headers and the first 1,000 bytes, then nothing', async () => {
    const { videoUrl } = await completedTask();
    sim.inject({ kind: 'stall', route: 'video' });
    const response = await fetch(videoUrl);
    expect(response.headers.get('content-length')).toBe(String(clip.length));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    const silent = new Promise<'silent'>((resolve) => setTimeout(resolve, 300, 'silent'));
    for (;;) {
      const next = await Promise.race([reader.read(), silent]);
      if (next === 'silent' || next.done) break;
      received += next.value.length;
    }
    expect(received).toBe(1_000);
    await reader.cancel();
  });

  it('cut: half the body, then the connection drops', async () => {
    const { videoUrl } = await completedTask();
    sim.inject({ kind: 'cut', route: 'video' });
    const response = await fetch(videoUrl);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('html: a page instead of the video, with the status asked for', async () => {
    const { videoUrl } = await completedTask();
    sim.inject({ kind: 'html', route: 'video', status: 200 });
    const response = await fetch(videoUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a fault for any route never hits a video', async () => {
    const { videoUrl } = await completedTask();
    sim.inject({ kind: 'status', status: 500 });
    const response = await fetch(videoUrl);
    expect(Buffer.from(await response.arrayBuffer()).equals(clip)).toBe(true);
  });
});
