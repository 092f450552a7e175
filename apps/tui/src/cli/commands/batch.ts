import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { LemonVideo } from '@lemonvideo/core';
import type { BatchStatus } from '@lemonvideo/queue';
import type { Command } from 'commander';
import { modelLineIssues } from '../../session/batch-check';
import { type BatchLine, batchFormatOf, parseBatchFile } from '../../session/batch-input';
import { type JournalEntry, staleLockMs } from '../../session/batch-journal';
import {
  defaultRequestsPerMinute,
  type GivenSettings,
  type OpenedBatch,
  openBatchById,
  openFileBatch,
  readBatchById,
} from '../../session/batch-open';
import { type BatchReport, batchReport, failureText } from '../../session/batch-report';
import { BatchRun } from '../../session/batch-run';
import type { Connection } from '../../session/connection';
import { InterruptedError, UsageError } from '../../session/errors';
import { exitCodes } from '../../session/exit-codes';
import { numberFlag } from '../../session/number-flag';
import {
  enqueueLines,
  followQueuedBatch,
  queuedBatchReport,
  queuedBatchStatus,
  redisHostOf,
} from '../../session/queue-batch';
import type { CommandContext } from '../command-context';
import { onInterrupt } from '../interrupts';
import { stateJson } from '../json-events';
import type { Output } from '../output';
import type { Environment, RunCommand } from '../program';

interface BatchFlags {
  redis?: string;
  rpm?: string;
  concurrency?: string;
  outDir?: string;
  /** `--no-download` */
  download: boolean;
  dryRun?: boolean;
}

/** The flags of a run, on `batch <file>` and `batch resume <id>`. */
function runFlags(command: Command): Command {
  return command
    .option(
      '--rpm <n>',
      `requests a minute, every task together (default ${defaultRequestsPerMinute}, the vendor's default budget)`,
    )
    .option('--concurrency <n>', 'most tasks in flight (default: what the budget affords)')
    .option('--out-dir <dir>', 'where videos are saved (default ./videos)')
    .option('--no-download', 'do not save the videos, only report their URLs');
}

/** The settings the command line gives; those it does not give are undefined. */
function givenSettings(flags: BatchFlags, command: Command, cwd: string): GivenSettings {
  return {
    requestsPerMinute:
      flags.rpm === undefined
        ? undefined
        : numberFlag('--rpm', flags.rpm, { integer: true, min: 1 }),
    concurrency:
      flags.concurrency === undefined
        ? undefined
        : numberFlag('--concurrency', flags.concurrency, { integer: true, min: 1 }),
    outDir: flags.outDir === undefined ? undefined : resolve(cwd, flags.outDir),
    download: command.getOptionValueSource('download') === 'cli' ? flags.download : undefined,
  };
}

/**
 * `lemonvideo batch <file>` and `lemonvideo batch resume <id>`: every line of a file a video
 * task, under one request budget, journalled so that a crash loses nothing and creates nothing
 * twice. The work is the session's (`batch-input`, `batch-open`, `batch-run`).
 */
