import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  RequestValidationError,
  TaskFailedError,
} from '@lemonvideo/core';
import { describe, expect, it } from 'vitest';
import { flagOf, labelOf } from '../create-fields';
import { describeError } from '../describe-error';

const key = 'sk-test-0123456789abcd';
/** As the command line words errors. */
const cli = { fieldName: flagOf };

/** The API's refusal of `field` as invalid (400), as it sends one: the field's issue, and `hints`. */
const refusalOf = (field: string, rule: string, hints: Record<string, unknown> = {}) =>
  new BadRequestError({
    status: 400,
    code: 'invalid_request_error',
    param: field,
    message: `${field}: ${rule}`,
    body: {
      error: { message: `${field}: ${rule}`, ...hints },
      validation_errors: [{ field, message: rule }],
    },
  });

describe('describeError', () => {
  it("adds the API's hints as a suggestion: the value meant, the values allowed", () => {
    const refusal = refusalOf('resolution', 'kling-video offers 720p, 1080p', {
      allowed_resolutions: ['720p', '1080p'],
    });
    expect(describeError(refusal, cli)).toBe(
      '--resolution kling-video offers 720p, 1080p. Allowed resolutions: 720p, 1080p.',
    );
    const unknown = new BadRequestError({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      message: "The model 'klingg' does not exist.",
      body: { error: { message: 'x', did_you_mean: 'kling-video' } },
    });
    expect(describeError(unknown, { fieldName: labelOf })).toBe(
      "Model: The model 'klingg' does not exist (model_not_found). Did you mean kling-video?",
    );
  });

  it('names the flags of a validation error', () => {
    const error = new RequestValidationError([
      { field: 'cfg_scale', message: 'must be at most 20' },
    ]);
    expect(describeError(error, cli)).toBe('--cfg-scale must be at most 20');
  });

  it("maps the API's refusal of a field to its flag", () => {
    const error = refusalOf('duration', 'must be one of 5, 10 for kling-video');
    expect(describeError(error, cli)).toBe('--duration must be one of 5, 10 for kling-video');
    // The form names the field as it shows it.
    expect(describeError(error, { fieldName: labelOf })).toBe(
      'Duration (s) must be one of 5, 10 for kling-video',
    );
  });

  it('never shows the key, even when an error repeats it', () => {
    const error = new AuthenticationError({
      status: 401,
      code: 'invalid_api_key',
      message: `The key ${key} is not valid.`,
    });
    const line = describeError(error, { apiKey: key, fieldName: flagOf });
    expect(line).not.toContain(key);
    expect(line).toContain('sk-…abcd');
    expect(line).toMatch(/401 invalid_api_key/);
  });

  it('gives the root cause of a connection failure, on one line', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = new ConnectionError('The connection to the API failed.', {
      timeout: false,
      mayHaveCreatedTask: false,
      cause: new TypeError('fetch failed', { cause }),
    });
    expect(describeError(error, cli)).toBe('The connection to the API failed. (ECONNREFUSED)');
  });

  it('says which task failed and why', () => {
    const error = new TaskFailedError({
      id: 'task_1',
      status: 'failed',
      progress: null,
      video: null,
      error: { code: 'content_policy_violation', message: 'Refused.\nSorry.' },
      cancelled: false,
      model: null,
      pollUrl: null,
      raw: { id: 'task_1' } as never,
    });
    expect(describeError(error, cli)).toBe(
      'Task task_1 failed: Refused. Sorry. (content_policy_violation)',
    );
  });
});
