import type { CommandContext } from '../command-context';
import { taskJson } from '../json-events';
import { withResumeHint } from './resume-hint';

/** `lemonvideo cancel <id>`: cancel a queued task, where its model allows it. */
export async function cancel(context: CommandContext, id: string): Promise<void> {
  const { connection, known, recorder } = await context.taskById(id);
  const task = await withResumeHint(known, connection, () => connection.client.tasks.cancel(id));
  recorder.seen(task);
  const { output } = context;
  if (task.cancelled)
    output.emit({ type: 'cancelled', task: taskJson(task) }, `Cancelled ${task.id}.`);
  else output.emit({ type: 'status', task: taskJson(task) }, `${task.id}: ${task.status}`);
}
