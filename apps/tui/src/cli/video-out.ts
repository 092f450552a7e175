import { UsageError } from '../session/errors';
import { type VideoTarget, videoTarget } from '../session/video-path';
import type { CommandContext } from './command-context';

/** `--out` and `--overwrite`, as `generate`, `wait` and `download` take them. */
export interface VideoOutOptions {
  out?: string;
  overwrite?: boolean;
}

/**
 * Where a command saves videos (see `videoTarget`). With `--out -` the video's bytes are all
 * that stdout carries: every line, JSON or not, goes to stderr instead. Throws `UsageError`
 * when stdout is a terminal then.
 */
export function videoOut(
  context: CommandContext,
  options: VideoOutOptions,
): (taskId: string) => VideoTarget {
  if (options.out === '-') {
    if (context.stdout.isTTY) {
      throw new UsageError(
        '--out - writes the video to stdout, which is a terminal: pipe it, or give a file',
      );
    }
    context.output.linesToStderr();
  }
  return (taskId) => videoTarget(context.session.cwd, options, taskId);
}

/** The help of `--out` and `--overwrite`, the same for each command. */
export const outHelp = {
  out: 'save the video here instead of ./videos/<task id>.mp4; - writes it to stdout (every line then goes to stderr)',
  overwrite:
    "replace a file already at --out, keeping its mode (never anything but a regular file; a ./videos/<task id>.mp4 already there is kept as that task's video)",
};
