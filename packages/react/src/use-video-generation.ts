import type { CreateVideoParams, JobOptions, VideoJob, VideoTask } from '@lemonvideo/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLemonVideo } from './context';
import { type JobResult, jobResult } from './job-result';
import { useJobSnapshot } from './use-job-snapshot';

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
  const client = useLemonVideo();
  const [job, setJob] = useState<VideoJob | null>(null);
  const snapshot = useJobSnapshot(job);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => () => job?.detach(), [job]);

  const generateAsync = useCallback(
    (params: CreateVideoParams) => {
      const next = client.videos.job(params, optionsRef.current);
      setJob(next);
      return next.start();
    },
    [client],
  );
  const generate = useCallback(
    (params: CreateVideoParams) => {
      generateAsync(params).catch(() => undefined);
    },
    [generateAsync],
  );
  const cancel = useCallback(async () => job?.cancel(), [job]);
  const reset = useCallback(() => setJob(null), []);

  return { ...jobResult(job, snapshot), generate, generateAsync, cancel, reset };
}
