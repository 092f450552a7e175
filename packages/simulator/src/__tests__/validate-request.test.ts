import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { call } from './spec-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const create = (body: unknown) => call(sim.url, 'POST', '/v1/videos/generations', { body });
const urls = (count: number, extension = 'png') =>
  Array.from({ length: count }, (_, i) => `https://example.com/${i}.${extension}`);

describe('create body validation against the spec', () => {
  it('names the field and the rule of a range violation', async () => {
    const { status, body } = await create({ prompt: 'a cat', fps: 121 });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        message: 'fps: must be <= 120',
        type: 'invalid_request_error',
        code: 'invalid_request_error',
        param: 'fps',
      },
      validation_errors: [{ field: 'fps', message: 'must be <= 120', code: 'maximum' }],
    });
  });

  it('lists every violation at once', async () => {
    const { body } = await create({
      prompt: 'x',
      image_url: 'not a url',
      cfg_scale: 21,
      image_urls: ['https://example.com/a.png', 'nope'],
    });
    expect(body.validation_errors.map((issue: { field: string }) => issue.field)).toEqual([
      'image_url',
      'cfg_scale',
      'image_urls[1]',
    ]);
    expect(body.error.message).toContain('image_url: must match format "uri"');
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    const broken = await create('{"prompt": ');
    expect(broken.status).toBe(400);
    expect(broken.body.validation_errors[0]).toMatchObject({ field: 'body', code: 'invalid_json' });
    const array = await create(['prompt']);
    expect(array.status).toBe(400);
    expect(array.body.validation_errors[0]).toMatchObject({ field: 'body', code: 'type' });
  });

  it('answers 413 payload_too_large over 1 MiB', async () => {
    const { status, body } = await create({ prompt: 'x'.repeat(1024 * 1024) });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it('accepts fields the spec does not list', async () => {
    const { status } = await create({ prompt: 'a cat', output_audio: true, brand_new_field: 1 });
    expect(status).toBe(200);
  });

  it.each([
    [{ duration: 5, seconds: 10 }, 'seconds', 'must equal duration (5) when both are sent'],
    [
      { ratio: '9:16', aspect_ratio: '16:9' },
      'ratio',
      'must equal aspect_ratio ("16:9") when both are sent',
    ],
    [
      { output_audio: true, generate_audio: false },
      'generate_audio',
      'must equal output_audio (true) when both are sent',
    ],
    [
      { outputAudio: false, generate_audio: true },
      'generate_audio',
      'must equal outputAudio (false) when both are sent',
    ],
  ])('refuses an alias that disagrees with its field: %j', async (fields, field, message) => {
    const before = sim.stats().tasksCreated;
    const { status, body } = await create({ model: 'kling-video', prompt: 'x', ...fields });
    expect(status).toBe(400);
    expect(body.error.param).toBe(field);
    expect(body.validation_errors).toEqual([{ field, message, code: 'alias_conflict' }]);
    expect(sim.stats().tasksCreated).toBe(before);
  });

  it('reads an alias as its field when they agree, or when only the alias is sent', async () => {
    const agree = await create({ model: 'kling-video', prompt: 'x', duration: 10, seconds: 10 });
    expect(agree.status).toBe(200);
    const alone = await create({ model: 'kling-video', prompt: 'x', seconds: 10, ratio: '1:1' });
    expect(alone.status).toBe(200);
    const task = sim.tasks().find((candidate) => candidate.id === alone.body.id);
    expect(task?.request).toMatchObject({ duration: 10, aspect_ratio: '1:1' });
    const refused = await create({ model: 'kling-video', prompt: 'x', seconds: 7 });
    expect(refused.body.error.param).toBe('duration');
  });
});

