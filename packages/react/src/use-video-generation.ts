import type { CreateVideoParams, JobOptions, VideoTask } from '@lemonvideo/core';
import { useCallback, useEffect } from 'react';
import type { JobResult } from './job-result';
import { useCurrentJob } from './use-current-job';

/** Options of every generation this hook starts (read when `generate` is called). */
export type UseVideoGenerationOptions = Omit<JobOptions, 'signal'>;

export interface UseVideoGenerationResult extends JobResult {
  /** Starts a generation; a failure lands in `error`. A running one is detached, not lost. */
  generate(params: CreateVideoParams): void;
  /** Starts a generation and resolves with the completed task, or rejects. */
  generateAsync(params: CreateVideoParams): Promise<VideoTask>;
  /** Cancels the server task where the model allows it; rejects when the API refuses. */
  cancel(): Promise<void>;
  /** Back to idle; a running job is detached (its task goes on on the server). */
  reset(): void;
}

/**
 * Generates videos: `generate(params)`, then read `status`, `progress`, `etaMs`, `video`.
 * Unmounting stops polling and leaves the server task running; resume it with `useVideoTask`.
 */
export function useVideoGeneration(
  options: UseVideoGenerationOptions = {},
): UseVideoGenerationResult {
  const { job, follow, reset, result } = useCurrentJob(options);

  useEffect(() => () => job?.detach(), [job]);

  const generateAsync = useCallback(
    (params: CreateVideoParams) =>
      follow((client, latest) => client.videos.job(params, latest)).start(),
    [follow],
  );
  const generate = useCallback(
    (params: CreateVideoParams) => {
      generateAsync(params).catch(() => undefined);
    },
    [generateAsync],
  );

  return { ...result, generate, generateAsync, reset };
}
