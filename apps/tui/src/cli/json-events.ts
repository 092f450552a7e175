import type { StepError, TaskPhase, TaskState, VideoModel, VideoTask } from '@lemonvideo/core';
import type { HistoryApi, HistoryEntry } from '../session/history-store';

/** A task as the JSON lines show it: a stable subset of the API's task. */
export interface TaskJson {
  /** The task id. */
  id: string;
  /** The API's word: `pending`, `processing`, `completed`, `failed`, or another it sends. */
  status: string;
  /** 0 to 100, or null when the model reports none. */
  progress: number | null;
  /** The model the API says it runs, or null when it says none. */
  model: string | null;
  /** Once completed, where the video is; else null. */
  videoUrl: string | null;
  /** Why it failed, as the API said it (the key masked); else null. */
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
  | {
      type: 'batch';
      id: string;
      /** The batch file. */
      file: string;
      tasks: number;
      /** Whether an earlier run of it was found and is gone on with. */
      resumed: boolean;
      /** Its journal, in the data directory; null for a batch on a queue (`--redis`). */
      journal: string | null;
      /** The API it runs on; null on a queue, whose workers have the API. */
      api: Pick<HistoryApi, 'host' | 'simulator'> | null;
      /** The queue's Redis (scheme, host and port), for a batch on a queue (`--redis`). */
      redis?: string;
    }
  | {
      /** Where a batch stands: `batch status`, and each change while following a queued batch. */
      type: 'batch-status';
      id: string;
      tasks: number;
      /** Tasks in each phase (on a queue also `downloading`, `downloaded`, `downloadFailed`). */
      totals: Record<string, number>;
      requests: number;
      /** Every task has ended. */
      settled: boolean;
    }
  | {
      /** `lemonvideo worker` took its place on the queue. */
      type: 'worker';
      redis: string;
      concurrency: number | null;
      requestsPerMinute: number;
      /** Where it saves videos, or null. */
      outDir: string | null;
    }
  | {
      /** A task of a batch changed phase: created, ended, ... */
      type: 'batch-task';
      line: number;
      /** The line's own `id`, or null. */
      id: string | null;
      phase: TaskPhase;
      taskId: string | null;
      /** The API's last word about the task, e.g. `processing`. */
      status: string | null;
      progress: number | null;
      /** Why it failed, or may have been created; null otherwise. */
      error: StepError | null;
    }
  | {
      /** A line of a batch's final report, one per task, in the order of the file. */
      type: 'batch-report';
      line: number;
      id: string | null;
      taskId: string | null;
      /** Its phase: `completed`, `failed`, `cancelled`, `mayHaveCreatedTask`, or (stopped) `queued`, `running`. */
      status: TaskPhase;
      /** Where its video was saved, or null. */
      file: string | null;
      /** Why it gave no video (or its video was not saved); null when it did. */
      error: { name: string; message: string; code: string | null } | null;
    }
  | {
      /** A batch line that breaks a rule: its line, field and rule. Nothing was sent. */
      type: 'batch-issue';
      line: number;
      field: string;
      message: string;
    }
  | {
      /** `batch --dry-run`: every line checked, nothing sent. */
      type: 'batch-checked';
      file: string;
      tasks: number;
      /** Rules broken, each in a `batch-issue` line before this one. */
      issues: number;
    }
  | {
      type: 'batch-done';
      id: string;
      tasks: number;
      completed: number;
      /** Tasks that ended without a video, or whose video was not saved. */
      failed: number;
      /** Tasks not ended: the run was stopped. */
      unfinished: number;
      requests: number;
      exitCode: number;
    }
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

/** A task of a batch as the JSON lines show a task, from its state (`batch`). */
export function stateJson(state: TaskState): TaskJson {
  return {
    id: state.taskId ?? '',
    status: state.status ?? state.phase,
    progress: state.progress,
    model: state.model,
    videoUrl: state.video?.url ?? null,
    error: state.error && {
      ...(state.error.code ? { code: state.error.code } : {}),
      message: state.error.message,
    },
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
