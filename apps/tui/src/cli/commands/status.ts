import type { Command } from 'commander';
import { withResumeHint } from '../../session/resume-hint';
import { taskJson } from '../json-events';
import type { RunCommand } from '../program';

/** `lemonvideo status <id>`: the task as the API sees it now, once. */
export function registerStatus(program: Command, run: RunCommand): void {
  program
    .command('status')
    .description("print a task's current status, once")
    .argument('<id>', 'task id')
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (context) => {
        const { connection, known, recorder } = await context.taskById(id);
        const task = await withResumeHint(known, connection, () =>
          connection.client.tasks.retrieve(id),
        );
        recorder.seen(task);
        const { output } = context;
        const progress = task.progress === null ? '' : ` ${Math.round(task.progress)}%`;
        const lines = [
          `${output.paint('bold', task.id)}: ${task.status}${progress} (${task.model ?? 'unknown model'})`,
        ];
        if (task.video) lines.push(`video: ${task.video.url}`);
        if (task.error) {
          lines.push(
            `error: ${task.error.message}${task.error.code ? ` (${task.error.code})` : ''}`,
          );
        }
        output.emit({ type: 'status', task: taskJson(task) }, lines.join('\n'));
      }),
    );
}
