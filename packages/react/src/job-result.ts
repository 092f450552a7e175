import { isTerminal, type JobSnapshot, type VideoJob } from '@lemonvideo/core';

/** What both hooks return about their job. */
export interface JobResult {
  /** `idle` before the first job, then the job's status (core's `JobStatus`). */
  status: JobSnapshot['status'];
  /** The task's id once the API created it; null before. */
  taskId: string | null;
  /** 0 to 100, or null while the task reports none. */
  progress: number | null;
  /**
   * Milliseconds to the expected end as of the last snapshot, or null when there is no honest
   * estimate; core's `remainingMs(snapshot, now)` with `useNow` counts it down between polls.
   */
  etaMs: number | null;
  /** The video once completed (`url`, ...), else null. */
  video: JobSnapshot['video'];
  /** Why it failed or was cancelled (one of core's error classes), else null. */
  error: JobSnapshot['error'];
  /** The whole snapshot, for `switch (snapshot.status)`. */
  snapshot: JobSnapshot;
  /** The job itself, or null before the first one. */
  job: VideoJob | null;
  /** No job yet. */
  isIdle: boolean;
  /** Submitting, pending or processing. */
  isRunning: boolean;
  /** Completed, with `video`. */
  isSuccess: boolean;
  /** Failed or cancelled; `error` says why. */
  isError: boolean;
}

/**
 * A job's snapshot as the hooks return it (`JobResult`): its fields, and the flags `isIdle`,
 * `isRunning` (submitting, pending or processing), `isSuccess` (completed) and `isError` (failed
 * or cancelled). For a job followed with `useJobSnapshot`, to read it as the hooks do:
 * `jobResult(job, useJobSnapshot(job))`. Pure: it reads the snapshot, calls nothing.
 */
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
