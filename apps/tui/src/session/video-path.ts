import { resolve } from 'node:path';

/** A task's video file name: `<task id>.mp4`, any character a file name may not hold as `_`. */
export const videoFileName = (taskId: string) => `${taskId.replace(/[^\w.-]/g, '_')}.mp4`;

/**
 * Where a finished video goes: a file, replaced only when `overwrite` (and never when it is
 * not a regular file), or the standard output (`--out -`).
 */
export type VideoTarget = { kind: 'file'; path: string; overwrite: boolean } | { kind: 'stdout' };

/** `./videos/<task id>.mp4` (from `cwd`): a task's own file, which a new download replaces. */
export function defaultVideoTarget(cwd: string, taskId: string): VideoTarget & { kind: 'file' } {
  const path = resolve(cwd, 'videos', videoFileName(taskId));
  // The same task's video again: replacing it loses nothing (a file the person named needs
  // --overwrite).
  return { kind: 'file', path, overwrite: true };
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
  return { kind: 'file', path: resolve(cwd, out), overwrite: overwrite === true };
}
