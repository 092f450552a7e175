import type { VideoModel } from '@lemonvideo/core';
import type { Command } from 'commander';
import pLimit from 'p-limit';
import { lifecycleText, offerText, priceText } from '../../text/model-text';
import type { CommandContext } from '../command-context';
import { modelJson } from '../json-events';
import type { RunCommand } from '../program';

/** Details requests in flight at once while listing. */
const detailsAtOnce = 4;

/** A model as lines for a person; `detail` adds each operation's own limits, where narrower. */
function modelLines(context: CommandContext, model: VideoModel, detail: boolean): string {
  const { output } = context;
  const life = lifecycleText(model.lifecycle);
  const price = priceText(model.pricing);
  const lines = [
    `${output.paint('bold', model.id)}${model.ownedBy ? ` · ${model.ownedBy}` : ''}${life ? ` · ${output.paint('yellow', life)}` : ''}`,
    `  operations ${model.operations.join(', ') || 'not listed'}`,
    model.detailed ? `  ${offerText(model)}` : '  (its details could not be read)',
  ];
  if (price) lines.push(`  price ${price}`);
  if (detail) {
    // Only where an operation offers less than the model: the rest would repeat the line above.
    const all = offerText(model);
    for (const [operation, offer] of Object.entries(model.byOperation)) {
      if (offerText(offer) !== all) lines.push(`  ${operation}: ${offerText(offer)}`);
    }
  }
  return lines.join('\n');
}

/** `lemonvideo models [id]`: the video models, or one, with what each offers. */
export function registerModels(program: Command, run: RunCommand): void {
  program
    .command('models')
    .description(
      'list the video models with their operations, durations, resolutions, aspect ratios, lifecycle and prices; or show one',
    )
    .argument('[id]', 'one model, with what each of its operations offers')
    .action((id: string | undefined, _options: unknown, command: Command) =>
      run(command, async (context) => {
        const { client } = await context.connect();
        const { output } = context;
        if (id !== undefined) {
          const model = await client.models.retrieve(id);
          output.emit(modelJson(model), modelLines(context, model, true));
          return;
        }
        const listed = await client.models.list();
        // Each model's details, through the client's cache, in the list's order; the list's own item if they fail.
        const models = await pLimit(detailsAtOnce).map(listed, (model) =>
          client.models.details(model.id).catch(() => model),
        );
        for (const model of models) {
          output.emit(modelJson(model), modelLines(context, model, false));
        }
      }),
    );
}
