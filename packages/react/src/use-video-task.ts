import type { JobOptions } from '@lemonvideo/core';
import { useEffect } from 'react';
import type { JobResult } from './job-result';
import { useCurrentJob } from './use-current-job';

/** Options of the job following the task (read when the task id changes). */
export type UseVideoTaskOptions = Omit<JobOptions, 'signal' | 'onCreated'>;

export interface UseVideoTaskResult extends JobResult {
  /** Cancels the server task where the model allows it; rejects when the API refuses. */
  cancel(): Promise<void>;
}

/**
 * Follows an existing task, e.g. one saved before a page reload. Idle while `taskId` is null;
 * unmounting stops polling and leaves the task running on the server.
 */
export function useVideoTask(
  taskId: string | null | undefined,
  options: UseVideoTaskOptions = {},
): UseVideoTaskResult {
  const { follow, reset, result } = useCurrentJob(options);

  useEffect(() => {
    if (!taskId) {
      reset();
      return;
    }
    const next = follow((client, latest) => client.tasks.job(taskId, latest));
    void next.start();
    return () => next.detach();
  }, [follow, reset, taskId]);

  return result;
}
