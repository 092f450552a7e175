import { taskOutcome } from '@lemonvideo/core';
import type { Command } from 'commander';
import { withResumeHint } from '../../session/resume-hint';
import { outPath } from '../../session/video-path';
import type { RunCommand } from '../program';
import { saveWithProgress } from '../save-with-progress';

/** `lemonvideo download <id>`: save a completed task's video. */
export function registerDownload(program: Command, run: RunCommand): void {
  program
    .command('download')
    .description("save a completed task's video to ./videos/<task id>.mp4")
    .argument('<id>', 'task id')
    .option('--out <file>', 'save the video here instead')
    .action((id: string, options: { out?: string }, command: Command) =>
      run(command, async (context) => {
        const { connection, known, recorder } = await context.taskById(id);
        const task = await withResumeHint(known, connection, () =>
          connection.client.tasks.retrieve(id),
        );
        recorder.seen(task);
        if (taskOutcome(task.status) === 'running') {
          throw new Error(
            `Task ${id} is ${task.status}, not done yet: wait for it with lemonvideo wait ${id}`,
          );
        }
        const path = outPath(context.session.cwd, options.out, task.id);
        await saveWithProgress(context, connection, task, path, recorder);
      }),
    );
}