export function registerBatch(program: Command, run: RunCommand, environment: Environment): void {
  const batch = runFlags(
    program
      .command('batch')
      .description(
        'run every line of a JSON-lines or CSV file as a video task, within the request budget; run it again to resume',
      )
      .argument(
        '<file>',
        'JSON lines (one create body a line, with optional id and out) or .csv (a prompt column, any field columns)',
      ),
  )
    .option(
      '--dry-run',
      "check every line against the spec's rules and its model's details, create nothing (exit 2 if any fails)",
    )
    .option(
      '--redis <url>',
      'put the batch on a queue in Redis (BullMQ) for `lemonvideo worker` processes, and follow it',
    )
    .action((file: string, flags: BatchFlags, self: Command) =>
      run(self, (context) => batchFile(context, environment, file, flags, self)),
    );
  batch
    .command('status')
    .description("where a batch stands, each task's outcome (from its journal, or its queue)")
    .argument('<id>', 'the batch id (b…), as the batch printed it')
    .option('--redis <url>', 'the batch is on the queue in this Redis')
    .action((id: string, _flags: unknown, self: Command) =>
      run(self, (context) =>
        // `--redis` is the batch command's too, which commander gives it wherever it is typed.
        batchStatusCommand(context, id, self.optsWithGlobals<{ redis?: string }>().redis),
      ),
    );
  runFlags(
    batch
      .command('resume')
      .description('go on with a batch by its id, from its journal')
      .argument('<id>', 'the batch id (b…), as the batch printed it'),
  ).action((id: string, flags: BatchFlags, self: Command) =>
    run(self, async (context) => {
      const given = givenSettings(flags, self, context.session.cwd);
      const connection = await context.connect();
      const { session } = context;
      const stop = new AbortController();
      const opened = await openBatchById(
        session.history.file,
        connection,
        id,
        given,
        openHooks(context, stop),
      );
      const client = connection.clientWith({ maxRetries: 0 });
      return runOpened(context, environment, connection, client, opened, stop);
    }),
  );
}

async function batchFile(
  context: CommandContext,
  environment: Environment,
  file: string,
  flags: BatchFlags,
  command: Command,
): Promise<number> {
  const { session, output } = context;
  const given = givenSettings(flags, command, session.cwd);
  const path = resolve(session.cwd, file);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const input = parseBatchFile(content, batchFormatOf(path));
  if (input.lines.length === 0 && input.issues.length === 0) {
    throw new UsageError(`${file} has no tasks`);
  }
  let issues = input.issues;
  // On a queue the workers have the API: each create checks its model there.
  const connection = flags.redis === undefined ? await context.connect() : undefined;
  const client = connection?.clientWith({ maxRetries: 0 });
  if (client !== undefined) {
    const bad = new Set(issues.map((issue) => issue.line));
    const checked = input.lines.filter((line) => !bad.has(line.line));
    const unreadable = (model: string, error: unknown) =>
      output.note(
        `The details of ${model} could not be read (${context.describe(error)}); its lines are checked against the spec's rules only.`,
      );
    const found = await modelLineIssues(client, checked, unreadable);
    issues = [...issues, ...found].sort((one, other) => one.line - other.line);
  }
  if (issues.length > 0 || flags.dryRun) {
    for (const issue of issues) {
      output.emit(
        { type: 'batch-issue', ...issue },
        `line ${issue.line}: ${issue.field}: ${issue.message}`,
      );
    }
    const lines = new Set(issues.map((issue) => issue.line)).size;
    output.emit({ type: 'batch-checked', file, tasks: input.lines.length, issues: issues.length });
    if (lines > 0) {
      throw new UsageError(
        `${lines} line${lines === 1 ? '' : 's'} of ${file} break${lines === 1 ? 's' : ''} a rule (each named above); nothing was sent`,
      );
    }
    const what = client === undefined ? "the spec's rules" : "the spec's rules and their models";
    output.say(`All ${input.lines.length} tasks of ${file} pass ${what}; nothing was sent.`);
    return exitCodes.ok;
  }
  if (connection === undefined || client === undefined) {
    return queueFile(context, flags.redis as string, { file, content, lines: input.lines }, given);
  }
  const stop = new AbortController();
  const opened = await openFileBatch(
    session.history.file,
    connection,
    { file: path, content, lines: input.lines, cwd: session.cwd },
    given,
    openHooks(context, stop),
  );
  return runOpened(context, environment, connection, client, opened, stop);
}

function openHooks(context: CommandContext, stop: AbortController) {
  return {
    onWait: () =>
      context.output.note(
        `The batch journal is locked: another run has it, or one that was killed, whose lock goes stale within ${staleLockMs / 1000} s. Waiting…`,
      ),
    onLost: (error: Error) => stop.abort(error),
  };
}

