import { resolve } from 'node:path';

/** `./videos/<task id>.mp4`, or `--out` (from `cwd`): where a finished video goes. */
export function outPath(cwd: string, out: string | undefined, taskId: string): string {
  return resolve(cwd, out ?? `videos/${taskId.replace(/[^\w.-]/g, '_')}.mp4`);
}
