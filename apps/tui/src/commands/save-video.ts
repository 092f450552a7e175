import type { VideoTask } from '@lemonvideo/core';
import { downloadToFile } from '@lemonvideo/core/node';
import { barText } from '../bar-text';
import { InterruptedError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import type { Connection } from '../connection';
import { formatBytes } from '../format-bytes';
import { onInterrupt } from '../interrupts';
import type { TaskRecorder } from '../task-recorder';

/**
 * Downloads a completed task's video to `path` with progress on stderr, and records the file.
 * On Ctrl-C or an error, says how to fetch it later; no partial file is left at `path`.
 */
export async function saveVideo(
  context: CommandContext,
  connection: Connection,
  task: VideoTask,
  path: string,
  recorder: TaskRecorder,
): Promise<void> {
  const { output } = context;
  const url = task.video?.url;
  if (url === undefined) throw new Error(`Task ${task.id} has no video (status "${task.status}").`);
  const controller = new AbortController();
  const release = onInterrupt(() =>
    controller.abort(new InterruptedError('Download interrupted.')),
  );
  try {
    const saved = await downloadToFile(connection.client, task, path, {
      signal: controller.signal,
      onProgress: ({ loaded, total }) => {
        const bar = total
          ? ` ${barText(loaded / total, 20)} ${Math.floor((loaded / total) * 100)}%`
          : '';
        output.progress(`downloading${bar} ${formatBytes(loaded)}`);
      },
    });
    recorder.saved(url, saved.path);
    output.emit(
      { type: 'downloaded', taskId: task.id, file: saved.path, bytes: saved.bytes },
      `Saved ${output.paint('bold', saved.path)} (${formatBytes(saved.bytes)})`,
    );
  } catch (error) {
    output.note(`The video stays at ${url}; fetch it later with: lemonvideo download ${task.id}`);
    throw error;
  } finally {
    release();
  }
}
