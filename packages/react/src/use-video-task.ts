import type { JobOptions, VideoJob } from '@lemonvideo/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLemonVideo } from './context';
import { type JobResult, jobResult } from './job-result';
import { useJobSnapshot } from './use-job-snapshot';

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
  const client = useLemonVideo();
  const [job, setJob] = useState<VideoJob | null>(null);
  const snapshot = useJobSnapshot(job);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (!taskId) {
      setJob(null);
      return;
    }
    const next = client.tasks.job(taskId, optionsRef.current);
    setJob(next);
    void next.start();
    return () => next.detach();
  }, [client, taskId]);

  const cancel = useCallback(async () => job?.cancel(), [job]);
  return { ...jobResult(job, snapshot), cancel };
}
