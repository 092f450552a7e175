import { taskOutcome } from '@lemonvideo/core';
import type { Command } from 'commander';
import type { RunCommand } from '../program';
import { saveWithProgress } from '../save-with-progress';
import { taskCommand } from '../task-command';
import { outHelp, type VideoOutOptions, videoOut } from '../video-out';

/** `lemonvideo download <id>`: save a completed task's video. */
export function registerDownload(program: Command, run: RunCommand): void {
  const description = "save a completed task's video to ./videos/<task id>.mp4";
  taskCommand<VideoOutOptions>(
    program,
    run,
    'download',
    description,
    async (context, id, options) => {
      const target = videoOut(context, options);
      const { connection, task, recorder } = await context.readTask(id, (client) =>
        client.tasks.retrieve(id),
      );
      if (taskOutcome(task.status) === 'running') {
        throw new Error(
          `Task ${id} is ${task.status}, not done yet: wait for it with lemonvideo wait ${id}`,
        );
      }
      await saveWithProgress(context, connection, task, target(task.id), recorder);
    },
  )
    .option('--out <file>', outHelp.out)
    .option('--overwrite', outHelp.overwrite);
}
