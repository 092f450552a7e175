/**
 * The small inputs that a user with a real key saw refused (or mishandled) before the spec
 * followed the vendor's published contract; each one verbatim, against the simulator.
 */
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreateVideoParams,
  LemonVideo,
  PermissionDeniedError,
  RequestValidationError,
} from '../src/index';

let simulator: Simulator;
/** Time 500 times faster, for a video to finish. */
let fast: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ rateLimit: false });
  fast = await startSimulator({ speed: 500, rateLimit: false });
});
afterAll(() => Promise.all([simulator.close(), fast.close()]));

const client = (apiKey = 'sk-vendor-inputs', baseURL = simulator.url) =>
  new LemonVideo({ apiKey, baseURL, poll: { strategy: 'fixed', interval: 50 } });

describe('inputs the vendor accepts, and the client refused', () => {
  it.each([
    '{"model":"seedance-1.5-pro","prompt":"x","aspect_ratio":"adaptive"}',
    '{"model":"seedance-1.5-pro","prompt":"x","duration":-1}',
    '{"model":"seedance-1.5-pro","prompt":"x","seed":-1}',
    '{"model":"veo3.1","prompt":"x","operation":"text-to-video","output_audio":true,"service_tier":"flex"}',
  ])('%s is created', async (json) => {
    const params = JSON.parse(json) as CreateVideoParams;
    const task = await client().videos.create(params);
    expect(task).toMatchObject({ status: 'pending', model: params.model });
  });

  it('an inline image as a data URL is created, and a clip is served', async () => {
    const params = JSON.parse(
      '{"model":"wan2.6-i2v","prompt":"walk","image":"data:image/png;base64,iVBORw0KGgo="}',
    ) as CreateVideoParams;
    const api = client('sk-vendor-inputs', fast.url);
    const task = await api.videos.generate(params);
    expect(task.status).toBe('completed');
    const download = await api.videos.download(task);
    const bytes = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('ftyp');
  });

  it('the new fields are typed and checked: a service tier the vendor does not have is refused', async () => {
    const error = await client()
      .videos.create(
        JSON.parse(
          '{"model":"veo3.1","prompt":"x","operation":"text-to-video","output_audio":true,"service_tier":"fast"}',
        ),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues[0]?.field).toBe('service_tier');
  });
});

describe('what the vendor does, and the simulator did not', () => {
  it('GET /v1/models answers without a key', async () => {
    const response = await fetch(`${simulator.url}/v1/models`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it('{"model":"seedance-2.0","prompt":"x"} then cancel: the task is cancelled', async () => {
    const api = client();
    const task = await api.videos.create(JSON.parse('{"model":"seedance-2.0","prompt":"x"}'));
    expect(await api.tasks.cancel(task.id)).toMatchObject({
      status: 'failed',
      cancelled: true,
      error: { message: 'Task cancelled before execution' },
    });
  });

  it('{"model":"kling-video","prompt":"x","duration":5,"seconds":10} is refused, by the client and the API', async () => {
    const json = '{"model":"kling-video","prompt":"x","duration":5,"seconds":10}';
    const before = simulator.stats().tasksCreated;
    const local = await client()
      .videos.create(JSON.parse(json))
      .catch((caught: unknown) => caught);
    expect(local).toBeInstanceOf(RequestValidationError);
    expect((local as RequestValidationError).issues).toEqual([
      { field: 'seconds', message: 'must equal duration (5) when both are sent (got 10)' },
    ]);
    const remote = await fetch(`${simulator.url}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-vendor-inputs', 'content-type': 'application/json' },
      body: json,
    });
    expect(remote.status).toBe(400);
    expect(simulator.stats().tasksCreated).toBe(before);
  });

  it("a poll of another key's task is 403 task_not_owned", async () => {
    const task = await client('sk-alice').videos.create({ model: 'kling-video', prompt: 'x' });
    const error = await client('sk-bob')
      .tasks.retrieve(task.id)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'task_not_owned' });
  });

  it("a model's durations, resolutions and aspect ratios come from its details, as strings", async () => {
    const listed = await client().models.list();
    expect(listed.find((model) => model.id === 'seedance-2.0')?.durations).toEqual([]);
    const details = await client().models.retrieve('seedance-2.0');
    expect(details.durations).toEqual([-1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(details.resolutions).toEqual(['480p', '720p', '1080p', '4k']);
    expect(details.aspectRatios).toContain('adaptive');
    const raw = details.raw as { tokenlab?: { request_format_summary?: { durations?: unknown } } };
    expect(raw.tokenlab?.request_format_summary?.durations).toContain('-1');
  });
});
