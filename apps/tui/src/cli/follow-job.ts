import {
  JobDetachedError,
  TaskCancelledError,
  TaskFailedError,
  type VideoJob,
} from '@lemonvideo/core';
import type { Connection } from '../session/connection';
import { InterruptedError } from '../session/errors';
import { type LeftJob, leaveJob } from '../session/leave-job';
import type { TaskRecorder } from '../session/task-recorder';
import { progressText } from '../text/progress-text';
import type { CommandContext } from './command-context';
import { onInterrupt } from './interrupts';
import { taskJson } from './json-events';
import { saveWithProgress } from './save-with-progress';

export interface FollowOptions {
  /** Where to save the video, or null to leave it on the server. */
  videoPath: (taskId: string) => string | null;
  /** When the wait began, for "elapsed" (clock milliseconds). */
  since: number;
  /** A video already at its path is kept (the default path: see `SaveVideoOptions`). */
  keepExisting: boolean;
}

/**
 * Runs `job` to its end with progress on stderr, then saves its video. Ctrl-C leaves the job
 * (`leaveJob`: detach, or with `--cancel-on-exit` cancel where the model allows) and says
 * what became of the task. Resolves once done; rejects with why not.
 */
export async function followJob(
  context: CommandContext,
  connection: Connection,
  job: VideoJob,
  recorder: TaskRecorder,
  options: FollowOptions,
): Promise<void> {
  const { output } = context;
  const { clock } = connection.client;
  let leaving: Promise<LeftJob> | undefined;
  const release = onInterrupt(() => {
    const choice = context.session.options.cancelOnExit ? 'cancel' : 'detach';
    if (choice === 'cancel') output.note('Cancelling the task…');
    leaving = leaveJob(job, choice, {
      resumable: !connection.api.embedded,
      describe: context.describe,
    });
  });
  const unsubscribe = job.subscribe((snapshot) => {
    // From the task's creation on: a refused create then says one thing, its error.
    if (snapshot.status === 'pending' || snapshot.status === 'processing') {
      output.progress(progressText(snapshot, options.since, clock.now()));
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
    if (path !== null) {
      await saveWithProgress(context, connection, task, path, recorder, options.keepExisting);
    }
  } catch (error) {
    if (error instanceof JobDetachedError && error.taskId !== null) {
      const resume = connection.api.embedded ? null : `lemonvideo wait ${error.taskId}`;
      output.emit({ type: 'detached', taskId: error.taskId, resume });
    } else if (error instanceof TaskCancelledError) {
      output.emit({ type: 'cancelled', task: taskJson(error.task) }, `Cancelled ${error.task.id}.`);
    } else if (error instanceof TaskFailedError) {
      output.emit({ type: 'failed', task: taskJson(error.task) });
    }
    const left = await leaving;
    if (left === undefined) throw error;
    // Said once: the cancelled task has its line already.
    if (left.how !== 'cancelled') output.note(left.message);
    throw new InterruptedError(left.message);
  } finally {
    unsubscribe();
    release();
  }
}
