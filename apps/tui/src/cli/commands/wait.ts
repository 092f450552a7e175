import type { Command } from 'commander';
import { UsageError } from '../../session/errors';
import { withResumeHint } from '../../session/resume-hint';
import { followJob } from '../follow-job';
import type { RunCommand } from '../program';
import { taskCommand } from '../task-command';
import { outHelp, type VideoOutOptions, videoOut } from '../video-out';

interface WaitOptions extends VideoOutOptions {
  /** `--no-download` */
  download: boolean;
}

/** `lemonvideo wait <id>`: follow a task to its end and save its video. */
export function registerWait(program: Command, run: RunCommand): void {
  const description = 'follow a task to its end and save its video (resumes a detached task)';
  taskCommand<WaitOptions>(program, run, 'wait', description, async (context, id, options) => {
    if (options.out !== undefined && !options.download) {
      throw new UsageError('--out saves the video, so it cannot go with --no-download');
    }
    const { session } = context;
    const target = videoOut(context, options);
    const { connection, known, recorder } = await context.taskById(id);
    const job = connection.client.tasks.job(id, {
      timeout: session.options.waitMs,
      onProgress: recorder.observe,
    });
    await withResumeHint(known, connection, () =>
      followJob(context, connection, job, recorder, {
        since: Date.parse(recorder.entry.createdAt),
        videoTarget: (taskId) => (options.download ? target(taskId) : null),
      }),
    );
  })
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', outHelp.out)
    .option('--overwrite', outHelp.overwrite);
}
