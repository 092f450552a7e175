import { resolve } from 'node:path';

/** A task's video file name: `<task id>.mp4`, any character a file name may not hold as `_`. */
export const videoFileName = (taskId: string) => `${taskId.replace(/[^\w.-]/g, '_')}.mp4`;

/** `./videos/<task id>.mp4`, or `--out` (from `cwd`): where a finished video goes. */
export function outPath(cwd: string, out: string | undefined, taskId: string): string {
  return resolve(cwd, out ?? `videos/${videoFileName(taskId)}`);
}
