import type { components } from '@lemonvideo/shared';
import type {
  failedTaskStatuses,
  runningTaskStatuses,
  succeededTaskStatuses,
} from './generated/rules';

/** The create body: every field of the spec, and any newer field, passed through untouched. */
export type CreateVideoParams = components['schemas']['CreateVideoRequest'];

/** A task body as the API sent it (spec: Task). */
export type RawTask = components['schemas']['Task'];

/** A status word: one of the known ones, or any other word the server may send. */
export type TaskStatus =
  | (typeof runningTaskStatuses)[number]
  | (typeof succeededTaskStatuses)[number]
  | (typeof failedTaskStatuses)[number]
  | (string & {});

export interface VideoResult {
  url: string;
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
}

export interface TaskFailure {
  code?: string;
  message: string;
}

/** A task as the API sent it, with its shape made predictable. */
export interface VideoTask {
  id: string;
  status: TaskStatus;
  /** 0 to 100, or null when the provider does not report progress. */
  progress: number | null;
  video: VideoResult | null;
  error: TaskFailure | null;
  /** True when the task was cancelled (the API then reports `status: failed`). */
  cancelled: boolean;
  model: string | null;
  /** The path the API asks to poll, when it sent one. */
  pollUrl: string | null;
  /** The body as sent. */
  raw: RawTask;
}

/** A task id, or a task (whose `pollUrl` is then followed). */
export type TaskRef = string | Pick<VideoTask, 'id' | 'pollUrl'>;
