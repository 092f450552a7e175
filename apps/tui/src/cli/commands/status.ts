import type { Command } from 'commander';
import { oneLine } from '../../text/safe-text';
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
      // The API's words, each on its one line.
      const lines = [
        `${output.paint('bold', oneLine(task.id))}: ${oneLine(task.status)}${progress} (${oneLine(task.model ?? 'unknown model')})`,
      ];
      if (task.video) lines.push(`video: ${oneLine(task.video.url)}`);
      if (task.error) {
        const code = task.error.code ? ` (${oneLine(task.error.code)})` : '';
        lines.push(`error: ${oneLine(task.error.message)}${code}`);
      }
      output.emit({ type: 'status', task: taskJson(task) }, lines.join('\n'));
    },
  );
}
