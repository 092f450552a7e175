import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator, videoModels } from '../index';
import { call } from './spec-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const get = (path: string) => call(sim.url, 'GET', path, { key: null });
const ids = (body: { data: { id: string }[] }) => body.data.map((model) => model.id);
const listed = videoModels.filter((model) => model.lifecycle.stage !== 'retired');

describe('the catalogue', () => {
  it('carries a model of every provider family the vendor names', () => {
    const providers = new Set(videoModels.map((model) => model.ownedBy));
    for (const family of [
      'openai',
      'kling',
      'google',
      'bytedance',
      'minimax',
      'alibaba',
      'runway',
      'luma',
      'vidu',
      'xai',
      'higgsfield',
    ]) {
      expect(providers, family).toContain(family);
    }
    for (const id of ['kling-video', 'veo3.1', 'wan2.6-i2v', 'minimax/video-01']) {
      expect(videoModels.map((model) => model.id)).toContain(id);
    }
  });

  it('lists every model but the retired ones in the full view, marked as simulated', async () => {
    const { status, body } = await get('/v1/models');
    expect(status).toBe(200);
    expect(body.object).toBe('list');
    expect(body).not.toHaveProperty('view');
    expect(ids(body)).toEqual(listed.map((model) => model.id));
    expect(ids(body)).not.toContain('veo3.1-pro');
    const veo = body.data.find((model: { id: string }) => model.id === 'veo3.1');
    expect(veo).toMatchObject({
      object: 'model',
      owned_by: 'google (simulated)',
      tokenlab: {
        category: 'video',
        capabilities: ['text-to-video', 'image-to-video', 'reference-to-video'],
        pricing_unit: 'per_second',
        lifecycle: { stage: 'active', replacement_model: null, latest: true },
        commercial: { user_charge_policy: 'paid' },
        badges: [{ key: 'latest', tone: 'blue' }],
        request_format_summary: {
          public_operations: ['text-to-video', 'image-to-video', 'reference-to-video'],
          request_endpoint: '/v1/videos/generations',
        },
      },
    });
    // The list has no per-model request details, as the vendor's does not.
    expect(veo.tokenlab.request_format_summary).not.toHaveProperty('durations');
    expect(veo.tokenlab).not.toHaveProperty('supported_operations');
    const deprecated = body.data.find((model: { id: string }) => model.id === 'seedance-1.0-pro');
    expect(deprecated.tokenlab.lifecycle).toMatchObject({
      stage: 'deprecated',
      replacement_model: 'seedance-1.5-pro',
    });
    expect(deprecated.tokenlab.badges.map((badge: { key: string }) => badge.key)).toEqual([
      'deprecated',
    ]);
  });

  it('answers the compact view with its own shape', async () => {
    const { body } = await get('/v1/models?view=compact&category=video');
    expect(body).toMatchObject({ object: 'list', view: 'compact', count: listed.length });
    expect(body.data).toHaveLength(listed.length);
    const seedance = body.data.find((model: { id: string }) => model.id === 'seedance-2.0');
    expect(seedance).toMatchObject({
      id: 'seedance-2.0',
      provider: 'bytedance',
      category: 'video',
      status: 'active',
      latest: true,
      max_input_tokens: null,
      pricing: { unit: 'per_second', currency: 'USD', has_complex_pricing: false },
      request_endpoint: '/v1/videos/generations',
    });
    expect(seedance.pricing.min_price).toMatch(/^\d+\.\d\d$/);
    expect(seedance.supported_operations).toContain('video-extension');
  });

  it('filters by category, provider, tag and recommended_for', async () => {
    expect(ids((await get('/v1/models?category=video')).body)).toHaveLength(listed.length);
    expect((await get('/v1/models?category=image')).body.data).toEqual([]);
    expect((await get('/v1/models?view=compact&category=image')).body).toMatchObject({
      count: 0,
      data: [],
    });
    expect(ids((await get('/v1/models?provider=google')).body)).toEqual(['veo3.1', 'veo3.1-fast']);
    expect(ids((await get('/v1/models?tag=motion-control')).body)).toEqual([
      'kling-3.0-motion-control',
    ]);
    const recommended = (await get('/v1/models?recommended_for=video')).body;
    expect(recommended.data).toHaveLength(listed.length);
    const rates = recommended.data.map(
      (model: { tokenlab: { agent_preferences: { video: { success_rate_24h: number } } } }) =>
        model.tokenlab.agent_preferences.video.success_rate_24h,
    );
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect((await get('/v1/models?recommended_for=music')).body.data).toEqual([]);
    const compact = (await get('/v1/models?recommended_for=video&view=compact')).body;
    expect(compact.data[0].recommendation).toMatchObject({ status: 'ready' });
  });

  it('answers 400 for a query value the spec does not allow', async () => {
    for (const query of ['category=films', 'view=tiny', 'recommended_for=chat']) {
      const { status, body } = await get(`/v1/models?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.param).toBe(query.split('=')[0]);
    }
  });

  it('gives one model with its request details as strings, whose id may hold a slash', async () => {
    const encoded = await get('/v1/models/minimax%2Fvideo-01');
    const raw = await get('/v1/models/minimax/video-01');
    expect(encoded.status).toBe(200);
    expect(encoded.body).toEqual(raw.body);
    const { body } = await get('/v1/models/seedance-2.0');
    const seedance = videoModels.find((model) => model.id === 'seedance-2.0');
    expect(body).toMatchObject({
      id: 'seedance-2.0',
      object: 'model',
      owned_by: 'bytedance (simulated)',
      tokenlab: {
        category: 'video',
        // The catalogue's own list, in its order (models.ts: the six operations of Seedance 2).
        supported_operations: seedance?.operations,
        accepted_request_formats: [],
        lifecycle: { stage: 'active' },
        pricing_summary: { currency: 'USD', unit: 'per_second' },
        request_format_summary: {
          durations: ['-1', ...Array.from({ length: 12 }, (_, i) => String(i + 4))],
          resolutions: ['480p', '720p', '1080p', '4k'],
          aspect_ratios: ['adaptive', '16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
        },
      },
    });
    const grok = (await get('/v1/models/grok-imagine-video')).body;
    const constraints = grok.tokenlab.request_format_summary.operation_constraints;
    expect(
      constraints.find((c: { operation: string }) => c.operation === 'reference-to-video'),
    ).toMatchObject({ allowed_durations: ['6', '10'] });
    expect(
      constraints.find((c: { operation: string }) => c.operation === 'video-to-video'),
    ).toMatchObject({ allowed_durations: [], allowed_resolutions: [], allowed_aspect_ratios: [] });
  });

  it('still describes a retired model, with its replacement', async () => {
    const { status, body } = await get('/v1/models/veo3.1-pro');
    expect(status).toBe(200);
    expect(body.tokenlab.lifecycle).toMatchObject({
      stage: 'retired',
      replacement_model: 'veo3.1',
    });
    expect(body.tokenlab.badges.map((badge: { key: string }) => badge.key)).toEqual(['retired']);
  });

  it("answers a model's pricing, by id with or without a slash", async () => {
    const { status, body } = await get('/v1/models/veo3.1/pricing');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      model: 'veo3.1',
      pricing_unit: 'per_second',
      supported_operations: ['text-to-video', 'image-to-video', 'reference-to-video'],
      pricing_summary: { currency: 'USD', per_second: '0.40' },
      pricing_details: { by_duration: { '8': '3.20' } },
    });
    const slash = await get('/v1/models/minimax%2Fvideo-01/pricing');
    expect(slash.body.model).toBe('minimax/video-01');
    expect((await get('/v1/models/minimax/video-01/pricing')).body).toEqual(slash.body);
  });

  it('answers 404 model_not_found with the closest id, on detail and pricing', async () => {
    for (const path of ['/v1/models/kling-vidoe', '/v1/models/kling-vidoe/pricing']) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(body.error).toMatchObject({
        code: 'model_not_found',
        param: 'model',
        did_you_mean: 'kling-video',
      });
    }
  });
});
