import { createHash } from 'node:crypto';
import {
  type CreateVideoParams,
  LemonVideoError,
  queuedTask,
  RequestValidationError,
  type ValidationIssue,
  validationIssues,
} from '@lemonvideo/core';
import { Queue } from 'bullmq';
import { assertBatchId, batchKeys, jobIdOf, queueOf } from './batch-keys';
import type { TaskJobData } from './job-data';
import { outputNameProblem } from './output-path';
import { connectRedis, type QueueConnectionOptions } from './redis-connection';

/** One video of a batch. */
export interface BatchTask {
  /**
   * Your name for it, unique within the batch (a line number, an asset id): the batch knows the
   * task by it, and it never creates a key's task twice. Default: its place in `tasks`, from 1
   * (`'1'`, `'2'`, ...).
   */
  key?: string | undefined;
  /** The create's body, as `LemonVideo.videos.create` takes it; checked against the spec. */
  params: CreateVideoParams;
  /**
   * The file its video is saved as, relative to the download directory of the workers
   * (`downloads: { dir }`); no `..`, not absolute. Default `<task id>.mp4`.
   */
  out?: string | undefined;
}

/** What `enqueueBatch` adds, and where. */
export interface EnqueueBatchOptions extends QueueConnectionOptions {
  /** The videos to make, in order. At least one. */
  tasks: readonly BatchTask[];
  /**
   * The batch's id: 1 to 64 letters, digits, `_` or `-`. Default: a digest of `tasks` (their
   * keys, bodies and file names), so that enqueuing the same tasks again is the same batch, and
   * creates nothing. Pass your own to run the same tasks again as a new batch.
   */
  batchId?: string | undefined;
}

/** Tasks added per round trip to Redis. */
const chunkSize = 500;

/**
 * The BullMQ options of a task's job. A step's errors are in its state, never thrown: a job fails
 * only when Redis does (its state could not be saved), and then it is taken up again from the last
 * state saved, which never sends a create twice.
 */
const taskJobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } } as const;

function checkedTasks(
  tasks: readonly BatchTask[],
): Array<Required<Pick<BatchTask, 'key'>> & BatchTask> {
  if (!Array.isArray(tasks) || tasks.length === 0) {
    throw new LemonVideoError('tasks: must be a non-empty array of { key?, params, out? }.');
  }
  const issues: ValidationIssue[] = [];
  const keys = new Map<string, number>();
  const outs = new Map<string, number>();
  const checked = tasks.map((task, index) => {
    const at = `tasks[${index}]`;
    const key = task?.key ?? String(index + 1);
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      issues.push({ field: `${at}.key`, message: 'must be a string of 1 to 200 characters' });
    } else if (keys.has(key)) {
      issues.push({
        field: `${at}.key`,
        message: `must be unique within the batch ("${key}" is also tasks[${keys.get(key)}])`,
      });
    } else keys.set(key, index);
    for (const issue of validationIssues(task?.params)) {
      issues.push({
        ...issue,
        field: `${at}.params${issue.field === 'params' ? '' : `.${issue.field}`}`,
      });
    }
    const out = task?.out;
    if (out !== undefined) {
      const problem = outputNameProblem(out);
      if (problem !== null) issues.push({ field: `${at}.out`, message: problem });
      else if (outs.has(out)) {
        issues.push({
          field: `${at}.out`,
          message: `must be unique within the batch ("${out}" is also tasks[${outs.get(out)}])`,
        });
      } else outs.set(out, index);
    }
    return { ...task, key };
  });
  if (issues.length > 0) throw new RequestValidationError(issues);
  return checked;
}

/** The default batch id: the same tasks make the same id. */
function digestOf(tasks: ReadonlyArray<BatchTask & { key: string }>): string {
  const hash = createHash('sha256');
  for (const task of tasks)
    hash.update(`${JSON.stringify([task.key, task.params, task.out ?? null])}\n`);
  return hash.digest('hex').slice(0, 20);
}

/**
 * Adds a batch of videos to the queue, one BullMQ job per task, and resolves with the batch's id
 * once every task is in Redis. Workers (`createVideoWorker`) take them from there; follow them
 * with `batchStatus` or `watchBatch`.
 *
 * Idempotent: a task whose key is already in the batch is left as it is (even once its job has
 * been removed), and each job's id is the batch id and the key, so enqueuing the same batch again,
 * or again after a crash halfway, never creates a task twice.
 *
 * Throws `RequestValidationError` naming every bad task (`tasks[3].params.fps: ...`) before
 * anything is added, `LemonVideoError` for a bad `batchId`, `queueName` or `connection`, and
 * Redis's errors as ioredis throws them.
 */
export async function enqueueBatch(options: EnqueueBatchOptions): Promise<string> {
  const { queueName, prefix } = queueOf(options);
  const tasks = checkedTasks(options.tasks);
  const batchId = options.batchId ?? digestOf(tasks);
  assertBatchId(batchId);
  const keys = batchKeys(prefix, queueName, batchId);
  const { redis, close } = await connectRedis(options.connection);
  const queue = new Queue<TaskJobData>(queueName, { connection: redis, prefix });
  // Its failures reach us as the rejections of its commands.
  queue.on('error', () => undefined);
  try {
    await redis.hsetnx(keys.meta, 'createdAt', Date.now());
    for (let start = 0; start < tasks.length; start += chunkSize) {
      const chunk = tasks.slice(start, start + chunkSize);
      const known = redis.pipeline();
      for (const task of chunk) known.zscore(keys.keys, task.key);
      const scores = (await known.exec()) ?? [];
      const fresh = chunk
        .map((task, offset) => ({ task, index: start + offset }))
        .filter((_, offset) => (scores[offset]?.[1] ?? null) === null);
      if (fresh.length === 0) continue;
      // The jobs first: a crash before the batch lists them leaves keys to add again, and adding
      // a job whose id exists is a no-op.
      await queue.addBulk(
        fresh.map(({ task, index }) => ({
          name: 'video',
          data: {
            batchId,
            index,
            out: task.out ?? null,
            state: queuedTask(task.params, { key: task.key }),
          },
          opts: { ...taskJobOptions, jobId: jobIdOf(batchId, task.key) },
        })),
      );
      const listed = redis.multi();
      for (const { task, index } of fresh) {
        listed.zadd(keys.keys, 'NX', index, task.key);
        listed.hsetnx(keys.phases, task.key, 'queued');
      }
      await listed.exec();
    }
  } finally {
    await queue.close();
    await close();
  }
  return batchId;
}
