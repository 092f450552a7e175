import { describe, expect, it } from 'vitest';
import { createFieldRules } from '../create-field-rules';
import { RequestValidationError } from '../errors';
import { aspectRatios, serviceTiers, videoOperations } from '../generated/rules';
import { assertValidCreateParams, validationIssues } from '../validate-params';

const urls = (count: number) =>
  Array.from({ length: count }, (_, i) => `https://example.com/${i}.png`);

describe('create params validation (rules generated from the spec)', () => {
  it('accepts the vendor examples and unknown vendor fields', () => {
    expect(
      validationIssues({ model: 'kling-video', prompt: 'A cat walking', duration: 5 }),
    ).toEqual([]);
    expect(
      validationIssues({ prompt: 'x', output_audio: true, some_future_field: { a: 1 } }),
    ).toEqual([]);
  });

  it('counts characters as code points, as JSON Schema does', () => {
    expect(validationIssues({ safety_identifier: '🙂'.repeat(128) })).toEqual([]);
    expect(validationIssues({ safety_identifier: '🙂'.repeat(129) })).toEqual([
      { field: 'safety_identifier', message: 'must have at most 128 characters (got 129)' },
    ]);
  });

  it('requires no field: the server, not the schema, asks for a prompt or a model', () => {
    expect(validationIssues({})).toEqual([]);
    expect(validationIssues({ prompt: '' })).toEqual([]);
    expect(validationIssues({ prompt: '   ' })).toEqual([]);
  });

  it('takes inline images, asset URIs and data URLs where the vendor gives no format', () => {
    expect(
      validationIssues({
        image: 'data:image/png;base64,iVBORw0KGgo=',
        start_image: 'asset://asset-20260720123456-qn7wr',
        end_image: 'data:image/png;base64,iVBORw0KGgo=',
        reference_images: ['data:image/png;base64,iVBORw0KGgo=', 'asset://asset-1'],
        image_url: 'asset://asset-20260720123456-qn7wr',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ prompt: 42 }, 'prompt', 'must be a string (got 42)'],
    [{ fps: 0 }, 'fps', 'must be between 1 and 120 (got 0)'],
    [{ fps: 121 }, 'fps', 'must be between 1 and 120 (got 121)'],
    [{ fps: 24.5 }, 'fps', 'must be an integer (got 24.5)'],
    [{ duration: 2.5 }, 'duration', 'must be an integer (got 2.5)'],
    [{ duration: 61 }, 'duration', 'must be between -1 and 60 (got 61)'],
    [{ duration: -2 }, 'duration', 'must be between -1 and 60 (got -2)'],
    [{ seconds: 61 }, 'seconds', 'must be between -1 and 60 (got 61)'],
    [{ seed: -2 }, 'seed', 'must be between -1 and 4294967295 (got -2)'],
    [{ seed: 4294967296 }, 'seed', 'must be between -1 and 4294967295 (got 4294967296)'],
    [{ cfg_scale: 20.5 }, 'cfg_scale', 'must be between 0 and 20 (got 20.5)'],
    [{ cfg_scale: Number.NaN }, 'cfg_scale', 'must be a number (got NaN)'],
    [{ motion_strength: -0.1 }, 'motion_strength', 'must be between 0 and 1 (got -0.1)'],
    [{ extend_at: -1 }, 'extend_at', 'must be at least 0 (got -1)'],
    [{ frames: 0 }, 'frames', 'must be at least 1 (got 0)'],
    [{ image_url: 'cat.jpg' }, 'image_url', 'must be an absolute URL (got "cat.jpg")'],
    [
      { aspect_ratio: '5:4' },
      'aspect_ratio',
      'must be one of "adaptive", "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" (got "5:4")',
    ],
    [{ resolution: '2k' }, 'resolution', 'must be one of "480p", "720p", "1080p", "4k" (got "2k")'],
    [{ service_tier: 'fast' }, 'service_tier', 'must be one of "default", "flex" (got "fast")'],
    [{ output_audio: 'yes' }, 'output_audio', 'must be true or false (got "yes")'],
    [{ seed: '7' }, 'seed', 'must be an integer (got "7")'],
    [{ image_urls: urls(31) }, 'image_urls', 'must have between 1 and 30 items (got 31)'],
    [{ image_urls: [] }, 'image_urls', 'must have between 1 and 30 items (got 0)'],
    [
      { image_urls: ['https://a.example/1.png', 'nope'] },
      'image_urls.1',
      'must be an absolute URL (got "nope")',
    ],
    [{ video_urls: urls(11) }, 'video_urls', 'must have between 1 and 10 items (got 11)'],
    [{ material_asset_ids: 'asset-1' }, 'material_asset_ids', 'must be an array (got "asset-1")'],
    [
      { safety_identifier: 'x'.repeat(129) },
      'safety_identifier',
      'must have at most 128 characters (got 129)',
    ],
    [
      { kling_elements: [{ name: 'cat', element_input_urls: ['https://a.example/1.png'] }] },
      'kling_elements.0.element_input_urls',
      'must have between 2 and 4 items (got 1)',
    ],
    [{ kling_elements: [{ element_input_urls: urls(2) }] }, 'kling_elements.0.name', 'is required'],
    [
      { kling_elements: [{ name: '', element_input_urls: urls(2) }] },
      'kling_elements.0.name',
      'must have between 1 and 64 characters (got 0)',
    ],
    [{ kling_elements: ['cat'] }, 'kling_elements.0', 'must be an object (got "cat")'],
    [null, 'params', 'must be an object (got null)'],
    [
      { aspect_ratio: { toString: '' } },
      'aspect_ratio',
      'must be one of "adaptive", "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" (got {"toString":""})',
    ],
    [{ seed: [1, 2] }, 'seed', 'must be an integer (got [1,2])'],
  ])('%j → %s %s', (params, field, message) => {
    expect(validationIssues(params)).toContainEqual({ field, message });
  });

  // Each alias with its field, a value for the field and another for the alias.
  it.each([
    ['duration', 5, 'seconds', 10],
    ['aspect_ratio', '16:9', 'ratio', '9:16'],
    ['output_audio', true, 'generate_audio', false],
    ['outputAudio', true, 'generate_audio', false],
  ])('refuses an alias that disagrees: %s %j, %s %j', (field, value, alias, other) => {
    const message = `must equal ${field} (${JSON.stringify(value)}) when both are sent (got ${JSON.stringify(other)})`;
    expect(validationIssues({ [field]: value, [alias]: other })).toEqual([
      { field: alias, message },
    ]);
  });

  it('lets aliases through when they agree with their field', () => {
    expect(
      validationIssues({
        duration: 5,
        seconds: 5,
        aspect_ratio: '1:1',
        ratio: '1:1',
        output_audio: false,
        outputAudio: false,
        generate_audio: false,
      }),
    ).toEqual([]);
    expect(validationIssues({ seconds: 8, ratio: 'adaptive', generate_audio: true })).toEqual([]);
  });

  it('reports every broken field at once, in a message that names each', () => {
    const error = (() => {
      try {
        assertValidCreateParams({ prompt: 7, fps: 500, cfg_scale: 99 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RequestValidationError);
    const { issues, message } = error as RequestValidationError;
    expect(issues.map((issue) => issue.field)).toEqual(['prompt', 'fps', 'cfg_scale']);
    expect(message).toBe(
      'prompt: must be a string (got 7); fps: must be between 1 and 120 (got 500); cfg_scale: must be between 0 and 20 (got 99)',
    );
  });
});

describe('createFieldRules: the rules in JSON Schema words, for forms', () => {
  const fields = createFieldRules();

  it('has every field of the create schema', () => {
    expect(Object.keys(fields)).toHaveLength(47);
  });

  it('decodes types, ranges, formats, enums, counts and nested objects', () => {
    expect(fields.duration).toEqual({ type: 'integer', minimum: -1, maximum: 60 });
    expect(fields.cfg_scale).toEqual({ type: 'number', minimum: 0, maximum: 20 });
    expect(fields.prompt).toEqual({ type: 'string' });
    expect(fields.image_url).toEqual({ type: 'string', format: 'uri' });
    expect(fields.safety_identifier).toEqual({ type: 'string', maxLength: 128 });
    expect(fields.draft).toEqual({ type: 'boolean' });
    expect(fields.operation).toEqual({ type: 'string', enum: videoOperations });
    expect(fields.service_tier?.enum).toEqual(['default', 'flex']);
    expect(fields.image_urls).toEqual({
      type: 'array',
      minItems: 1,
      maxItems: 30,
      items: { type: 'string', format: 'uri' },
    });
    expect(fields.kling_elements?.items).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 64 },
        description: { type: 'string', minLength: 1, maxLength: 500 },
        element_input_urls: {
          type: 'array',
          minItems: 2,
          maxItems: 4,
          items: { type: 'string', format: 'uri' },
        },
      },
      required: ['name', 'element_input_urls'],
    });
  });

  it('names the field each alias stands for', () => {
    expect(fields.seconds).toEqual({
      type: 'integer',
      minimum: -1,
      maximum: 60,
      aliasOf: 'duration',
    });
    expect(fields.ratio).toEqual({ type: 'string', enum: aspectRatios, aliasOf: 'aspect_ratio' });
    expect(fields.outputAudio?.aliasOf).toBe('output_audio');
    expect(fields.generate_audio?.aliasOf).toBe('output_audio');
    expect(fields.duration?.aliasOf).toBeUndefined();
  });

  it('offers the enums a face shows as choices', () => {
    expect(videoOperations).toContain('motion-control');
    expect(aspectRatios[0]).toBe('adaptive');
    expect(serviceTiers).toEqual(['default', 'flex']);
  });
});
