import type { LemonVideo, VideoJob } from '@lemonvideo/core';
import { useCallback, useRef, useState } from 'react';
import { useLemonVideo } from './context';
import { type JobResult, jobResult } from './job-result';
import { useJobSnapshot } from './use-job-snapshot';

/**
 * The job both job hooks hold, null before the first. `follow(make)` makes the next one from
 * the client and the latest `options` (read then, never a reason to make another) and holds it
 * in place of the last; `reset` lets go of it; `result` is what the hooks return about it, with
 * its `cancel`.
 */
export function useCurrentJob<Options>(options: Options) {
  const client = useLemonVideo();
  const [job, setJob] = useState<VideoJob | null>(null);
  const snapshot = useJobSnapshot(job);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const follow = useCallback(
    (make: (client: LemonVideo, options: Options) => VideoJob) => {
      const next = make(client, optionsRef.current);
      setJob(next);
      return next;
    },
    [client],
  );
  const reset = useCallback(() => setJob(null), []);
  const cancel = useCallback(async () => job?.cancel(), [job]);
  const result: JobResult & { cancel(): Promise<void> } = { ...jobResult(job, snapshot), cancel };
  return { job, follow, reset, result };
}
