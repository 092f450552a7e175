import type { CommandContext } from '../command-context';
import { taskJson } from '../json-events';
import { withResumeHint } from './resume-hint';

/** `lemonvideo status <id>`: the task as the API sees it now, once. */
export async function status(context: CommandContext, id: string): Promise<void> {
  const { connection, known, recorder } = await context.taskById(id);
  const task = await withResumeHint(known, connection, () => connection.client.tasks.retrieve(id));
  recorder.seen(task);
  const { output } = context;
  const progress = task.progress === null ? '' : ` ${Math.round(task.progress)}%`;
  const lines = [
    `${output.paint('bold', task.id)}: ${task.status}${progress} (${task.model ?? 'unknown model'})`,
  ];
  if (task.video) lines.push(`video: ${task.video.url}`);
  if (task.error)
    lines.push(`error: ${task.error.message}${task.error.code ? ` (${task.error.code})` : ''}`);
  output.emit({ type: 'status', task: taskJson(task) }, lines.join('\n'));
}
