import { describe, expect, it } from 'vitest';
import { checkParams, describeIssues, flagOf } from '../create-fields';

describe('checkParams', () => {
  it('turns typed text into the spec types and leaves empty fields out', () => {
    const { params, issues } = checkParams({
      prompt: 'a cat',
      model: 'kling-video',
      duration: '5',
      fps: ' 24 ',
      cfg_scale: '7.5',
      motion_strength: '.5',
      seed: '-3',
      negative_prompt: '',
    });
    expect(issues).toEqual({});
    expect(params).toEqual({
      prompt: 'a cat',
      model: 'kling-video',
      duration: 5,
      fps: 24,
      cfg_scale: 7.5,
      motion_strength: 0.5,
      seed: -3,
    });
  });

  it('names the rule a number breaks, from the spec, including text that is not a number', () => {
    const { issues } = checkParams({ prompt: 'x', fps: '12abc', cfg_scale: '30', duration: '1.5' });
    expect(issues).toEqual({
      fps: 'must be an integer (got "12abc")',
      cfg_scale: 'must be between 0 and 20 (got 30)',
      duration: 'must be an integer (got "1.5")',
    });
  });

  it('requires a prompt with something in it', () => {
    expect(checkParams({}).issues.prompt).toBe('must not be empty');
    expect(checkParams({ prompt: '   ' }).issues.prompt).toMatch(/non-space/);
  });

  it('checks URLs and aspect ratios with the spec rules', () => {
    const { issues } = checkParams({ prompt: 'x', image_url: 'not a url', aspect_ratio: '16x9' });
    expect(issues.image_url).toMatch(/absolute URL/);
    expect(issues.aspect_ratio).toMatch(/width:height/);
  });
});

describe('flags', () => {
  it('maps the API field names to the flags a person typed', () => {
    expect(flagOf('cfg_scale')).toBe('--cfg-scale');
    expect(flagOf('image_url')).toBe('--image');
    expect(flagOf('prompt')).toBe('the prompt');
    expect(flagOf('reference_images.0')).toBe('reference_images.0');
  });

  it('describes issues on one line', () => {
    expect(
      describeIssues([
        { path: 'fps', message: 'must be between 1 and 120 (got 500)' },
        { path: 'motion_strength', message: 'must be at most 1' },
      ]),
    ).toBe('--fps must be between 1 and 120 (got 500); --motion-strength must be at most 1');
  });
});
