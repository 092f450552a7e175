import type { Command } from 'commander';
import { taskJson } from '../json-events';
import type { RunCommand } from '../program';
import { taskCommand } from '../task-command';

/** `lemonvideo cancel <id>`: cancel a queued task, where its model allows it. */
export function registerCancel(program: Command, run: RunCommand): void {
  const description = 'cancel a queued task, where its model allows it';
  taskCommand(program, run, 'cancel', description, async (context, id) => {
    const { task } = await context.readTask(id, (client) => client.tasks.cancel(id));
    const json = taskJson(task);
    if (task.cancelled)
      context.output.emit({ type: 'cancelled', task: json, file: null }, `Cancelled ${task.id}.`);
    else context.output.emit({ type: 'status', task: json }, `${task.id}: ${task.status}`);
  });
}