describe('model rules', () => {
  it('answers 404 model_not_found with the closest id and a suggestion', async () => {
    const { status, body } = await create({ model: 'veo31', prompt: 'a cat' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: 'model_not_found',
      param: 'model',
      did_you_mean: 'veo3.1',
      suggestions: [{ id: 'veo3.1' }],
    });
  });

  it('refuses a retired model, naming its replacement', async () => {
    const { status, body } = await create({ model: 'veo3.1-pro', prompt: 'a cat' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'model_not_found', did_you_mean: 'veo3.1' });
    expect(body.error.message).toContain('retired');
  });

  it('still accepts a deprecated model', async () => {
    expect((await create({ model: 'seedance-1.0-pro', prompt: 'a cat' })).status).toBe(200);
  });

  it('requires a prompt where the model does, and not where it does not', async () => {
    for (const body of [{ model: 'kling-video' }, { model: 'veo3.1', prompt: '  ' }, {}]) {
      const refused = await create(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.param).toBe('prompt');
      expect(refused.body.validation_errors[0]).toMatchObject({ field: 'prompt' });
    }
    const audioOnly = await create({
      model: 'seedance-2.5',
      operation: 'reference-to-video',
      audio_urls: ['https://example.com/voice.mp3'],
    });
    expect(audioOnly.status).toBe(200);
  });

  it("refuses a duration outside the model's, with the allowed ones as strings", async () => {
    const { status, body } = await create({ model: 'kling-video', prompt: 'x', duration: 7 });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      param: 'duration',
      model: 'kling-video',
      message: 'duration: kling-video offers 5, 10 seconds for text-to-video (got 7)',
      allowed_durations: ['5', '10'],
      supported_operations: ['text-to-video', 'image-to-video'],
    });
    expect((await create({ model: 'veo3.1', prompt: 'x', duration: 6 })).status).toBe(200);
    expect((await create({ model: 'seedance-2.0', prompt: 'x', duration: -1 })).status).toBe(200);
    const auto = await create({ model: 'kling-video', prompt: 'x', duration: -1 });
    expect(auto.body.error.param).toBe('duration');
  });

  it("refuses a resolution and an aspect ratio outside the model's, both at once", async () => {
    const { body } = await create({
      model: 'veo3.1',
      prompt: 'x',
      resolution: '480p',
      aspect_ratio: '1:1',
    });
    expect(body.validation_errors.map((issue: { field: string }) => issue.field)).toEqual([
      'resolution',
      'aspect_ratio',
    ]);
    expect(body.error).toMatchObject({
      allowed_resolutions: ['720p', '1080p'],
      allowed_aspect_ratios: ['16:9', '9:16'],
    });
    const fast = await create({ model: 'seedance-2.0-fast', prompt: 'x', resolution: '1080p' });
    expect(fast.body.error.allowed_resolutions).toEqual(['480p', '720p']);
  });

  it('refuses an operation the model does not offer, listing those it does', async () => {
    const { status, body } = await create({
      model: 'kling-video',
      prompt: 'x',
      operation: 'video-to-video',
      video_url: 'https://example.com/a.mp4',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      param: 'operation',
      supported_operations: ['text-to-video', 'image-to-video'],
    });
  });

  it('requires the inputs of the operation', async () => {
    const without = await create({ model: 'wan2.6-i2v', prompt: 'walk' });
    expect(without.status).toBe(400);
    expect(without.body.error.param).toBe('image_url');
    for (const image of [
      { image_url: 'https://example.com/a.jpg' },
      { start_image: 'https://example.com/a.jpg' },
      { image: 'data:image/png;base64,iVBORw0KGgo=' },
    ]) {
      const withImage = await create({ model: 'wan2.6-i2v', prompt: 'walk', ...image });
      expect(withImage.status, JSON.stringify(image)).toBe(200);
    }
    const motion = await create({
      model: 'kling-3.0-motion-control',
      prompt: 'dance',
      image_url: 'https://example.com/a.jpg',
    });
    expect(motion.body.error.param).toBe('video_url');
  });

  it('takes as many inputs as the model does', async () => {
    const seedance25 = { model: 'seedance-2.5', prompt: 'x', operation: 'reference-to-video' };
    expect((await create({ ...seedance25, image_urls: urls(30) })).status).toBe(200);
    expect((await create({ ...seedance25, video_urls: urls(10, 'mp4') })).status).toBe(200);
    const nine = await create({ ...seedance25, model: 'seedance-2.0', image_urls: urls(10) });
    expect(nine.status).toBe(400);
    expect(nine.body.error.param).toBe('image_urls');
    const grok = await create({
      model: 'grok-imagine-video',
      prompt: 'x',
      operation: 'reference-to-video',
      reference_images: urls(8),
    });
    expect(grok.body.error.message).toContain('at most 7 images');
  });

  it('refuses what a model does not take', async () => {
    const refusals: [Record<string, unknown>, string][] = [
      [{ model: 'seedance-2.5', seed: 7 }, 'seed'],
      [{ model: 'seedance-2.0', service_tier: 'flex' }, 'service_tier'],
      [{ model: 'seedance-2.0', frames: 48 }, 'frames'],
      [{ model: 'seedance-2.0', camera_fixed: true }, 'camera_fixed'],
      [{ model: 'seedance-2.0', output_format: 'mov' }, 'output_format'],
      [{ model: 'kling-video', draft: true }, 'draft'],
      [
        {
          model: 'kling-video',
          kling_elements: [{ name: 'cat', element_input_urls: urls(2) }],
        },
        'kling_elements',
      ],
      [
        {
          model: 'kling-3.0-video',
          output_audio: true,
          image_url: 'https://example.com/a.png',
          kling_elements: [{ name: 'cat', element_input_urls: urls(2) }],
        },
        'output_audio',
      ],
      [
        {
          model: 'grok-imagine-video',
          operation: 'video-to-video',
          video_url: 'https://example.com/a.mp4',
          duration: 6,
        },
        'duration',
      ],
    ];
    for (const [fields, param] of refusals) {
      const { status, body } = await create({ prompt: 'x', ...fields });
      expect(status, JSON.stringify(fields)).toBe(400);
      expect(body.error.param, JSON.stringify(fields)).toBe(param);
    }
    const accepted: Record<string, unknown>[] = [
      { model: 'veo3.1', operation: 'text-to-video', output_audio: true, service_tier: 'flex' },
      { model: 'seedance-2.5', output_format: 'mov' },
      { model: 'seedance-1.5-pro', draft: true },
      {
        model: 'kling-3.0-video',
        image_url: 'https://example.com/a.png',
        kling_elements: [{ name: 'cat', element_input_urls: urls(2) }],
      },
    ];
    for (const fields of accepted) {
      expect((await create({ prompt: 'x', ...fields })).status, JSON.stringify(fields)).toBe(200);
    }
  });
});
