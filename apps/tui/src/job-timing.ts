import type { JobSnapshot } from '@lemonvideo/core';

/** Milliseconds left at `now`, counting down from the job's last estimate; null when none. */
export function remainingMs(snapshot: JobSnapshot, now: number): number | null {
  if (snapshot.etaMs === null) return null;
  return Math.max(0, snapshot.etaMs - (now - snapshot.updatedAt));
}
