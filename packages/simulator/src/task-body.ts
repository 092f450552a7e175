import type { components } from '@lemonvideo/shared';
import { promptMarkers } from './lifecycle';
import { defaultAspectRatio, defaultDuration, defaultResolution } from './models';
import { videoPath } from './serve-video';
import type { SimulatedClock } from './simulated-clock';
import type { TaskNow, TaskRecord } from './task-store';

type TaskBody = components['schemas']['Task'];

/** The vendor's text of a task cancelled while queued. */
const cancelledMessage = 'Task cancelled before execution';

/** Who asks for a task, as its answer needs it. */
export interface TaskView {
  /** Scheme and host the client used: `video_url` is absolute on it, like a CDN link. */
  readonly origin: string;
  /** The caller's bearer key: only an `[echo-key]` task's error repeats it; never stored. */
  readonly callerKey: string | undefined;
}

/** What an `[escape-codes]` task puts in its strings: a title, a clear screen, a clipboard write. */
const escapes = {
  status: '\u001B]0;PWNED\u0007\u001B[2J',
  model: '\u001B]52;c;cHduZWQ=\u0007',
  message: 'Rejected \u001B[31mby policy\u001B[0m\r\nEVIL\u0007',
};

/**
 * The task as the API answers it. Its times are wall-clock Unix seconds, whatever the
 * simulator's speed.
 */
export function taskBody(
  task: TaskRecord,
  now: TaskNow,
  view: TaskView,
  clock: SimulatedClock,
): TaskBody {
  const body = plainTaskBody(task, now, view.origin, clock);
  const prompt = task.request.prompt ?? '';
  if (prompt.includes(promptMarkers.echoKey) && now.status === 'failed') {
    return {
      ...body,
      error: {
        code: 'invalid_api_key',
        message: `Incorrect API key provided: ${view.callerKey ?? 'none'}. (simulated by ${promptMarkers.echoKey} in the prompt)`,
      },
    };
  }
  if (prompt.includes(promptMarkers.escapeCodes)) {
    const running = now.status !== 'failed' && now.status !== 'completed';
    return {
      ...body,
      status: running ? `${body.status}${escapes.status}` : body.status,
      model: `${body.model}${escapes.model}`,
      ...(now.status === 'failed' && {
        error: { code: `content_policy${escapes.model}`, message: escapes.message },
      }),
    };
  }
  return body;
}

function plainTaskBody(
  task: TaskRecord,
  now: TaskNow,
  origin: string,
  clock: SimulatedClock,
): TaskBody {
  const seconds = (ms: number) => Math.floor(clock.wallTime(ms) / 1000);
  const body: TaskBody = {
    id: task.id,
    task_id: task.id,
    poll_url: `/v1/tasks/${task.id}`,
    status: now.status,
    model: task.model.id,
    created: seconds(task.createdAt),
    updated: seconds(now.updatedAt),
    ...(now.progress !== undefined && { progress: now.progress }),
  };
  if (now.cancelled) {
    return { ...body, cancelled: true, cancellation_status: 'cancelled', error: cancelledMessage };
  }
  switch (now.status) {
    case 'completed': {
      const url = `${origin}${videoPath(task.id)}`;
      const duration =
        task.request.duration === undefined || task.request.duration < 1
          ? defaultDuration(task.model)
          : task.request.duration;
      return {
        ...body,
        // The vendor's billing record of a finished task (not a task id).
        billing_transaction_id: `simbill${task.id.slice('ldtask_'.length, 'ldtask_'.length + 18)}`,
        video_url: url,
        video: { url, duration, ...size(task) },
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

const shortSide: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080, '4k': 2160 };

/** Width and height of the requested output: the resolution is the short side. */
function size(task: TaskRecord): { width: number; height: number } {
  const resolution = task.request.resolution ?? defaultResolution(task.model);
  const requested = task.request.aspect_ratio ?? defaultAspectRatio(task.model);
  // `adaptive` follows the input image; the simulator's placeholder clip is 16:9.
  const ratio = requested === 'adaptive' ? '16:9' : requested;
  const short = shortSide[resolution] ?? 720;
  const [w = 16, h = 9] = ratio.split(':').map(Number);
  const long = (side: number, over: number) => Math.round((short * side) / over / 2) * 2;
  return w >= h ? { width: long(w, h), height: short } : { width: short, height: long(h, w) };
}
