import type { TaskPhase } from '@lemonvideo/core';
import type { BatchStatus, VideoWorker } from '@lemonvideo/queue';
import { queueBatchIdOf } from './batch-id';
import { type BatchLine, lineKey, lineOfKey } from './batch-input';
import { type BatchReport, batchReport, type ReportEntry, saveErrorOf } from './batch-report';
import type { Connection } from './connection';

/** BullMQ and ioredis are large: loaded only by the commands that use Redis. */
const loadQueue = () => import('@lemonvideo/queue');

/**
 * Adds the lines of a batch file to the queue at `redis` (`enqueueBatch`), each keyed
 * `lineKey(n)` with its `out`; resolves with the batch's id, and whether it was there already
 * (then nothing is added: no task is created twice).
 */
export async function enqueueLines(
  redis: string,
  content: string,
  lines: readonly BatchLine[],
): Promise<{ batchId: string; resumed: boolean }> {
  const { batchStatus, enqueueBatch } = await loadQueue();
  const batchId = queueBatchIdOf(content);
  const known = await batchStatus({ connection: redis, batchId, tasks: false }).then(
    () => true,
    () => false,
  );
  await enqueueBatch({
    connection: redis,
    batchId,
    tasks: lines.map((line) => ({
      key: lineKey(line.line),
      params: line.params,
      out: line.out ?? undefined,
    })),
  });
  return { batchId, resumed: known };
}

/** Follows a queued batch: each change of its totals, then its status with every task. */
export async function* followQueuedBatch(
  redis: string,
  batchId: string,
  signal: AbortSignal,
): AsyncGenerator<BatchStatus> {
  const { watchBatch } = await loadQueue();
  yield* watchBatch({ connection: redis, batchId, signal });
}

/** Where a queued batch stands, every task included (`batchStatus`). */
export async function queuedBatchStatus(redis: string, batchId: string): Promise<BatchStatus> {
  const { batchStatus } = await loadQueue();
  return batchStatus({ connection: redis, batchId });
}

/**
 * A queued batch's report, as an embedded batch's reads: a saved video is `completed` with its
 * file, one that could not be saved `completed` with its error, one on its way `running`.
 */
export function queuedBatchReport(status: BatchStatus, stopped: boolean): BatchReport {
  const entries = (status.tasks ?? []).map((task): ReportEntry => {
    const saveFailed = task.phase === 'downloadFailed';
    const phase: TaskPhase =
      task.phase === 'downloaded' || task.phase === 'downloadFailed'
        ? 'completed'
        : task.phase === 'downloading'
          ? 'running'
          : task.phase;
    return {
      line: lineOfKey(task.key) ?? task.index + 1,
      id: null,
      file: task.file,
      downloadError: saveFailed && task.error ? saveErrorOf(task.error) : null,
      state: {
        phase,
        taskId: task.taskId,
        error: saveFailed ? null : task.error,
        creates: task.creates,
        polls: task.polls,
      },
    };
  });
  return batchReport(entries, { saving: false, stopped });
}

/** How a worker runs: its flags. */
export interface WorkerSettings {
  /** `--rpm`: the account's budget, shared by every worker of the queue through Redis. */
  requestsPerMinute: number;
  /** `--concurrency`: jobs at once; undefined for the queue's default (50). */
  concurrency: number | undefined;
  /** `--out-dir`, absolute; null with `--no-download`. */
  outDir: string | null;
  /** `--wake`: poll when a poll should see the end (`due`), or as a single job does (`eager`). */
  wake: 'due' | 'eager' | undefined;
}

/**
 * Starts a worker of the queue at `redis` (`createVideoWorker`) on the API of `connection`,
 * one request a job run (`maxRetries: 0`); `onError` hears its Redis connections' errors.
 */
export async function startQueueWorker(
  redis: string,
  connection: Connection,
  settings: WorkerSettings,
  onError: (error: Error) => void,
): Promise<VideoWorker> {
  const { createVideoWorker } = await loadQueue();
  return createVideoWorker({
    connection: redis,
    client: connection.clientWith({ maxRetries: 0 }),
    requestsPerMinute: settings.requestsPerMinute,
    concurrency: settings.concurrency,
    downloads: settings.outDir === null ? undefined : { dir: settings.outDir },
    wake: settings.wake,
    onError,
  });
}

/** A Redis URL as it may be shown: its host and port, never a password. */
export function redisHostOf(url: string): string {
  try {
    const { host, protocol } = new URL(url);
    return `${protocol}//${host}`;
  } catch {
    return 'redis';
  }
}
