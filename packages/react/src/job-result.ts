import { isTerminal, type JobSnapshot, type VideoJob } from '@lemonvideo/core';

/** What both hooks return about their job. */
export interface JobResult {
  status: JobSnapshot['status'];
  taskId: string | null;
  progress: number | null;
  etaMs: number | null;
  video: JobSnapshot['video'];
  error: JobSnapshot['error'];
  /** The whole snapshot, for `switch (snapshot.status)`. */
  snapshot: JobSnapshot;
  /** The job itself, or null before the first one. */
  job: VideoJob | null;
  isIdle: boolean;
  /** Submitting, pending or processing. */
  isRunning: boolean;
  isSuccess: boolean;
  /** Failed or cancelled; `error` says why. */
  isError: boolean;
}

export function jobResult(job: VideoJob | null, snapshot: JobSnapshot): JobResult {
  const { status } = snapshot;
  return {
    status,
    taskId: snapshot.taskId,
    progress: snapshot.progress,
    etaMs: snapshot.etaMs,
    video: snapshot.video,
    error: snapshot.error,
    snapshot,
    job,
    isIdle: status === 'idle',
    isRunning: status !== 'idle' && !isTerminal(status),
    isSuccess: status === 'completed',
    isError: isTerminal(status) && status !== 'completed',
  };
}
