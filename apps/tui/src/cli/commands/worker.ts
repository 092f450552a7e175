import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultRequestsPerMinute } from '../../session/batch-open';
import { UsageError } from '../../session/errors';
import { exitCodes } from '../../session/exit-codes';
import { numberFlag } from '../../session/number-flag';
import { redisHostOf, startQueueWorker } from '../../session/queue-batch';
import { onInterrupt, type StopSignal } from '../interrupts';
import type { RunCommand } from '../program';

interface WorkerFlags {
  redis: string;
  rpm?: string;
  concurrency?: string;
  outDir?: string;
  /** `--no-download` */
  download: boolean;
  wake?: string;
}

/**
 * `lemonvideo worker --redis <url>`: runs the tasks of the batches on a queue
 * (`@lemonvideo/queue`), until Ctrl-C or SIGTERM, which let the requests under way finish.
 */
export function registerWorker(program: Command, run: RunCommand): void {
  program
    .command('worker')
    .description(
      'run the tasks of the batches on a queue in Redis (put there by batch --redis), until stopped',
    )
    .requiredOption('--redis <url>', "the queue's Redis, e.g. redis://127.0.0.1:6379")
    .option(
      '--rpm <n>',
      `the account's requests a minute, shared by every worker: give them all the same (default ${defaultRequestsPerMinute})`,
    )
    .option('--concurrency <n>', 'jobs this worker runs at once, each for one request (default 50)')
    .option('--out-dir <dir>', 'where videos are saved (default ./videos)')
    .option('--no-download', 'do not save the videos')
    .option(
      '--wake <when>',
      'when to poll a rendering task: due (when it should have ended: fewest requests; the default) or eager (as a single job polls: sees the end sooner)',
    )
    .action((flags: WorkerFlags, self: Command) =>
      run(self, async (context) => {
        const { session, output } = context;
        const requestsPerMinute =
          flags.rpm === undefined
            ? defaultRequestsPerMinute
            : numberFlag('--rpm', flags.rpm, { integer: true, min: 1 });
        const concurrency =
          flags.concurrency === undefined
            ? undefined
            : numberFlag('--concurrency', flags.concurrency, { integer: true, min: 1 });
        const outDir = flags.download ? resolve(session.cwd, flags.outDir ?? 'videos') : null;
        if (flags.wake !== undefined && flags.wake !== 'due' && flags.wake !== 'eager') {
          throw new UsageError(`--wake must be due or eager (got ${JSON.stringify(flags.wake)})`);
        }
        const wake = flags.wake;
        const connection = await context.connect();
        const worker = await startQueueWorker(
          flags.redis,
          connection,
          { requestsPerMinute, concurrency, outDir, wake },
          (error) => output.note(context.describe(error)),
        );
        const redis = redisHostOf(flags.redis);
        output.emit(
          { type: 'worker', redis, concurrency: concurrency ?? null, requestsPerMinute, outDir },
          `Worker on the queue at ${redis}: ${requestsPerMinute} requests a minute for all workers, videos ${outDir === null ? 'not saved' : `in ${relative(session.cwd, outDir) || '.'}`}. Ctrl-C stops it.`,
        );
        const signal = await new Promise<StopSignal>((stopped) => {
          const release = onInterrupt((received) => {
            release();
            stopped(received);
          });
        });
        output.note('Stopping: the requests under way finish…');
        await worker.close();
        return signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
      }),
    );
}
