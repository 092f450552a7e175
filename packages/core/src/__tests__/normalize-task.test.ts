import { describe, expect, it } from 'vitest';
import { APIError } from '../errors';
import { normalizeTask } from '../normalize-task';

describe('normalizeTask', () => {
  it('reads the seed page’s create answer (task_id only, no progress)', () => {
    const raw = {
      task_id: 'video_abc123',
      status: 'pending',
      model: 'kling-video',
      created_at: 1706000000,
    };
    expect(normalizeTask(raw)).toEqual({
      id: 'video_abc123',
      status: 'pending',
      progress: null,
      video: null,
      error: null,
      cancelled: false,
      model: 'kling-video',
      pollUrl: null,
      raw,
    });
  });

  it('prefers id, keeps poll_url and progress', () => {
    const task = normalizeTask({
      id: 'a',
      task_id: 'b',
      status: 'processing',
      progress: 42,
      poll_url: '/v1/tasks/a',
    });
    expect(task).toMatchObject({ id: 'a', progress: 42, pollUrl: '/v1/tasks/a' });
  });

  it.each([
    [{ video_url: 'https://cdn/v.mp4' }, { url: 'https://cdn/v.mp4' }],
    [
      { video: { url: 'https://cdn/v.mp4', width: 1280, height: 720, duration: 5 } },
      { url: 'https://cdn/v.mp4', width: 1280, height: 720, duration: 5 },
    ],
    [
      { videos: [{ url: 'https://cdn/1.mp4', width: 640 }] },
      { url: 'https://cdn/1.mp4', width: 640 },
    ],
    [
      { video: { url: 'https://cdn/a.mp4', width: 'wide' }, video_url: 'https://cdn/b.mp4' },
      { url: 'https://cdn/a.mp4' },
    ],
  ])('reads the result from %j', (fields, video) => {
    expect(normalizeTask({ id: 't', status: 'completed', ...fields }).video).toEqual(video);
  });

  it.each([
    ['Content rejected', { message: 'Content rejected' }],
    [
      { code: 'content_policy_violation', message: 'Rejected' },
      { code: 'content_policy_violation', message: 'Rejected' },
    ],
    [{ code: 'upstream_error' }, { code: 'upstream_error', message: 'upstream_error' }],
  ])('reads the error %j', (error, expected) => {
    expect(normalizeTask({ id: 't', status: 'failed', error }).error).toEqual(expected);
  });

  it('marks a cancelled task, whose status is failed', () => {
    const task = normalizeTask({
      id: 't',
      status: 'failed',
      cancelled: true,
      cancellation_status: 'cancelled',
    });
    expect(task).toMatchObject({ status: 'failed', cancelled: true });
  });

  it('keeps an unknown status word and clamps odd progress', () => {
    expect(normalizeTask({ id: 't', status: 'queued_upstream', progress: 140 })).toMatchObject({
      status: 'queued_upstream',
      progress: 100,
    });
    expect(normalizeTask({ id: 't', status: 'processing', progress: '37%' }).progress).toBe(37);
    expect(normalizeTask({ id: 't', status: 'processing', progress: 'soon' }).progress).toBeNull();
    expect(normalizeTask({ id: 't' }).status).toBe('unknown');
  });

  it.each([null, 'text', [], {}, { status: 'pending' }, { id: '' }])(
    'throws an APIError for %j, which is not a task',
    (body) => {
      expect(() => normalizeTask(body)).toThrow(APIError);
      expect(() => normalizeTask(body)).toThrow('not a task');
    },
  );
});
