import { initialSnapshot, type JobSnapshot, type VideoJob } from '@lemonvideo/core';
import { useSyncExternalStore } from 'react';

const idle = initialSnapshot(0);
const noJob = () => () => undefined;
const idleSnapshot = () => idle;

/** The job's snapshot, re-rendering once per change; idle when there is no job. */
export function useJobSnapshot(job: VideoJob | null): JobSnapshot {
  return useSyncExternalStore(
    job?.subscribe ?? noJob,
    job?.getSnapshot ?? idleSnapshot,
    job?.getSnapshot ?? idleSnapshot,
  );
}
