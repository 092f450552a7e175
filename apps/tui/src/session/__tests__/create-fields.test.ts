import { createFieldRules, describeIssues } from '@lemonvideo/core';
import { describe, expect, it } from 'vitest';
import { createFields, flagOf, labelOf } from '../create-fields';

describe('the create fields', () => {
  it('offers every field of the spec, the worded ones first in the form order', () => {
    expect(createFields.map((field) => field.key).sort()).toEqual(
      Object.keys(createFieldRules()).sort(),
    );
    expect(createFields.slice(0, 7).map((field) => [field.key, field.form])).toEqual([
      ['prompt', 'basic'],
      ['model', 'basic'],
      ['operation', 'basic'],
      ['duration', 'basic'],
      ['aspect_ratio', 'basic'],
      ['resolution', 'basic'],
      ['image', 'basic'],
    ]);
  });

  it('gives the common fields a flag of their own, and every other field --param', () => {
    expect(createFields.filter((field) => field.named).map((field) => field.flag)).toEqual([
      '--model',
      '--operation',
      '--duration',
      '--aspect-ratio',
      '--resolution',
      '--image',
      '--negative-prompt',
      '--seed',
      '--fps',
      '--cfg-scale',
      '--motion-strength',
      '--image',
      '--end-image',
      '--video',
      '--audio',
      '--reference-image',
      '--audio-output',
      '--service-tier',
      '--draft',
      '--last-frame',
    ]);
    expect(createFields.find((field) => field.key === 'output_audio')).toEqual({
      key: 'output_audio',
      label: 'Output audio',
      flag: '--audio-output',
      named: true,
      placeholder: '[bool]',
      help: 'generate a soundtrack: true or false (the flag alone: true)',
      form: null,
    });
  });

  it("names a field the app does not word after the spec's key, with its rule for --help", () => {
    expect(createFields.find((field) => field.key === 'watermark')).toEqual({
      key: 'watermark',
      label: 'Watermark',
      flag: '--param watermark',
      named: false,
      placeholder: '[bool]',
      help: 'watermark: true or false (the flag alone: true)',
      form: null,
    });
    expect(createFields.find((field) => field.key === 'fps')?.help).toBe(
      'frames per second (1 to 120)',
    );
  });
});

describe('field names', () => {
  it('maps the API field names to the flags a person typed', () => {
    expect(flagOf('cfg_scale')).toBe('--cfg-scale');
    expect(flagOf('image_url')).toBe('--image');
    expect(flagOf('prompt')).toBe('the prompt');
    expect(flagOf('reference_images.0')).toBe('--reference-image (item 1)');
    expect(flagOf('kling_elements.0.name')).toBe('--param kling_elements (item 1)');
    expect(flagOf('some_future_field')).toBe('some_future_field');
  });

  it("maps them to the form's labels", () => {
    expect(labelOf('cfg_scale')).toBe('CFG scale');
    expect(labelOf('image_url')).toBe('Image');
    expect(labelOf('image')).toBe('Image');
  });

  it('describes issues on one line', () => {
    expect(
      describeIssues(
        [
          { field: 'fps', message: 'must be between 1 and 120 (got 500)' },
          { field: 'motion_strength', message: 'must be at most 1' },
        ],
        flagOf,
      ),
    ).toBe('--fps must be between 1 and 120 (got 500); --motion-strength must be at most 1');
  });
});
