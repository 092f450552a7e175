// Property-based: whatever the server or the caller sends, only documented errors come out.
import {
  APIError,
  LemonVideo,
  RequestValidationError,
  type VideoTask,
  validationIssues,
} from '@lemonvideo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const isTask = (value: unknown): value is VideoTask =>
  typeof value === 'object' && value !== null && !(value instanceof Error);

const answering =
  (status: number, body: string): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

const clientFor = (fetch: typeof globalThis.fetch) =>
  new LemonVideo({ apiKey: 'sk-property', baseURL: 'https://api.invalid', fetch, maxRetries: 0 });

describe('the response normaliser', () => {
  it('turns any JSON a server sends as a task into a task, or an APIError invalid_response', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const outcome: VideoTask | unknown = await clientFor(answering(200, JSON.stringify(body)))
          .tasks.retrieve('video_1')
          .catch((error: unknown) => error);
        if (!isTask(outcome)) {
          expect(outcome).toBeInstanceOf(APIError);
          expect(outcome).toMatchObject({ code: 'invalid_response' });
        } else {
          expect(typeof outcome.id).toBe('string');
          expect(typeof outcome.status).toBe('string');
          if (outcome.progress !== null) expect(outcome.progress).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads any task-shaped body, with any values in its fields', async () => {
    const task = fc.record(
      {
        id: fc.string({ minLength: 1 }),
        status: fc.oneof(
          fc.constantFrom('pending', 'processing', 'completed', 'failed'),
          fc.string(),
        ),
        progress: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
        video: fc.jsonValue(),
        videos: fc.jsonValue(),
        video_url: fc.jsonValue(),
        error: fc.jsonValue(),
        cancelled: fc.jsonValue(),
        poll_url: fc.jsonValue(),
      },
      { requiredKeys: ['id'] },
    );
    await fc.assert(
      fc.asyncProperty(task, async (body) => {
        const outcome = await clientFor(answering(200, JSON.stringify(body))).tasks.retrieve(
          'video_1',
        );
        expect(outcome.id).toBe(body.id);
        if (outcome.progress !== null) {
          expect(outcome.progress).toBeGreaterThanOrEqual(0);
          expect(outcome.progress).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('turns any error answer into an APIError with a message', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 400, max: 599 }),
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
        ),
        async (status, body) => {
          const error = await clientFor(answering(status, body))
            .models.list()
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(APIError);
          expect(error).toMatchObject({ status });
          expect((error as Error).message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the parameter validator', () => {
  const field = fc.oneof(fc.anything(), fc.integer(), fc.double(), fc.webUrl(), fc.string());
  const params = fc.record(
    {
      model: field,
      prompt: field,
      duration: field,
      fps: field,
      cfg_scale: field,
      motion_strength: field,
      image_url: field,
      aspect_ratio: field,
      seed: field,
      seconds: field,
      ratio: field,
      image_urls: fc.oneof(field, fc.array(fc.webUrl(), { maxLength: 35 })),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('sends valid params and refuses the rest with a RequestValidationError naming each field', async () => {
    await fc.assert(
      fc.asyncProperty(params, async (candidate) => {
        let sent = 0;
        const fetch: typeof globalThis.fetch = async () => {
          sent += 1;
          return new Response(JSON.stringify({ id: 'video_1', status: 'pending' }));
        };
        const issues = validationIssues(candidate);
        const outcome = await clientFor(fetch)
          .videos.create(candidate as never)
          .catch((error: unknown) => error);
        if (issues.length === 0) {
          expect(outcome).toMatchObject({ id: 'video_1' });
          expect(sent).toBe(1);
        } else {
          expect(outcome).toBeInstanceOf(RequestValidationError);
          const { issues: reported } = outcome as RequestValidationError;
          expect(reported).toEqual(issues);
          for (const issue of reported) expect((outcome as Error).message).toContain(issue.field);
          expect(sent).toBe(0);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1_000) },
    );
  });
});
