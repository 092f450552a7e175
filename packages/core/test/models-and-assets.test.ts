import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  LemonVideo,
  type LemonVideoOptions,
  NotFoundError,
  PermissionDeniedError,
  queuedTask,
  RequestValidationError,
  step,
} from '../src/index';

let simulator: Simulator;

beforeAll(async () => {
  // Any `sk-` key: each key owns its tasks and assets.
  simulator = await startSimulator({ speed: 200, rateLimit: false, assetProcessingMs: 10_000 });
});
afterAll(() => simulator.close());

/** A client on the simulator, and what it sent, as `METHOD /path`. */
function connect(options: LemonVideoOptions = {}) {
  const sent: string[] = [];
  const client = new LemonVideo({
    apiKey: 'sk-models-and-assets',
    baseURL: simulator.url,
    poll: { strategy: 'fixed', interval: 50 },
    fetch: (input, init) => {
      const request = input as Request;
      sent.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`);
      return globalThis.fetch(input, init);
    },
    ...options,
  });
  const creates = () => sent.filter((line) => line.startsWith('POST /v1/videos/generations'));
  return { client, sent, creates };
}

const refusal = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

describe("a model's details, over real HTTP", () => {
  it('reads what a model offers, per operation too, and its lifecycle and prices', async () => {
    const { client } = connect();
    const seedance = await client.models.retrieve('seedance-2.0-fast');
    expect(seedance).toMatchObject({
      id: 'seedance-2.0-fast',
      category: 'video',
      operations: expect.arrayContaining(['text-to-video', 'reference-to-video']),
      resolutions: ['480p', '720p'],
      lifecycle: { stage: 'active', replacement: null },
      pricing: { currency: 'USD', unit: 'per_second' },
      detailed: true,
    });
    expect(seedance.durations).toContain(-1);
    expect(seedance.byOperation['text-to-video']?.resolutions).toEqual(['480p', '720p']);
    const old = await client.models.retrieve('seedance-1.0-pro');
    expect(old.lifecycle).toMatchObject({ stage: 'deprecated', replacement: 'seedance-1.5-pro' });
    expect(await client.models.pricing('veo3.1')).toMatchObject({
      model: 'veo3.1',
      pricing_summary: { currency: 'USD' },
    });
  });

  it('lists both views the same way, without per-model details', async () => {
    const { client } = connect();
    const full = await client.models.list({ provider: 'google' });
    const compact = await client.models.list({ provider: 'google', view: 'compact' });
    expect(full.map((model) => model.id)).toEqual(compact.map((model) => model.id));
    expect(full.map((model) => model.id)).toContain('veo3.1');
    for (const model of [...full, ...compact]) {
      expect(model).toMatchObject({ detailed: false, durations: [], category: 'video' });
      expect(model.operations.length).toBeGreaterThan(0);
      expect(model.lifecycle?.stage).toBe('active');
    }
  });

  it('needs no key, and sends no Authorization header without one', async () => {
    vi.stubEnv('LEMONDATA_API_KEY', '');
    const headers: (string | null)[] = [];
    try {
      const client = new LemonVideo({
        baseURL: simulator.url,
        fetch: (input, init) => {
          headers.push((input as Request).headers.get('authorization'));
          return globalThis.fetch(input, init);
        },
      });
      expect((await client.models.list()).length).toBeGreaterThan(5);
      expect((await client.models.retrieve('veo3.1')).durations).toEqual([4, 5, 6, 8]);
      expect((await client.models.pricing('veo3.1')).model).toBe('veo3.1');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(headers).toEqual([null, null, null]);
  });
});

describe('model checks before a create', () => {
  it('refuses a duration the model does not offer, listing what it does, with no create sent', async () => {
    const { client, creates } = connect();
    const error = await refusal(
      client.videos.create({ model: 'veo3.1', prompt: 'x', duration: 7 }),
    );
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).issues).toEqual([
      { field: 'duration', message: 'must be one of 4, 5, 6, 8 for veo3.1 (got 7)' },
    ]);
    expect(creates()).toEqual([]);
  });

  it('names each field and operation the model does not offer, the same as the API hints', async () => {
    const { client, creates } = connect();
    const error = await refusal(
      client.videos.generate({
        model: 'kling-video',
        prompt: 'x',
        operation: 'video-to-video',
        resolution: '4k',
        aspect_ratio: '21:9',
      }),
    );
    expect((error as RequestValidationError).issues).toEqual([
      {
        field: 'operation',
        message:
          'must be one of text-to-video, image-to-video for kling-video (got "video-to-video")',
      },
      {
        field: 'resolution',
        message: 'must be one of 720p, 1080p for kling-video video-to-video (got "4k")',
      },
      {
        field: 'aspect_ratio',
        message: 'must be one of 16:9, 9:16, 1:1 for kling-video video-to-video (got "21:9")',
      },
    ]);
    expect(creates()).toEqual([]);
    // The API's own 400 gives the same allowed values as hints.
    const api = await refusal(
      connect({ checkModels: false }).client.videos.create({
        model: 'kling-video',
        prompt: 'x',
        resolution: '4k',
      }),
    );
    expect(api).toBeInstanceOf(BadRequestError);
    expect(api).toMatchObject({
      allowedResolutions: ['720p', '1080p'],
      issues: [{ field: 'resolution' }],
    });
  });

  it('fetches a model once per client, and checks each create of it', async () => {
    const { client, sent } = connect();
    await client.videos.create({ model: 'kling-video', prompt: 'x', duration: 5 });
    await client.videos.create({ model: 'kling-video', prompt: 'y', duration: 10 });
    await expect(
      client.videos.create({ model: 'kling-video', prompt: 'z', duration: 6 }),
    ).rejects.toBeInstanceOf(RequestValidationError);
    expect(sent.filter((line) => line.startsWith('GET /v1/models'))).toEqual([
      'GET /v1/models/kling-video',
    ]);
    expect(sent.filter((line) => line.startsWith('POST'))).toHaveLength(2);
  });

  it('reads a model once for creates sent at the same time (a batch, a worker)', async () => {
    const { client, sent } = connect();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((prompt) => client.videos.create({ model: 'veo3.1', prompt })),
    );
    expect(sent.filter((line) => line.startsWith('GET /v1/models'))).toEqual([
      'GET /v1/models/veo3.1',
    ]);
    expect(sent.filter((line) => line.startsWith('POST'))).toHaveLength(4);
  });

  it('refuses a retired model, naming its replacement; an unknown one with the API did_you_mean', async () => {
    const { client, creates } = connect();
    const retired = await refusal(client.videos.create({ model: 'veo3.1-pro', prompt: 'x' }));
    expect(retired).toBeInstanceOf(RequestValidationError);
    expect((retired as Error).message).toBe('model: veo3.1-pro is retired; use veo3.1');
    const unknown = await refusal(client.videos.create({ model: 'kling-vidoe', prompt: 'x' }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown).toMatchObject({
      code: 'model_not_found',
      didYouMean: 'kling-video',
      suggestions: [{ id: 'kling-video' }],
      mayHaveCreatedTask: false,
    });
    expect(creates()).toEqual([]);
  });

  it('warns once per model about a deprecated one, naming its replacement', async () => {
    const warnings: string[] = [];
    const { client, creates } = connect({ onWarning: (message) => warnings.push(message) });
    await client.videos.create({ model: 'seedance-1.0-pro', prompt: 'x' });
    await client.videos.create({ model: 'seedance-1.0-pro', prompt: 'y' });
    expect(warnings).toEqual([
      'The model seedance-1.0-pro is deprecated: use seedance-1.5-pro (it stops working 2027-01-15).',
    ]);
    expect(creates()).toHaveLength(2);
  });

  it('warns with console.warn by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await connect().client.videos.create({ model: 'seedance-1.0-pro', prompt: 'x' });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('use seedance-1.5-pro'));
    } finally {
      warn.mockRestore();
    }
  });

  it('lets the create go when the details cannot be fetched (a 5xx): the API judges it', async () => {
    simulator.inject({ kind: 'status', status: 503, route: 'models' });
    const { client, sent } = connect({ maxRetries: 0 });
    const task = await client.videos.create({ model: 'veo3.1', prompt: 'x', duration: 8 });
    expect(task.model).toBe('veo3.1');
    expect(sent).toEqual(['GET /v1/models/veo3.1', 'POST /v1/videos/generations']);
  });

  it('sends no details request with checkModels: false, nor for a create without a model', async () => {
    const off = connect({ checkModels: false });
    await off.client.videos.create({ model: 'veo3.1', prompt: 'x' });
    const on = connect();
    await on.client.videos.create({ prompt: 'x' });
    expect([...off.sent, ...on.sent]).toEqual([
      'POST /v1/videos/generations',
      'POST /v1/videos/generations',
    ]);
  });

  it("checks the step machine's creates too: failed, nothing sent", async () => {
    const { client, creates } = connect({ maxRetries: 0 });
    const result = await step(queuedTask({ model: 'veo3.1', prompt: 'x', duration: 7 }), {
      client,
    });
    expect(result.state).toMatchObject({
      phase: 'failed',
      error: { name: 'RequestValidationError' },
    });
    expect(creates()).toEqual([]);
  });
});

describe('errors of the contract', () => {
  it("ends a wait at once on 403 task_not_owned (another key's task)", async () => {
    const owner = connect().client;
    const task = await owner.videos.create({ model: 'kling-video', prompt: 'x' });
    const { client, sent } = connect({ apiKey: 'sk-someone-else' });
    const error = await refusal(client.tasks.wait(task.id));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'task_not_owned', kind: 'auth' });
    expect(sent).toEqual([`GET /v1/tasks/${task.id}`]);
  });
});

describe('material assets', () => {
  it('uploads, lists, renames and deletes an asset and a group', async () => {
    const { client } = connect();
    const group = await client.assets.createGroup({ group_name: 'Shots' });
    expect(group).toMatchObject({ object: 'seedance.material_asset_group', status: 'ACTIVE' });
    const asset = await client.assets.create({
      asset_url: 'https://example.com/front.png',
      group_id: group.id,
    });
    expect(asset).toMatchObject({ status: 'PROCESSING', ready: false, group_id: group.id });
    expect((await client.assets.list({ group_id: group.id })).assets.map((a) => a.id)).toEqual([
      asset.id,
    ]);
    expect(await client.assets.retrieve(asset.id)).toMatchObject({ id: asset.id });
    const [active] = await client.assets.waitUntilActive(asset.id, { interval: 20 });
    expect(active).toMatchObject({ id: asset.id, status: 'ACTIVE', ready: true });
    expect(await client.assets.update(asset.id, { asset_name: 'Front' })).toMatchObject({
      asset_name: 'Front',
    });
    expect((await client.assets.listGroups()).groups.map((g) => g.id)).toContain(group.id);
    expect(await client.assets.retrieveGroup(group.id)).toMatchObject({ group_name: 'Shots' });
    expect(await client.assets.updateGroup(group.id, { group_name: 'Kept' })).toMatchObject({
      group_name: 'Kept',
    });
    expect(await client.assets.delete(asset.id)).toEqual({ deleted: true, id: asset.id });
    expect(await client.assets.deleteGroup(group.id)).toMatchObject({ deleted: true });
    expect(await client.assets.retrieve(asset.id)).toMatchObject({
      status: 'DELETED',
      ready: false,
    });
  });

  it('a 409 seedance_material_preparing is a certain refusal: wait for the assets, then create again', async () => {
    const { client, creates } = connect();
    const asset = await client.assets.create({ asset_url: 'https://example.com/ref.png' });
    const params = { model: 'seedance-2.0', prompt: 'x', material_asset_ids: [asset.id] };
    const error = await refusal(client.videos.create(params));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'seedance_material_preparing',
      mayHaveCreatedTask: false,
      inactiveAssetIds: [asset.id],
      kind: 'transient',
    });
    await client.assets.waitUntilActive((error as ConflictError).inactiveAssetIds ?? [], {
      interval: 20,
    });
    const task = await client.videos.create(params);
    expect(task.model).toBe('seedance-2.0');
    expect(creates()).toHaveLength(2);
  });

  it('the step machine puts a create refused for its preparing assets back in the queue', async () => {
    const { client } = connect({ maxRetries: 0 });
    const asset = await client.assets.create({ asset_url: 'https://example.com/ref2.png' });
    const state = queuedTask({ model: 'seedance-2.0', prompt: 'x', material_asset_id: asset.id });
    const first = await step(state, { client });
    expect(first.state).toMatchObject({
      phase: 'queued',
      failures: 1,
      error: { code: 'seedance_material_preparing' },
    });
    await client.assets.waitUntilActive(asset.id, { interval: 20 });
    const second = await step(first.state, { client });
    expect(second.state).toMatchObject({ phase: 'running', creates: 2 });
  });

  it('rejects naming an asset that failed, and gives up after its timeout', async () => {
    const { client } = connect();
    const group = await client.assets.createGroup({ group_name: 'Timed' });
    const slow = await client.assets.create({
      asset_url: 'https://example.com/slow.png',
      group_id: group.id,
    });
    const broken = await client.assets.create({
      asset_url: 'https://example.com/broken.png?simulate=fail',
    });
    const failed = await refusal(
      client.assets.waitUntilActive([slow.id, broken.id], { interval: 10 }),
    );
    expect(failed).toMatchObject({ name: 'LemonVideoError' });
    expect((failed as Error).message).toMatch(
      new RegExp(
        `^The material asset ${broken.id} is FAILED: .+\\. Upload the file again as a new asset\\.$`,
      ),
    );
    const error = await refusal(
      client.assets.waitUntilActive([slow.id], { interval: 10, timeout: 1 }),
    );
    expect(error).toMatchObject({ name: 'ConnectionError', timeout: true });
    expect((error as Error).message).toBe(
      `The material assets ${slow.id} were not all ACTIVE after 1 ms.`,
    );
  });
});
