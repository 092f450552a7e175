import type { Command } from 'commander';
import type { CommandContext } from './command-context';
import type { RunCommand } from './program';

/**
 * A command of `program` on one task, given by its id (`lemonvideo <name> <id>`), whose body
 * runs with `run`; add its own options to the command returned.
 */
export function taskCommand<Options>(
  program: Command,
  run: RunCommand,
  name: string,
  description: string,
  body: (context: CommandContext, id: string, options: Options) => unknown,
): Command {
  return program
    .command(name)
    .description(description)
    .argument('<id>', 'task id')
    .action((id: string, options: Options, command: Command) =>
      run(command, (context) => body(context, id, options)),
    );
}
