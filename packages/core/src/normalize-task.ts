import type { RawTask, TaskFailure, VideoResult, VideoTask } from './task';
import { notAnswerError } from './to-error';
import { isObject } from './validate-params';

type Loose = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

function progressOf(value: unknown): number | null {
  const number = typeof value === 'string' ? Number.parseFloat(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return null;
  return Math.min(100, Math.max(0, number));
}

function videoOf(raw: Loose): VideoResult | null {
  const first = Array.isArray(raw.videos) ? raw.videos.find(isObject) : undefined;
  const video = isObject(raw.video) ? raw.video : first;
  const url = text(video?.url) ?? text(raw.video_url);
  if (url === null) return null;
  const result: VideoResult = { url };
  for (const key of ['width', 'height', 'duration'] as const) {
    const value = positive(video?.[key]);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function errorOf(value: unknown): TaskFailure | null {
  if (typeof value === 'string') return value === '' ? null : { message: value };
  if (!isObject(value)) return null;
  const code = text(value.code);
  const message = text(value.message) ?? code ?? 'The task failed.';
  return code === null ? { message } : { code, message };
}

/**
 * Reads any task body the API has been seen to send: `id` or `task_id`, progress when
 * reported, the result as `video`, `videos[]` or `video_url`, the error as a string or object.
 * Throws an `APIError` (code `invalid_response`) when the body is not a task at all; after a
 * create (`isCreate`), with `mayHaveCreatedTask`.
 */
export function normalizeTask(body: unknown, status = 200, isCreate = false): VideoTask {
  const raw = isObject(body) ? body : undefined;
  const id = text(raw?.id) ?? text(raw?.task_id);
  if (raw === undefined || id === null) {
    throw notAnswerError('a task (it has no id)', status, body, isCreate);
  }
  const statusWord = text(raw.status) ?? 'unknown';
  return {
    id,
    status: statusWord,
    progress: progressOf(raw.progress),
    video: videoOf(raw),
    error: errorOf(raw.error),
    cancelled:
      raw.cancelled === true ||
      raw.cancellation_status === 'cancelled' ||
      statusWord === 'cancelled' ||
      statusWord === 'canceled',
    model: text(raw.model),
    pollUrl: text(raw.poll_url),
    raw: raw as RawTask,
  };
}
