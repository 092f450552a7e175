import type { CommandContext } from '../command-context';
import { modelJson } from '../json-events';

const list = (values: readonly unknown[], unit = '') =>
  values.length === 0 ? 'any' : `${values.join(', ')}${unit}`;

/** `lemonvideo models`: the video models and what each accepts. */
export async function models(context: CommandContext): Promise<void> {
  const connection = await context.connect();
  const { output } = context;
  for (const model of await connection.client.models.list()) {
    output.emit(
      modelJson(model),
      `${output.paint('bold', model.id)}${model.ownedBy ? ` (${model.ownedBy})` : ''}\n` +
        `  durations ${list(model.durations, ' s')} · resolutions ${list(model.resolutions)} · aspect ratios ${list(model.aspectRatios)}`,
    );
  }
}
