import type { Command } from 'commander';
import { withResumeHint } from '../../session/resume-hint';
import { taskJson } from '../json-events';
import type { RunCommand } from '../program';

/** `lemonvideo cancel <id>`: cancel a queued task, where its model allows it. */
export function registerCancel(program: Command, run: RunCommand): void {
  program
    .command('cancel')
    .description('cancel a queued task, where its model allows it')
    .argument('<id>', 'task id')
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (context) => {
        const { connection, known, recorder } = await context.taskById(id);
        const task = await withResumeHint(known, connection, () =>
          connection.client.tasks.cancel(id),
        );
        recorder.seen(task);
        const { output } = context;
        if (task.cancelled) {
          output.emit({ type: 'cancelled', task: taskJson(task) }, `Cancelled ${task.id}.`);
        } else {
          output.emit({ type: 'status', task: taskJson(task) }, `${task.id}: ${task.status}`);
        }
      }),
    );
}
