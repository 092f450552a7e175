import type { CommandContext } from '../command-context';
import { taskJson } from '../json-events';
import { TaskRecorder } from '../task-recorder';
import { withResumeHint } from './resume-hint';

/** `lemonvideo status <id>`: the task as the API sees it now, once. */
export async function status(context: CommandContext, id: string): Promise<void> {
  const connection = await context.connect();
  const known = context.history.find(id);
  const task = await withResumeHint(known, connection, () => connection.client.tasks.retrieve(id));
  TaskRecorder.forTask(context.history, connection.api, id, connection.redact).seen(task);
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
