import type { VideoTask } from '@lemonvideo/core';
import type { Connection } from '../session/connection';
import { InterruptedError } from '../session/errors';
import { downloadLater, saveVideo } from '../session/save-video';
import type { TaskRecorder } from '../session/task-recorder';
import { barText } from '../text/bar-text';
import { formatBytes } from '../text/format-bytes';
import type { CommandContext } from './command-context';
import { onInterrupt } from './interrupts';

/**
 * Saves a completed task's video to `path` with progress on stderr, then says where it is.
 * On Ctrl-C or an error, says how to fetch it later; no partial file is left at `path`.
 */
export async function saveWithProgress(
  context: CommandContext,
  connection: Connection,
  task: VideoTask,
  path: string,
  recorder: TaskRecorder,
  /** See `SaveVideoOptions.keepExisting`: true for the default path. */
  keepExisting = false,
): Promise<void> {
  const { output } = context;
  const controller = new AbortController();
  const release = onInterrupt(() =>
    controller.abort(new InterruptedError('Download interrupted.')),
  );
  try {
    const saved = await saveVideo(connection.client, task, path, recorder, {
      keepExisting,
      signal: controller.signal,
      onProgress: ({ loaded, total }) => {
        const bar = total
          ? ` ${barText(loaded / total, 20)} ${Math.floor((loaded / total) * 100)}%`
          : '';
        output.progress(`downloading${bar} ${formatBytes(loaded)}`);
      },
    });
    output.emit(
      { type: 'downloaded', taskId: task.id, file: saved.path, bytes: saved.bytes },
      `Saved ${output.paint('bold', saved.path)} (${formatBytes(saved.bytes)})`,
    );
  } catch (error) {
    if (task.video) {
      output.note(
        `The video stays at ${task.video.url}; fetch it later with: ${downloadLater(task.id)}`,
      );
    }
    throw error;
  } finally {
    release();
  }
}
