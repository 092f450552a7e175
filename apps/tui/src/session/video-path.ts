import { resolve } from 'node:path';

/** A task's video file name: `<task id>.mp4`, any character a file name may not hold as `_`. */
export const videoFileName = (taskId: string) => `${taskId.replace(/[^\w.-]/g, '_')}.mp4`;

/**
 * Where a finished video goes: a file, replaced only when `overwrite` (and never when it is
 * not a regular file), or the standard output (`--out -`). With `keepExisting`, a regular file
 * already at the path is taken as the video, saved whole by an earlier run.
 */
export type VideoTarget =
  | { kind: 'file'; path: string; overwrite: boolean; keepExisting: boolean }
  | { kind: 'stdout' };

/**
 * `./videos/<task id>.mp4` (from `cwd`): the task's own file. A download never leaves a partial
 * file at its path, so one already there is this task's video, kept rather than downloaded again.
 */
export function defaultVideoTarget(cwd: string, taskId: string): VideoTarget & { kind: 'file' } {
  const path = resolve(cwd, 'videos', videoFileName(taskId));
  return { kind: 'file', path, overwrite: false, keepExisting: true };
}

/**
 * Where `--out` (from `cwd`) puts a task's video: `-` is the standard output, a path a file
 * replaced only with `--overwrite`; no `--out`, the default (`defaultVideoTarget`).
 */
export function videoTarget(
  cwd: string,
  { out, overwrite }: { out?: string | undefined; overwrite?: boolean | undefined },
  taskId: string,
): VideoTarget {
  if (out === undefined) return defaultVideoTarget(cwd, taskId);
  if (out === '-') return { kind: 'stdout' };
  return {
    kind: 'file',
    path: resolve(cwd, out),
    overwrite: overwrite === true,
    keepExisting: false,
  };
}
