import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spec } from '../generated/spec';
import { type Simulator, startSimulator } from '../index';
import { call } from './spec-client';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const create = (body: unknown) => call(sim.url, 'POST', '/v1/videos/generations', { body });

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

  it('requires a prompt with a non-space character, in the words of the spec', async () => {
    const missing = await create({ model: 'kling-video' });
    expect(missing.status).toBe(400);
    expect(missing.body.validation_errors).toEqual([
      { field: 'prompt', message: "must have required property 'prompt'", code: 'required' },
    ]);
    const blank = await create({ prompt: '   ' });
    expect(blank.body.error.param).toBe('prompt');
    expect(blank.body.validation_errors[0]).toEqual({
      field: 'prompt',
      message: spec.components.schemas.CreateVideoRequest.properties.prompt['x-pattern-message'],
      code: 'pattern',
    });
  });

  it('lists every violation at once', async () => {
    const { body } = await create({
      prompt: 'x',
      image_url: 'not a url',
      cfg_scale: 21,
      reference_images: ['https://example.com/a.png', 'nope'],
    });
    expect(body.validation_errors.map((issue: { field: string }) => issue.field)).toEqual([
      'image_url',
      'cfg_scale',
      'reference_images[1]',
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
});

describe('model rules', () => {
  it('answers 404 model_not_found with the closest id', async () => {
    const { status, body } = await create({ model: 'veo31', prompt: 'a cat' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: 'model_not_found',
      param: 'model',
      did_you_mean: 'veo3.1',
    });
  });

  it("refuses a duration outside the model's, naming the allowed values", async () => {
    const { status, body } = await create({ model: 'kling-video', prompt: 'x', duration: 7 });
    expect(status).toBe(400);
    expect(body.error.param).toBe('duration');
    expect(body.error.message).toBe('duration: must be one of 5, 10 for kling-video');
    const veo = await create({ model: 'veo3.1', prompt: 'x', duration: 6 });
    expect(veo.status).toBe(200);
  });

  it("refuses a resolution or aspect ratio outside the model's", async () => {
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
  });

  it('requires an image for an image-to-video-only model', async () => {
    const without = await create({ model: 'wan2.6-i2v', prompt: 'walk' });
    expect(without.status).toBe(400);
    expect(without.body.error.param).toBe('image_url');
    for (const image of [
      { image_url: 'https://example.com/a.jpg' },
      { start_image: 'https://example.com/a.jpg' },
    ]) {
      const withImage = await create({ model: 'wan2.6-i2v', prompt: 'walk', ...image });
      expect(withImage.status).toBe(200);
    }
  });
});
