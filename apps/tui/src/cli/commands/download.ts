import { taskOutcome } from '@lemonvideo/core';
import type { Command } from 'commander';
import { outPath } from '../../session/video-path';
import type { RunCommand } from '../program';
import { saveWithProgress } from '../save-with-progress';
import { taskCommand } from '../task-command';

/** `lemonvideo download <id>`: save a completed task's video. */
export function registerDownload(program: Command, run: RunCommand): void {
  const description = "save a completed task's video to ./videos/<task id>.mp4";
  taskCommand<{ out?: string }>(
    program,
    run,
    'download',
    description,
    async (context, id, options) => {
      const { connection, task, recorder } = await context.readTask(id, (client) =>
        client.tasks.retrieve(id),
      );
      if (taskOutcome(task.status) === 'running') {
        throw new Error(
          `Task ${id} is ${task.status}, not done yet: wait for it with lemonvideo wait ${id}`,
        );
      }
      const path = outPath(context.session.cwd, options.out, task.id);
      await saveWithProgress(context, connection, task, path, recorder, options.out === undefined);
    },
  ).option('--out <file>', 'save the video here instead');
}
