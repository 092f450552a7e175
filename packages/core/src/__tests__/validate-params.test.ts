import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../errors';
import { createVideoRequestRules } from '../generated/rules';
import { assertValidCreateParams, validationIssues } from '../validate-params';

const issuesOf = (params: unknown) => validationIssues(params, createVideoRequestRules);

describe('create params validation (rules generated from the spec)', () => {
  it('accepts the seed example and unknown vendor fields', () => {
    expect(issuesOf({ model: 'kling-video', prompt: 'A cat walking', duration: 5 })).toEqual([]);
    expect(issuesOf({ prompt: 'x', output_audio: true, some_future_field: { a: 1 } })).toEqual([]);
  });

  it.each([
    [{}, 'prompt', 'is required'],
    [{ prompt: '' }, 'prompt', 'must not be empty'],
    [{ prompt: '   ' }, 'prompt', 'must contain a non-space character (got "   ")'],
    [{ prompt: 42 }, 'prompt', 'must be a string (got 42)'],
    [{ prompt: 'x', fps: 0 }, 'fps', 'must be between 1 and 120 (got 0)'],
    [{ prompt: 'x', fps: 121 }, 'fps', 'must be between 1 and 120 (got 121)'],
    [{ prompt: 'x', fps: 24.5 }, 'fps', 'must be an integer (got 24.5)'],
    [{ prompt: 'x', duration: 2.5 }, 'duration', 'must be an integer (got 2.5)'],
    [{ prompt: 'x', duration: 61 }, 'duration', 'must be between 1 and 60 (got 61)'],
    [{ prompt: 'x', cfg_scale: 20.5 }, 'cfg_scale', 'must be between 0 and 20 (got 20.5)'],
    [{ prompt: 'x', cfg_scale: Number.NaN }, 'cfg_scale', 'must be a number (got NaN)'],
    [
      { prompt: 'x', motion_strength: -0.1 },
      'motion_strength',
      'must be between 0 and 1 (got -0.1)',
    ],
    [{ prompt: 'x', image_url: 'cat.jpg' }, 'image_url', 'must be an absolute URL (got "cat.jpg")'],
    [{ prompt: 'x', end_image: '' }, 'end_image', 'must be an absolute URL (got "")'],
    [
      { prompt: 'x', aspect_ratio: 'wide' },
      'aspect_ratio',
      'must be width:height, e.g. 16:9 (got "wide")',
    ],
    [{ prompt: 'x', seed: '7' }, 'seed', 'must be an integer (got "7")'],
    [
      { prompt: 'x', reference_images: ['https://a.example/1.png', 'nope'] },
      'reference_images.1',
      'must be an absolute URL (got "nope")',
    ],
    [null, 'params', 'must be an object (got null)'],
    [
      { prompt: 'x', aspect_ratio: { toString: '' } },
      'aspect_ratio',
      'must be a string (got {"toString":""})',
    ],
    [{ prompt: 'x', seed: [1, 2] }, 'seed', 'must be an integer (got [1,2])'],
  ])('%j → %s %s', (params, field, message) => {
    expect(issuesOf(params)).toContainEqual({ field, message });
  });

  it('reports every broken field at once, in a message that names each', () => {
    const error = (() => {
      try {
        assertValidCreateParams({ prompt: '', fps: 500, cfg_scale: 99 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RequestValidationError);
    const { issues, message } = error as RequestValidationError;
    expect(issues.map((issue) => issue.field)).toEqual(['prompt', 'fps', 'cfg_scale']);
    expect(message).toBe(
      'prompt: must not be empty; fps: must be between 1 and 120 (got 500); cfg_scale: must be between 0 and 20 (got 99)',
    );
  });

  it('names the field as the spec and the API do, and still answers to its old name', () => {
    const [issue] = issuesOf({ prompt: 'x', fps: 0 });
    expect(issue?.field).toBe('fps');
    expect(issue?.path).toBe('fps');
    expect(JSON.parse(JSON.stringify(issue))).toEqual({
      field: 'fps',
      message: 'must be between 1 and 120 (got 0)',
    });
    const made = new RequestValidationError([{ path: 'seed', message: 'must be an integer' }]);
    expect(made.issues).toEqual([{ field: 'seed', message: 'must be an integer' }]);
    expect(made.message).toBe('seed: must be an integer');
  });
});
