import { JobDetachedError, TaskCancelledError, type VideoJob } from '@lemonvideo/core';

/** How a person leaves a running job: let the task go on on the server, or cancel it. */
export type LeaveChoice = 'detach' | 'cancel';

/** What became of a job that was left, and the sentence that says so. */
export interface LeftJob {
  how: 'detached' | 'cancelled' | 'completed' | 'not-created';
  message: string;
}

export interface LeaveOptions {
  /** The task outlives this process: false on the built-in simulator, which stops with it. */
  resumable: boolean;
  /** An error as one line, for a refused cancel. */
  describe: (error: unknown) => string;
}

/** What the app and the CLI say of a task they stop following while it runs. */
function leftTaskMessage(taskId: string, resumable: boolean): string {
  return resumable
    ? `Detached from task ${taskId}: it goes on on the server. Resume with: lemonvideo wait ${taskId}`
    : `Left task ${taskId} on the built-in simulator, which stops with lemonvideo.`;
}

/**
 * Leaves a running job, the one way for both faces: detaches it, or cancels its task where
 * the model allows (and detaches when the API refuses, saying why). A create already sent
 * still lands, so its task id is never lost. Resolves once the job has let go, with what
 * became of the task.
 */
export async function leaveJob(
  job: VideoJob,
  choice: LeaveChoice,
  { resumable, describe }: LeaveOptions,
): Promise<LeftJob> {
  let why = '';
  if (choice === 'cancel') {
    try {
      await job.cancel();
    } catch (error) {
      why = `Cannot cancel: ${describe(error)} Detaching instead. `;
    }
  }
  // After a cancel the job has ended, and this changes nothing; after a refusal it lets go.
  job.detach();
  return job.result.then(
    (task): LeftJob => ({ how: 'completed', message: `${why}Task ${task.id} had just completed.` }),
    (error: unknown): LeftJob => {
      if (error instanceof TaskCancelledError) {
        return { how: 'cancelled', message: `Cancelled task ${error.task.id}.` };
      }
      const taskId = error instanceof JobDetachedError ? error.taskId : job.getSnapshot().taskId;
      if (taskId === null) {
        return { how: 'not-created', message: `${why}No task was created: ${describe(error)}` };
      }
      return { how: 'detached', message: `${why}${leftTaskMessage(taskId, resumable)}` };
    },
  );
}
