import { UsageError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { outPath } from '../video-path';
import { followJob } from './follow-job';
import { withResumeHint } from './resume-hint';

export interface WaitOptions {
  /** `--no-download` */
  download: boolean;
  out?: string;
}

/** `lemonvideo wait <id>`: follow a task to its end and save its video. */
export async function wait(
  context: CommandContext,
  id: string,
  options: WaitOptions,
): Promise<void> {
  if (options.out !== undefined && !options.download) {
    throw new UsageError('--out saves the video, so it cannot go with --no-download');
  }
  const { connection, known, recorder } = await context.taskById(id);
  const job = connection.client.tasks.job(id, {
    timeout: context.timeoutMs,
    onProgress: recorder.observe,
  });
  await withResumeHint(known, connection, () =>
    followJob(context, connection, job, recorder, {
      since: Date.parse(recorder.entry.createdAt),
      videoPath: (taskId) => (options.download ? outPath(context.cwd, options.out, taskId) : null),
    }),
  );
}