/** Runs an opened batch with its live view (a terminal) or JSON lines; resolves with the exit code. */
async function runOpened(
  context: CommandContext,
  { stdin, stdout, stderr }: Environment,
  connection: Connection,
  client: LemonVideo,
  { journal, meta, settings, resumed }: OpenedBatch,
  stop: AbortController,
): Promise<number> {
  const { session, output } = context;
  const file = relative(session.cwd, meta.file) || meta.file;
  const outDir = settings.download ? settings.outDir : null;
  const release = onInterrupt(() => stop.abort(new InterruptedError('The batch was stopped.')));
  const emitTask = (entry: JournalEntry) =>
    output.emit({
      type: 'batch-task',
      line: entry.line,
      id: entry.id,
      phase: entry.state.phase,
      taskId: entry.state.taskId,
      status: entry.state.status,
      progress: entry.state.progress,
      error: entry.state.error,
    });
  const batchRun = new BatchRun(
    connection,
    journal,
    { store: session.history, api: connection.api, batchId: meta.id },
    {
      client,
      requestsPerMinute: settings.requestsPerMinute,
      concurrency: settings.concurrency ?? undefined,
      outDir,
      signal: stop.signal,
    },
    output.json
      ? {
          onChange: emitTask,
          onSaved: (entry, saved) =>
            output.emit({
              type: 'downloaded',
              taskId: entry.state.taskId as string,
              file: saved.path,
              bytes: saved.bytes,
              task: stateJson(entry.state),
            }),
        }
      : {},
  );
  let view: { close(): Promise<void> } | undefined;
  let entries: JournalEntry[];
  try {
    output.emit({
      type: 'batch',
      id: meta.id,
      file,
      tasks: batchRun.entries().length,
      resumed,
      journal: journal.path,
      api: { host: connection.api.host, simulator: connection.api.simulator },
    });
    if (!output.json) {
      const { showBatch } = await import('../../app/run-batch-view');
      const shown = outDir === null ? null : relative(session.cwd, outDir) || '.';
      view = showBatch(
        connection,
        { progress: batchRun.progress, id: meta.id, file, resumed, outDir: shown },
        { stdin, stdout, stderr },
      );
    }
    entries = await batchRun.run();
  } finally {
    release();
    await view?.close();
    await journal.close();
  }
  if (stop.signal.aborted && !(stop.signal.reason instanceof InterruptedError)) {
    throw stop.signal.reason;
  }
  const exitCode = report(context, connection, meta.id, entries, {
    saving: outDir !== null,
    stopped: stop.signal.aborted,
  });
  if (batchRun.historyError !== undefined) {
    output.note(
      `Some tasks are not in the history (${context.describe(batchRun.historyError)}); the batch's journal has every task.`,
    );
  }
  return exitCode;
}

/** Says how each task of an embedded run ended, and how to go on; resolves with the exit code. */
function report(
  { output }: CommandContext,
  connection: Connection,
  id: string,
  entries: readonly JournalEntry[],
  options: { saving: boolean; stopped: boolean },
): number {
  const done = batchReport(entries, options);
  printReport(output, id, done);
  if (done.unfinished > 0) {
    output.note(
      connection.api.embedded
        ? `Stopped with ${done.unfinished} tasks not ended; they ran on the built-in simulator, which ends with this process.`
        : `Stopped with ${done.unfinished} tasks not ended; their state is saved. Go on with the same command, or: lemonvideo batch resume ${id}`,
    );
  } else if (!output.json) {
    output.note(`The report as JSON lines: lemonvideo batch status ${id} --json`);
  }
  return done.exitCode;
}

/**
 * A report: a `batch-report` line per task (for a person, the failed ones), and with `done` (a
 * run's end, not a status) the `batch-done` line (for a person, the totals). Returns its exit code.
 */
