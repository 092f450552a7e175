import { DownloadError, type VideoTask } from '@lemonvideo/core';
import type { Connection } from '../session/connection';
import { InterruptedError, UsageError } from '../session/errors';
import { downloadLater, saveVideo } from '../session/save-video';
import type { TaskRecorder } from '../session/task-recorder';
import type { VideoTarget } from '../session/video-path';
import { barText } from '../text/bar-text';
import { formatBytes } from '../text/format-bytes';
import type { CommandContext } from './command-context';
import { onInterrupt } from './interrupts';
import { taskJson } from './json-events';

/**
 * Saves a completed task's video to `target` with progress on stderr, then says where it is.
 * It gives up after `--timeout` in all, or 30 s without a byte (core's idle timeout). Ctrl-C
 * (SIGINT) or SIGTERM stops it; on any failure it says how to fetch the video later, and no
 * partial file is left.
 */
export async function saveWithProgress(
  context: CommandContext,
  connection: Connection,
  task: VideoTask,
  target: VideoTarget,
  recorder: TaskRecorder,
): Promise<void> {
  const { output } = context;
  const controller = new AbortController();
  const release = onInterrupt((signal) =>
    controller.abort(
      new InterruptedError('Download interrupted; no partial file is left.', signal),
    ),
  );
  try {
    const saved = await saveVideo(connection.client, task, target, recorder, {
      signal: controller.signal,
      timeout: context.session.options.waitMs,
      stdout: context.stdout,
      onProgress: ({ loaded, total }) => {
        const bar = total
          ? ` ${barText(loaded / total, 20)} ${Math.floor((loaded / total) * 100)}%`
          : '';
        output.progress(`downloading${bar} ${formatBytes(loaded)}`);
      },
    });
    const file = saved.path;
    output.track({ file });
    output.emit(
      { type: 'downloaded', taskId: task.id, file, bytes: saved.bytes, task: taskJson(task) },
      file === '-'
        ? `Wrote the video to stdout (${formatBytes(saved.bytes)})`
        : `Saved ${output.paint('bold', file)} (${formatBytes(saved.bytes)})`,
    );
  } catch (error) {
    if (task.video) {
      output.note(
        `The video stays at ${task.video.url}; fetch it later with: ${downloadLater(task.id)}`,
      );
    }
    if (error instanceof DownloadError && error.code === 'file_exists') {
      throw new UsageError(`${error.path} already exists; pass --overwrite to replace it.`);
    }
    throw error;
  } finally {
    release();
  }
}
