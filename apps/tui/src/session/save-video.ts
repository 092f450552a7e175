import { statSync } from 'node:fs';
import type { DownloadOptions, LemonVideo, VideoTask } from '@lemonvideo/core';
import { downloadToFile, type SavedVideo } from '@lemonvideo/core/node';
import type { TaskRecorder } from './task-recorder';

export interface SaveVideoOptions extends DownloadOptions {
  /**
   * A file already at `path` is this task's video, saved whole by an earlier run (the default
   * path, `./videos/<task id>.mp4`, is the task's own, and a download never leaves a partial
   * file there): keep it rather than refuse. Default false: a file there is refused.
   */
  keepExisting?: boolean | undefined;
}

/**
 * Saves a completed task's video to `path` and records the file in the history: what both
 * faces do once a task completes, each showing `onProgress` its own way. No partial file is
 * ever left at `path` (see `downloadToFile`); `signal` stops the download.
 */
export async function saveVideo(
  client: LemonVideo,
  task: VideoTask,
  path: string,
  recorder: TaskRecorder,
  { keepExisting = false, ...options }: SaveVideoOptions = {},
): Promise<SavedVideo> {
  const url = task.video?.url;
  if (url === undefined) throw new Error(`Task ${task.id} has no video (status "${task.status}").`);
  const found = keepExisting ? statSync(path, { throwIfNoEntry: false }) : undefined;
  if (found?.isFile()) {
    recorder.saved(url, path);
    return { path, bytes: found.size };
  }
  const saved = await downloadToFile(client, task, path, options);
  recorder.saved(url, saved.path);
  return saved;
}

/** The command that saves a task's video later, when saving it now failed. */
export const downloadLater = (taskId: string) => `lemonvideo download ${taskId}`;
