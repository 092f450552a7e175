import { type JobSnapshot, remainingMs } from '@lemonvideo/core';
import { barText } from './bar-text';
import { formatDuration } from './format-duration';

/** `processing ████░░░░ 45% · 0:12 elapsed · ETA 0:15`: a running job on one line. */
export function progressText(snapshot: JobSnapshot, since: number, now: number): string {
  const parts: string[] = [
    snapshot.status === 'submitting' ? 'creating the task' : snapshot.status,
  ];
  if (snapshot.status === 'processing') {
    const { progress } = snapshot;
    parts[0] += ` ${barText(progress === null ? null : progress / 100, 20, snapshot.polls)}`;
    if (progress !== null) parts[0] += ` ${Math.round(progress)}%`;
  }
  parts.push(`${formatDuration(now - since)} elapsed`);
  const left = remainingMs(snapshot, now);
  if (left !== null && snapshot.status !== 'submitting') parts.push(`ETA ${formatDuration(left)}`);
  return parts.join(' · ');
}
