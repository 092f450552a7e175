import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LemonVideo } from '../client';
import { errorSuggestion } from '../error-suggestion';
import {
  APIError,
  ConnectionError,
  LemonVideoError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
} from '../errors';
import { apiError, fakeFetch, json, pendingTask, type Step } from './fake-fetch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const client = (...steps: Step[]) => {
  const { fetch, requests } = fakeFetch(...steps);
  return {
    api: new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test', fetch, maxRetries: 0 }),
    requests,
  };
};

/** What `promise` rejected with, fake time running. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  const outcome = promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

/** The check the READMEs give: any error of the package, `mayHaveCreatedTask`. */
const mayHaveCreatedTask = (error: unknown) =>
  error instanceof LemonVideoError && error.mayHaveCreatedTask;

const hang: Step = (request) =>
  new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason));
  });

describe('mayHaveCreatedTask: every error of a create that may have gone through', () => {
  it('a create whose 200 answer is truncated: APIError invalid_response, flagged', async () => {
    const { api } = client(new Response('{"id":"video_1","sta', { status: 200 }));
    const error = await failure(api.videos.create({ prompt: 'x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ code: 'invalid_response', mayHaveCreatedTask: true });
    expect(mayHaveCreatedTask(error)).toBe(true);
  });

  it('a create whose 200 answer is JSON but not a task: flagged', async () => {
    const { api } = client(json({ ok: true }));
    const error = await failure(api.videos.create({ prompt: 'x' }));
    expect(error).toMatchObject({ code: 'invalid_response', mayHaveCreatedTask: true });
    expect((error as Error).message).toContain('probably created');
  });

  it('a create that lost its connection or ran out of time: ConnectionError, flagged', async () => {
    const lost = client(new TypeError('fetch failed'));
    expect(mayHaveCreatedTask(await failure(lost.api.videos.create({ prompt: 'x' })))).toBe(true);
    const slow = client(hang);
    const error = await failure(slow.api.videos.create({ prompt: 'x' }, { timeout: 1_000 }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true, mayHaveCreatedTask: true });
  });
});

describe('mayHaveCreatedTask: false where nothing can have been created', () => {
  it.each([
    ['a truncated answer to a read', () => client(new Response('{"id":', { status: 200 }))],
    ['a not-found task', () => client(apiError(404, 'async_task_not_found'))],
  ])('%s', async (_, make) => {
    const error = await failure(make().api.tasks.retrieve('video_1'));
    expect(error).toBeInstanceOf(APIError);
    expect(mayHaveCreatedTask(error)).toBe(false);
  });

  it('a create the server refused (429), or that broke a rule and was never sent', async () => {
    const refused = await failure(
      client(apiError(429, 'rate_limit_exceeded')).api.videos.create({ prompt: 'x' }),
    );
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(mayHaveCreatedTask(refused)).toBe(false);
    const invalid = await failure(
      client(json(pendingTask)).api.videos.create({ prompt: 'x', duration: 61 }),
    );
    expect(invalid).toBeInstanceOf(RequestValidationError);
    expect(mayHaveCreatedTask(invalid)).toBe(false);
  });

  it('is false by default on every error class', () => {
    expect(new LemonVideoError('x').mayHaveCreatedTask).toBe(false);
    expect(new NotFoundError({ status: 404, message: 'x' }).mayHaveCreatedTask).toBe(false);
    expect(new ConnectionError('x', { timeout: false }).mayHaveCreatedTask).toBe(false);
  });
});

describe("the envelope's hints, as typed fields", () => {
  it('reads every hint and the validation errors of a 400', async () => {
    // Each hint: its name in the envelope, its field on the error, the value sent.
    const hints: [string, string, unknown][] = [
      ['did_you_mean', 'didYouMean', 'veo3.1'],
      ['suggestions', 'suggestions', [{ id: 'veo3.1' }, { id: 'veo3.1-fast' }]],
      ['hint', 'hint', 'Pick a duration the model offers.'],
      ['retryable', 'retryable', false],
      ['supported_operations', 'supportedOperations', ['text-to-video']],
      ['allowed_durations', 'allowedDurations', ['4', '5', '6', '8']],
      ['allowed_resolutions', 'allowedResolutions', ['720p']],
      ['allowed_aspect_ratios', 'allowedAspectRatios', ['16:9', '9:16']],
      ['recommended_request', 'recommendedRequest', { model: 'veo3.1', duration: 8 }],
    ];
    const issue = { field: 'duration', message: 'veo3.1 offers 4, 5, 6, 8 seconds', code: 'x' };
    const { api } = client(
      json(
        {
          error: {
            message: 'duration: veo3.1 offers 4, 5, 6, 8 seconds',
            type: 'invalid_request_error',
            code: 'invalid_request_error',
            param: 'duration',
            ...Object.fromEntries(hints.map(([sent, , value]) => [sent, value])),
          },
          validation_errors: [issue],
        },
        400,
      ),
    );
    const error = await failure(api.videos.create({ prompt: 'x', duration: 7 }));
    expect(error).toMatchObject({
      ...Object.fromEntries(hints.map(([, field, value]) => [field, value])),
      issues: [issue],
    });
  });

  it("reads a 402's balance and cost, and a 409's assets named or made by the server", async () => {
    const poor = await failure(
      client(
        json(
          {
            error: {
              message: 'x',
              code: 'insufficient_balance',
              balance_usd: 0.5,
              estimated_cost_usd: 3.2,
            },
          },
          402,
        ),
      ).api.videos.create({ prompt: 'x' }),
    );
    expect(poor).toMatchObject({ balanceUsd: 0.5, estimatedCostUsd: 3.2, issues: [] });
    const preparing = await failure(
      client(
        json(
          {
            error: {
              message: 'x',
              code: 'seedance_material_preparing',
              inactive_asset_ids: ['asset-1'],
              auto_material_asset_ids: ['asset-2'],
            },
          },
          409,
        ),
      ).api.videos.create({ prompt: 'x' }),
    );
    expect(preparing).toMatchObject({
      inactiveAssetIds: ['asset-1', 'asset-2'],
      mayHaveCreatedTask: false,
      kind: 'transient',
    });
  });

  it('has none of them when the API sent none, or no JSON', async () => {
    const error = await failure(
      client(new Response('<html>bad gateway</html>', { status: 502 })).api.tasks.retrieve('v'),
    );
    expect(error).toMatchObject({ issues: [] });
    expect(Object.keys(error as object)).not.toContain('didYouMean');
    expect((error as APIError).inactiveAssetIds).toBeUndefined();
  });
});

describe('errorSuggestion', () => {
  const apiError = (error: Record<string, unknown>) =>
    new APIError({
      status: 400,
      message: 'x',
      param: error.param as string | undefined,
      body: { error: { message: 'x', ...error } },
    });

  it('words the value meant and the values allowed', () => {
    expect(errorSuggestion(apiError({ did_you_mean: 'kling-video' }))).toBe(
      'Did you mean kling-video?',
    );
    expect(
      errorSuggestion(
        apiError({
          param: 'duration',
          allowed_durations: ['5', '10'],
          allowed_resolutions: ['720p'],
          supported_operations: ['text-to-video'],
        }),
      ),
    ).toBe('Allowed durations: 5, 10 s. Allowed resolutions: 720p.');
    expect(
      errorSuggestion(
        apiError({ param: 'operation', supported_operations: ['text-to-video', 'image-to-video'] }),
      ),
    ).toBe('Allowed operations: text-to-video, image-to-video.');
  });

  it('is null without a hint, or for an error not from the API', () => {
    expect(errorSuggestion(apiError({ hint: 'Try later.' }))).toBeNull();
    expect(errorSuggestion(new RequestValidationError([]))).toBeNull();
    expect(errorSuggestion('x')).toBeNull();
  });
});
