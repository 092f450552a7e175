import type { Command } from 'commander';
import { UsageError } from '../../session/errors';
import { withResumeHint } from '../../session/resume-hint';
import { outPath } from '../../session/video-path';
import { followJob } from '../follow-job';
import type { RunCommand } from '../program';
import { taskCommand } from '../task-command';

interface WaitOptions {
  /** `--no-download` */
  download: boolean;
  out?: string;
}

/** `lemonvideo wait <id>`: follow a task to its end and save its video. */
export function registerWait(program: Command, run: RunCommand): void {
  const description = 'follow a task to its end and save its video (resumes a detached task)';
  taskCommand<WaitOptions>(program, run, 'wait', description, async (context, id, options) => {
    if (options.out !== undefined && !options.download) {
      throw new UsageError('--out saves the video, so it cannot go with --no-download');
    }
    const { session } = context;
    const { connection, known, recorder } = await context.taskById(id);
    const job = connection.client.tasks.job(id, {
      timeout: session.options.waitMs,
      onProgress: recorder.observe,
    });
    await withResumeHint(known, connection, () =>
      followJob(context, connection, job, recorder, {
        since: Date.parse(recorder.entry.createdAt),
        keepExisting: options.out === undefined,
        videoPath: (taskId) =>
          options.download ? outPath(session.cwd, options.out, taskId) : null,
      }),
    );
  })
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', 'save the video here instead of ./videos/<task id>.mp4');
}
