import { statSync } from 'node:fs';
import type { DownloadOptions, LemonVideo, VideoTask } from '@lemonvideo/core';
import { downloadToFile, downloadToStream, type SavedVideo } from '@lemonvideo/core/node';
import type { TaskRecorder } from './task-recorder';
import type { VideoTarget } from './video-path';

/**
 * Saves a completed task's video to `target` and records the file in the history: what both
 * faces do once a task completes, each showing `onProgress` its own way. No partial file is
 * ever left at the path, nor anything but a regular file replaced (see `downloadToFile`); on
 * the standard output, `stdout` gets the bytes and is not ended. `signal` stops the download:
 * it rejects with the signal's reason, its `.part` file removed. Resolves with where the
 * video went (`-` for the standard output) and its size.
 */
export async function saveVideo(
  client: LemonVideo,
  task: VideoTask,
  target: VideoTarget,
  recorder: TaskRecorder,
  options: DownloadOptions & { stdout?: NodeJS.WritableStream } = {},
): Promise<SavedVideo> {
  const url = task.video?.url;
  if (url === undefined) throw new Error(`Task ${task.id} has no video (status "${task.status}").`);
  if (target.kind === 'stdout') {
    if (options.stdout === undefined) throw new Error('No standard output to write the video to.');
    const { bytes } = await downloadToStream(client, task, options.stdout, {
      ...options,
      end: false,
    });
    return { path: '-', bytes };
  }
  const found = target.keepExisting ? statSync(target.path, { throwIfNoEntry: false }) : undefined;
  if (found?.isFile()) {
    await recorder.saved(url, target.path);
    return { path: target.path, bytes: found.size };
  }
  const saved = await downloadToFile(client, task, target.path, {
    ...options,
    overwrite: target.overwrite,
  });
  await recorder.saved(url, saved.path);
  return saved;
}

/** The command that saves a task's video later, when saving it now failed. */
export const downloadLater = (taskId: string) => `lemonvideo download ${taskId}`;
