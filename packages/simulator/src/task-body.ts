import type { components } from '@lemonvideo/shared';
import { promptMarkers } from './lifecycle';
import { videoPath } from './serve-video';
import type { TaskNow, TaskRecord } from './task-store';

type TaskBody = components['schemas']['Task'];

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The task as the newer API answers it. `origin` (scheme and host the client used) makes
 * `video_url` absolute, like a CDN link.
 */
export function taskBody(task: TaskRecord, now: TaskNow, origin: string): TaskBody {
  const body: TaskBody = {
    id: task.id,
    task_id: task.id,
    object: 'video.generation',
    status: now.status,
    model: task.model.id,
    poll_url: `/v1/tasks/${task.id}`,
    created: seconds(task.createdAt),
    created_at: seconds(task.createdAt),
    updated: seconds(now.updatedAt),
    ...(now.progress !== undefined && { progress: now.progress }),
  };
  if (now.cancelled) {
    return {
      ...body,
      cancelled: true,
      cancellation_status: 'cancelled',
      error: { code: 'task_cancelled', message: 'The task was cancelled.' },
    };
  }
  switch (now.status) {
    case 'completed': {
      const url = `${origin}${videoPath(task.id)}`;
      return {
        ...body,
        video_url: url,
        video: { url, duration: task.request.duration ?? task.model.durations[0], ...size(task) },
        ...(now.finishedAt !== undefined && { completed_at: seconds(now.finishedAt) }),
      };
    }
    case 'failed':
      return {
        ...body,
        error: {
          code: 'content_policy_violation',
          message: `The prompt was rejected by the provider's content policy (simulated by ${promptMarkers.fail} in the prompt).`,
        },
      };
    case 'expired':
      return {
        ...body,
        error: {
          code: 'task_expired',
          message: `The provider did not finish the task in time (simulated by ${promptMarkers.expire} in the prompt).`,
        },
      };
    default:
      return body;
  }
}

/** Width and height of the requested output: the resolution is the short side. */
function size(task: TaskRecord): { width: number; height: number } {
  const resolution = task.request.resolution ?? task.model.resolutions[0] ?? '720p';
  const ratio = task.request.aspect_ratio ?? task.model.aspectRatios[0] ?? '16:9';
  const short = Number.parseInt(resolution, 10) || 720;
  const [w = 16, h = 9] = ratio.split(':').map(Number);
  const long = (side: number, over: number) => Math.round((short * side) / over / 2) * 2;
  return w >= h ? { width: long(w, h), height: short } : { width: short, height: long(h, w) };
}