function printReport(output: Output, id: string, report: BatchReport, done = true): number {
  const { lines, completed, failed, unfinished, requests, exitCode } = report;
  for (const { line, id: lineId, taskId, status, file, error } of lines) {
    output.emit({ type: 'batch-report', line, id: lineId, taskId, status, file, error });
  }
  if (done) {
    output.emit({
      type: 'batch-done',
      id,
      tasks: lines.length,
      completed,
      failed,
      unfinished,
      requests,
      exitCode,
    });
  }
  if (!output.json) {
    for (const line of lines) if (line.failed) output.say(failureText(line));
    if (done) {
      output.say(
        `Batch ${id}: ${completed} completed, ${failed} failed${unfinished > 0 ? `, ${unfinished} not ended` : ''}; ${requests} requests.`,
      );
    }
  }
  return exitCode;
}

/**
 * `batch <file> --redis <url>`: the lines on the queue, followed until every task has ended;
 * the workers (`lemonvideo worker`) have the API, the budget and the videos.
 */
async function queueFile(
  { output }: CommandContext,
  redis: string,
  { file, content, lines }: { file: string; content: string; lines: BatchLine[] },
  given: GivenSettings,
): Promise<number> {
  const workers: Record<string, string> = {
    requestsPerMinute: '--rpm',
    concurrency: '--concurrency',
    outDir: '--out-dir',
    download: '--no-download',
  };
  for (const [setting, flag] of Object.entries(workers)) {
    if (given[setting as keyof GivenSettings] !== undefined) {
      throw new UsageError(`with --redis, ${flag} is the workers': give it to lemonvideo worker`);
    }
  }
  const { batchId, resumed } = await enqueueLines(redis, content, lines);
  const shownRedis = redisHostOf(redis);
  output.emit({
    type: 'batch',
    id: batchId,
    file,
    tasks: lines.length,
    resumed,
    journal: null,
    api: null,
    redis: shownRedis,
  });
  output.note(
    `Batch ${batchId} is on the queue at ${shownRedis}${resumed ? ' (it was already: nothing added)' : ''}; lemonvideo worker processes run it.`,
  );
  const stop = new AbortController();
  const release = onInterrupt(() => stop.abort());
  let last: BatchStatus | undefined;
  try {
    for await (const status of followQueuedBatch(redis, batchId, stop.signal)) {
      last = status;
      emitStatus(output, status);
    }
  } finally {
    release();
  }
  if (last === undefined || !last.settled) {
    output.note(
      `Stopped following batch ${batchId}; it goes on on the queue: lemonvideo batch status ${batchId} --redis <url>`,
    );
    return exitCodes.interrupted;
  }
  return printReport(output, batchId, queuedBatchReport(last, false));
}

/** `batch status <id> [--redis <url>]`: where a batch stands, without running it. */
async function batchStatusCommand(
  { session, output }: CommandContext,
  id: string,
  redis: string | undefined,
): Promise<number> {
  if (redis !== undefined) {
    const status = await queuedBatchStatus(redis, id);
    emitStatus(output, status);
    printReport(output, id, queuedBatchReport(status, !status.settled), false);
    return exitCodes.ok;
  }
  const { entries } = await readBatchById(session.history.file, id);
  const report = batchReport(entries, { saving: false, stopped: false });
  const totals: Record<string, number> = {};
  for (const entry of entries) totals[entry.state.phase] = (totals[entry.state.phase] ?? 0) + 1;
  output.emit(
    {
      type: 'batch-status',
      id,
      tasks: entries.length,
      totals,
      requests: report.requests,
      settled: report.unfinished === 0,
    },
    `Batch ${id}: ${Object.entries(totals)
      .map(([phase, count]) => `${phase} ${count}`)
      .join(' · ')}; ${report.requests} requests.`,
  );
  printReport(output, id, report, false);
  return exitCodes.ok;
}

function emitStatus(output: Output, status: BatchStatus): void {
  const requests = status.requests.creates + status.requests.polls;
  const totals = Object.entries(status.totals)
    .filter(([, count]) => count > 0)
    .map(([phase, count]) => `${phase} ${count}`)
    .join(' · ');
  output.emit({
    type: 'batch-status',
    id: status.batchId,
    tasks: status.total,
    totals: status.totals,
    requests,
    settled: status.settled,
  });
  if (!output.json) output.progress(`${totals}; ${requests} requests`);
}
