import type { VideoModel, VideoTask } from '@lemonvideo/core';
import type { HistoryApi, HistoryEntry } from '../session/history-store';

/** A task as the JSON lines show it: a stable subset of the API's task. */
export interface TaskJson {
  id: string;
  /** The API's word: `pending`, `processing`, `completed`, `failed`, or another it sends. */
  status: string;
  /** 0 to 100, or null when the model reports none. */
  progress: number | null;
  model: string | null;
  videoUrl: string | null;
  error: { code?: string; message: string } | null;
}

/**
 * One line of `--json` output (and of any output when stdout is not a terminal). Every line
 * is one of these, told apart by `type`. Documented in README.md; add fields, never remove.
 *
 * Every line that can end `generate` or `wait` (`completed`, `failed`, `cancelled`,
 * `detached`, `downloaded`, and their `error`) carries `task`, the task as last seen (null
 * when none was created), and `file`, where its video was saved (null when it was not).
 */
export type JsonEvent =
  | { type: 'created'; task: TaskJson; api: Pick<HistoryApi, 'host' | 'simulator'> }
  | { type: 'status'; task: TaskJson }
  | { type: 'completed'; task: TaskJson; file: string | null }
  | { type: 'failed'; task: TaskJson; file: string | null }
  | { type: 'cancelled'; task: TaskJson; file: string | null }
  | {
      type: 'detached';
      taskId: string;
      /** The command that resumes it; null when it ran on the built-in simulator, now gone. */
      resume: string | null;
      task: TaskJson | null;
      file: string | null;
    }
  | { type: 'downloaded'; taskId: string; file: string; bytes: number; task: TaskJson }
  | {
      type: 'model';
      id: string;
      ownedBy: string | null;
      operations: string[];
      durations: number[];
      resolutions: string[];
      aspectRatios: string[];
      /** What each operation offers, where it is narrower than the model. */
      byOperation: VideoModel['byOperation'];
      /** `stage`, `replacement` and dates; null when the API sends none. */
      lifecycle: VideoModel['lifecycle'];
      /** The API's pricing summary, as sent (prices are decimal strings in US dollars). */
      pricing: VideoModel['pricing'];
      /** False when the model's details could not be read: only what the list says. */
      detailed: boolean;
    }
  | {
      /** A warning about a create, e.g. its model is deprecated. */
      type: 'warning';
      message: string;
      model: string;
      /** The model to use instead, when there is one. */
      replacement: string | null;
    }
  | { type: 'history'; entry: HistoryEntry }
  | { type: 'listening'; url: string; simulator: true }
  | {
      type: 'error';
      exitCode: number;
      message: string;
      /** From `generate` and `wait`: the task as last seen, or null when none was created. */
      task?: TaskJson | null;
      /** From `generate` and `wait`: where the video was saved, or null. */
      file?: string | null;
    };

export function taskJson(task: VideoTask): TaskJson {
  return {
    id: task.id,
    status: task.status,
    progress: task.progress,
    model: task.model,
    videoUrl: task.video?.url ?? null,
    error: task.error,
  };
}

export function modelJson(model: VideoModel): Extract<JsonEvent, { type: 'model' }> {
  return {
    type: 'model',
    id: model.id,
    ownedBy: model.ownedBy,
    operations: model.operations,
    durations: model.durations,
    resolutions: model.resolutions,
    aspectRatios: model.aspectRatios,
    byOperation: model.byOperation,
    lifecycle: model.lifecycle,
    pricing: model.pricing,
    detailed: model.detailed,
  };
}
