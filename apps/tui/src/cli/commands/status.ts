import type { Command } from 'commander';
import { taskJson } from '../json-events';
import type { RunCommand } from '../program';
import { taskCommand } from '../task-command';

/** `lemonvideo status <id>`: the task as the API sees it now, once. */
export function registerStatus(program: Command, run: RunCommand): void {
  taskCommand(
    program,
    run,
    'status',
    "print a task's current status, once",
    async (context, id) => {
      const { task } = await context.readTask(id, (client) => client.tasks.retrieve(id));
      const { output } = context;
      const progress = task.progress === null ? '' : ` ${Math.round(task.progress)}%`;
      const lines = [
        `${output.paint('bold', task.id)}: ${task.status}${progress} (${task.model ?? 'unknown model'})`,
      ];
      if (task.video) lines.push(`video: ${task.video.url}`);
      if (task.error) {
        lines.push(`error: ${task.error.message}${task.error.code ? ` (${task.error.code})` : ''}`);
      }
      output.emit({ type: 'status', task: taskJson(task) }, lines.join('\n'));
    },
  );
}
