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
import type { VideoTarget } from '../session/video-path';
import { progressText } from '../text/progress-text';
import type { CommandContext } from './command-context';
import { onInterrupt, type StopSignal } from './interrupts';
import { taskJson } from './json-events';
import { saveWithProgress } from './save-with-progress';

export interface FollowOptions {
  /** Where to save the video, or null to leave it on the server. */
  videoTarget: (taskId: string) => VideoTarget | null;
  /** When the wait began, for "elapsed" (clock milliseconds). */
  since: number;
}

/**
 * Runs `job` to its end with progress on stderr, then saves its video. Ctrl-C or SIGTERM
 * leaves the job (`leaveJob`: detach, or with `--cancel-on-exit` cancel where the model allows)
 * and says what became of the task. Every line that can end the run carries the task as last
 * seen and the saved file (`Output.track`). Resolves once done and recorded; rejects with why
 * not.
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
  let stoppedBy: StopSignal = 'SIGINT';
  const release = onInterrupt((signal) => {
    stoppedBy = signal;
    const choice = context.session.options.cancelOnExit ? 'cancel' : 'detach';
    if (choice === 'cancel') output.note('Cancelling the task…');
    leaving = leaveJob(job, choice, {
      resumable: !connection.api.embedded,
      describe: context.describe,
    });
  });
  output.track({ task: null, file: null });
  const unsubscribe = job.subscribe((snapshot) => {
    if (snapshot.task) output.track({ task: taskJson(snapshot.task) });
    // From the task's creation on: a refused create then says one thing, its error.
    if (snapshot.status === 'pending' || snapshot.status === 'processing') {
      output.progress(progressText(snapshot, options.since, clock.now()));
    }
  });
  try {
    const task = await job.start();
    unsubscribe();
    release();
    await recorder.flush();
    const { file } = output.track({ task: taskJson(task) });
    output.emit(
      { type: 'completed', task: taskJson(task), file },
      `${output.paint('green', 'Completed')} ${task.id}: ${task.video?.url}`,
    );
    const target = options.videoTarget(task.id);
    if (target !== null) await saveWithProgress(context, connection, task, target, recorder);
  } catch (error) {
    const left = await leaving;
    await recorder.flush();
    if (error instanceof JobDetachedError && error.taskId !== null) {
      const resume = connection.api.embedded ? null : `lemonvideo wait ${error.taskId}`;
      const task = job.getSnapshot().task;
      const { file } = output.track({ task: task && taskJson(task) });
      output.emit({
        type: 'detached',
        taskId: error.taskId,
        resume,
        task: task && taskJson(task),
        file,
      });
    } else if (error instanceof TaskCancelledError) {
      const { file } = output.track({ task: taskJson(error.task) });
      output.emit(
        { type: 'cancelled', task: taskJson(error.task), file },
        `Cancelled ${error.task.id}.`,
      );
    } else if (error instanceof TaskFailedError) {
      const { file } = output.track({ task: taskJson(error.task) });
      output.emit({ type: 'failed', task: taskJson(error.task), file });
    }
    if (left === undefined) throw error;
    // Said once: the cancelled task has its line already.
    if (left.how !== 'cancelled') output.note(left.message);
    throw new InterruptedError(left.message, stoppedBy, { reported: true });
  } finally {
    unsubscribe();
    release();
  }
}
