import { JobDetachedError, parseCreateParams, RequestValidationError } from '@lemonvideo/core';
import { type Command, Option } from 'commander';
import { createFields, type FieldText } from '../../session/create-fields';
import { UsageError } from '../../session/errors';
import { TaskRecorder } from '../../session/task-recorder';
import { followJob } from '../follow-job';
import { taskJson } from '../json-events';
import type { RunCommand } from '../program';
import { outHelp, type VideoOutOptions, videoOut } from '../video-out';

interface GenerateOptions extends VideoOutOptions {
  /** `--no-wait` */
  wait: boolean;
  /** `--no-download` */
  download: boolean;
}

/** `lemonvideo generate <prompt>`: create, record, wait, save the video. */
export function registerGenerate(program: Command, run: RunCommand): void {
  const command = program
    .command('generate')
    .description('create a video task, wait for it and save the video to ./videos/<task id>.mp4')
    .argument('<prompt>', 'what the video shows');
  // Each create field of the spec but the prompt (the argument) as a flag, e.g. `--cfg-scale <n>`.
  const flags = createFields
    .filter((field) => field.key !== 'prompt')
    .map((field) => ({
      key: field.key,
      option: new Option(`${field.flag} ${field.placeholder}`, field.help),
    }));
  for (const { option } of flags) command.addOption(option);
  command
    .option('--no-wait', 'print the task and exit once it is created')
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', outHelp.out)
    .option('--overwrite', outHelp.overwrite)
    .action((prompt: string, options: GenerateOptions & Record<string, unknown>, self: Command) =>
      run(self, async (context) => {
        const text: FieldText = { prompt };
        for (const { key, option } of flags) {
          // A flag that may stand alone (`--output-audio`) is true when it does.
          const value = options[option.attributeName()];
          if (typeof value === 'string' || value === true) text[key] = String(value);
        }
        const { params, issues } = parseCreateParams(text);
        if (issues.length > 0) throw new RequestValidationError(issues);
        if (options.out !== undefined && (!options.wait || !options.download)) {
          const other = options.wait ? '--no-download' : '--no-wait';
          throw new UsageError(`--out saves the video, so it cannot go with ${other}`);
        }

        const { session, output } = context;
        const target = videoOut(context, options);
        const connection = await context.connect();
        const recorder = await TaskRecorder.beforeCreate(session.history, connection.api, params);
        const job = connection.client.videos.job(params, {
          timeout: session.options.waitMs,
          onCreated: (task) => {
            if (!options.wait) job.detach();
            // Said once it is on disk: a script that sees the line finds the task in history.
            recorder.created(task).then(
              () =>
                output.emit(
                  {
                    type: 'created',
                    task: taskJson(task),
                    api: { host: connection.api.host, simulator: connection.api.simulator },
                  },
                  `Created task ${output.paint('bold', task.id)} (${task.model ?? params.model ?? 'default model'})`,
                ),
              // The failed write is the command's error: `flush` rethrows it.
              () => undefined,
            );
          },
          onProgress: recorder.observe,
        });

        if (!options.wait) {
          // The job detaches itself once the task exists, and its result rejects to say so.
          await job.start().catch((error: unknown) => {
            if (!(error instanceof JobDetachedError)) throw error;
          });
          await recorder.flush();
          if (!connection.api.embedded) {
            output.note(`Follow it with: lemonvideo wait ${recorder.entry.id}`);
          }
          return;
        }
        await followJob(context, connection, job, recorder, {
          since: connection.client.clock.now(),
          videoTarget: (taskId) => (options.download ? target(taskId) : null),
        });
      }),
    );
}
