import { JobDetachedError } from '@lemonvideo/core';
import { UsageError } from '../cli-errors';
import type { CommandContext } from '../command-context';
import { checkParams, describeIssues, type FieldText } from '../create-fields';
import { taskJson } from '../json-events';
import { TaskRecorder } from '../task-recorder';
import { outPath } from '../video-path';
import { followJob } from './follow-job';

export interface GenerateOptions {
  /** `--no-wait` */
  wait: boolean;
  /** `--no-download` */
  download: boolean;
  out?: string;
}

/** `lemonvideo generate <prompt>`: create, record, wait, save the video. */
export async function generate(
  context: CommandContext,
  text: FieldText,
  options: GenerateOptions,
): Promise<void> {
  const { params, issues } = checkParams(text);
  const broken = Object.entries(issues).map(([path, message]) => ({ path, message }));
  if (broken.length > 0) throw new UsageError(describeIssues(broken));
  if (options.out !== undefined && (!options.wait || !options.download)) {
    const other = options.wait ? '--no-download' : '--no-wait';
    throw new UsageError(`--out saves the video, so it cannot go with ${other}`);
  }

  const connection = await context.connect();
  const { output } = context;
  const recorder = TaskRecorder.beforeCreate(
    context.history,
    connection.api,
    params,
    connection.redact,
  );
  const job = connection.client.videos.job(params, {
    timeout: context.timeoutMs,
    onCreated: (task) => {
      recorder.created(task);
      output.emit(
        {
          type: 'created',
          task: taskJson(task),
          api: { host: connection.api.host, simulator: connection.api.simulator },
        },
        `Created task ${output.paint('bold', task.id)} (${task.model ?? params.model ?? 'default model'})`,
      );
      if (!options.wait) job.detach();
    },
    onProgress: recorder.observe,
  });

  if (!options.wait) {
    // The job detaches itself once the task exists, and its result rejects to say so.
    await job.start().catch((error: unknown) => {
      if (!(error instanceof JobDetachedError)) throw error;
    });
    if (!connection.api.embedded)
      output.note(`Follow it with: lemonvideo wait ${recorder.entry.id}`);
    return;
  }
  await followJob(context, connection, job, recorder, {
    since: Date.now(),
    videoPath: (taskId) => (options.download ? outPath(context.cwd, options.out, taskId) : null),
  });
}
