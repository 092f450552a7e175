import type { Command } from 'commander';
import { modelJson } from '../json-events';
import type { RunCommand } from '../program';

const list = (values: readonly unknown[], unit = '') =>
  values.length === 0 ? 'any' : `${values.join(', ')}${unit}`;

/** `lemonvideo models`: the video models and what each accepts. */
export function registerModels(program: Command, run: RunCommand): void {
  program
    .command('models')
    .description('list the video models with their durations, resolutions and aspect ratios')
    .action((_options: unknown, command: Command) =>
      run(command, async (context) => {
        const connection = await context.connect();
        const { output } = context;
        for (const model of await connection.client.models.list()) {
          output.emit(
            modelJson(model),
            `${output.paint('bold', model.id)}${model.ownedBy ? ` (${model.ownedBy})` : ''}\n` +
              `  durations ${list(model.durations, ' s')} · resolutions ${list(model.resolutions)} · aspect ratios ${list(model.aspectRatios)}`,
          );
        }
      }),
    );
}
