import {
  JobDetachedError,
  TaskCancelledError,
  TaskFailedError,
  type VideoJob,
} from '@lemonvideo/core';
import { InterruptedError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import type { Connection } from '../connection';
import { onInterrupt } from '../interrupts';
import { taskJson } from '../json-events';
import { leftTaskMessage } from '../left-task';
import { progressText } from '../progress-text';
import type { TaskRecorder } from '../task-recorder';
import { saveVideo } from './save-video';

export interface FollowOptions {
  /** Where to save the video, or null to leave it on the server. */
  videoPath: (taskId: string) => string | null;
  /** When the wait began, for "elapsed" (clock milliseconds). */
  since: number;
}

/**
 * Runs `job` to its end with progress on stderr, then saves its video. Ctrl-C detaches the
 * task (or, with `--cancel-on-exit`, cancels it where the model allows) and says how to
 * resume. Resolves once done; rejects with why not.
 */
export async function followJob(
  context: CommandContext,
  connection: Connection,
  job: VideoJob,
  recorder: TaskRecorder,
  options: FollowOptions,
): Promise<void> {
  const { output } = context;
  let interrupted = false;
  const release = onInterrupt(() => {
    interrupted = true;
    if (!context.cancelOnExit) {
      job.detach();
      return;
    }
    output.note('Cancelling the task…');
    job.cancel().catch((error: unknown) => {
      output.note(`Cannot cancel: ${connection.describe(error)} Detaching instead.`);
      job.detach();
    });
  });
  const unsubscribe = job.subscribe((snapshot) => {
    // From the task's creation on: a refused create then says one thing, its error.
    if (snapshot.status === 'pending' || snapshot.status === 'processing') {
      output.progress(progressText(snapshot, options.since, Date.now()));
    }
  });
  try {
    const task = await job.start();
    unsubscribe();
    output.emit(
      { type: 'completed', task: taskJson(task) },
      `${output.paint('green', 'Completed')} ${task.id}: ${task.video?.url}`,
    );
    const path = options.videoPath(task.id);
    if (path !== null) await saveVideo(context, connection, task, path, recorder);
  } catch (error) {
    if (error instanceof JobDetachedError && error.taskId !== null) {
      const { taskId } = error;
      const resumable = !connection.api.embedded;
      output.emit({
        type: 'detached',
        taskId,
        resume: resumable ? `lemonvideo wait ${taskId}` : null,
      });
      output.note(leftTaskMessage(taskId, resumable));
    } else if (error instanceof TaskCancelledError) {
      output.emit({ type: 'cancelled', task: taskJson(error.task) }, `Cancelled ${error.task.id}.`);
      if (interrupted) throw new InterruptedError(error.message);
    } else if (error instanceof TaskFailedError) {
      output.emit({ type: 'failed', task: taskJson(error.task) });
    }
    throw error;
  } finally {
    unsubscribe();
    release();
  }
}
