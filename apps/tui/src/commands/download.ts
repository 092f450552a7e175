import { taskOutcome } from '@lemonvideo/core';
import type { CommandContext } from '../command-context';
import { outPath } from '../video-path';
import { withResumeHint } from './resume-hint';
import { saveVideo } from './save-video';

/** `lemonvideo download <id>`: save a completed task's video. */
export async function download(
  context: CommandContext,
  id: string,
  options: { out?: string },
): Promise<void> {
  const { connection, known, recorder } = await context.taskById(id);
  const task = await withResumeHint(known, connection, () => connection.client.tasks.retrieve(id));
  recorder.seen(task);
  if (taskOutcome(task.status) === 'running') {
    throw new Error(
      `Task ${id} is ${task.status}, not done yet: wait for it with lemonvideo wait ${id}`,
    );
  }
  await saveVideo(context, connection, task, outPath(context.cwd, options.out, task.id), recorder);
}
