import { describe, expect, it } from 'vitest';
import { parseCreateParams } from '../parse-create-params';

/** The first rule each field breaks, by field. */
const brokenBy = (text: Record<string, string>) =>
  Object.fromEntries(parseCreateParams(text).issues.map((issue) => [issue.field, issue.message]));

describe('parseCreateParams', () => {
  it('types the text as the spec does and leaves blank fields out', () => {
    const { params, issues } = parseCreateParams({
      prompt: 'a cat',
      model: 'kling-video',
      duration: '5',
      fps: ' 24 ',
      cfg_scale: '7.5',
      motion_strength: '.5',
      seed: '-1',
      negative_prompt: '',
      resolution: '   ',
    });
    expect(issues).toEqual([]);
    expect(params).toEqual({
      prompt: 'a cat',
      model: 'kling-video',
      duration: 5,
      fps: 24,
      cfg_scale: 7.5,
      motion_strength: 0.5,
      seed: -1,
    });
  });

  it('names the rule a number breaks, from the spec, including text that is not a number', () => {
    expect(brokenBy({ prompt: 'x', fps: '12abc', cfg_scale: '30', duration: '1.5' })).toEqual({
      fps: 'must be an integer (got "12abc")',
      cfg_scale: 'must be between 0 and 20 (got 30)',
      duration: 'must be an integer (got "1.5")',
    });
  });

  it('requires no field, as the spec does not: a blank prompt is left out for the API to judge', () => {
    expect(parseCreateParams({})).toEqual({ params: {}, issues: [] });
    expect(parseCreateParams({ prompt: '   ' })).toEqual({ params: {}, issues: [] });
    expect(parseCreateParams({ prompt: ' a cat ' }).params).toEqual({ prompt: 'a cat' });
  });

  it('checks URLs and aspect ratios with the spec rules', () => {
    const broken = brokenBy({ prompt: 'x', image_url: 'not a url', aspect_ratio: '16x9' });
    expect(broken.image_url).toMatch(/absolute URL/);
    expect(broken.aspect_ratio).toBe(
      'must be one of "adaptive", "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" (got "16x9")',
    );
  });

  it('reads true or false, and names anything else', () => {
    expect(parseCreateParams({ prompt: 'x', output_audio: 'Yes' }).params.output_audio).toBe(true);
    expect(parseCreateParams({ prompt: 'x', output_audio: 'off' }).params.output_audio).toBe(false);
    expect(brokenBy({ prompt: 'x', output_audio: 'maybe' })).toEqual({
      output_audio: 'must be true or false (got "maybe")',
    });
  });

  it('reads a list from items separated by spaces or commas, keeping a data URL whole', () => {
    const { params, issues } = parseCreateParams({
      prompt: 'x',
      reference_images:
        'https://a.example/1.png, https://a.example/2.png data:image/png;base64,iVBORw0KGgo=',
    });
    expect(issues).toEqual([]);
    expect(params.reference_images).toEqual([
      'https://a.example/1.png',
      'https://a.example/2.png',
      'data:image/png;base64,iVBORw0KGgo=',
    ]);
    expect(brokenBy({ prompt: 'x', image_urls: 'https://a.example/1.png nope' })).toEqual({
      'image_urls.1': 'must be an absolute URL (got "nope")',
    });
  });

  it('sends a field the spec does not know as its text', () => {
    expect(parseCreateParams({ prompt: 'x', future_field: ' 7 ' }).params).toEqual({
      prompt: 'x',
      future_field: '7',
    });
  });

  it('reads an array of objects as JSON (kling_elements), and names JSON that is broken', () => {
    const elements = [
      { name: 'hero', element_input_urls: ['https://a.test/1.png', 'https://a.test/2.png'] },
    ];
    expect(parseCreateParams({ kling_elements: JSON.stringify(elements) })).toEqual({
      params: { kling_elements: elements },
      issues: [],
    });
    expect(parseCreateParams({ image_urls: '["https://a.test/1.png"]' }).params).toEqual({
      image_urls: ['https://a.test/1.png'],
    });
    expect(brokenBy({ kling_elements: '[{"name": "hero"' })).toEqual({
      kling_elements: 'must be an array (got "[{\\"name\\": \\"hero\\"")',
    });
    expect(brokenBy({ kling_elements: '[{"name": "hero"}]' })).toEqual({
      'kling_elements.0.element_input_urls': 'is required',
    });
  });
});
