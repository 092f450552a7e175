import { JobDetachedError, parseCreateParams, RequestValidationError } from '@lemonvideo/core';
import { type Command, Option } from 'commander';
import { createFields, type FieldText, flagOf } from '../../session/create-fields';
import { UsageError } from '../../session/errors';
import { assertBodyFits, imageFieldOf, readImageInput } from '../../session/image-input';
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
  /** `--param key=value`, each as typed; undefined when none. */
  param?: string[];
}

/** Flags that may be given more than once, each time one more item of the list. */
const repeatable = new Set(['reference_images']);
/** Flags that take an image: a URL, or a local file sent inline as a data URL. */
const imageFlags = new Set(['image', 'end_image', 'reference_images']);

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The named flags of `generate`: one per field that has one (`--image` is image and image_url). */
const flags = createFields
  .filter((field) => field.named && field.key !== 'image_url')
  .map((field) => {
    const option = new Option(`${field.flag} ${field.placeholder}`, field.help);
    if (repeatable.has(field.key)) option.argParser(collect);
    return { key: field.key, option };
  });

/** `--param key=value` as field text; throws a `UsageError` for one without `=`. */
function paramText(param: string): [string, string] {
  const at = param.indexOf('=');
  if (at <= 0) {
    throw new UsageError(`--param takes key=value, e.g. --param watermark=true (got "${param}")`);
  }
  return [param.slice(0, at).trim(), param.slice(at + 1)];
}

/** `lemonvideo generate <prompt>`: create, record, wait, save the video. */
export function registerGenerate(program: Command, run: RunCommand): void {
  const command = program
    .command('generate')
    .description('create a video task, wait for it and save the video to ./videos/<task id>.mp4')
    .argument('<prompt>', 'what the video shows');
  for (const { option } of flags) command.addOption(option);
  command
    .option(
      '--param <key=value>',
      'any other field of the API, e.g. watermark=false or kling_elements=\'[{"name":"cat",...}]\' (JSON for a list of objects); repeat it for more',
      collect,
    )
    .option('--no-wait', 'print the task and exit once it is created')
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', outHelp.out)
    .option('--overwrite', outHelp.overwrite)
    .action((prompt: string, options: GenerateOptions & Record<string, unknown>, self: Command) =>
      run(self, async (context) => {
        const { session, output } = context;
        const text: FieldText = { prompt };
        const inline: string[] = [];
        for (const { key, option } of flags) {
          // A flag that may stand alone (`--audio-output`) is true when it does.
          const value = options[option.attributeName()];
          if (Array.isArray(value)) {
            const items = value.map((item: string) =>
              readImageInput(item, option.long ?? key, session.cwd),
            );
            if (items.some((item) => item.kind === 'file')) inline.push(option.long ?? key);
            text[key] = JSON.stringify(items.map((item) => item.value));
          } else if (imageFlags.has(key) && typeof value === 'string') {
            const image = readImageInput(value, option.long ?? key, session.cwd);
            if (image.kind === 'file') inline.push(option.long ?? key);
            // `--image`: a URL is `image_url`, a data URL or a file `image`.
            text[key === 'image' ? imageFieldOf(image.value) : key] = image.value;
          } else if (typeof value === 'string' || value === true) {
            text[key] = String(value);
          }
        }
        for (const param of options.param ?? []) {
          const [key, value] = paramText(param);
          if (text[key] !== undefined) {
            throw new UsageError(`--param ${key}: ${flagOf(key)} is given already`);
          }
          text[key] = value;
        }
        const { params, issues } = parseCreateParams(text);
        if (issues.length > 0) throw new RequestValidationError(issues);
        if (options.out !== undefined && (!options.wait || !options.download)) {
          const other = options.wait ? '--no-download' : '--no-wait';
          throw new UsageError(`--out saves the video, so it cannot go with ${other}`);
        }

        const target = videoOut(context, options);
        const connection = await context.connect();
        assertBodyFits(params, connection.api.simulator, inline);
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
