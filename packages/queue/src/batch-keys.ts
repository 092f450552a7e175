import { LemonVideoError } from '@lemonvideo/core';
import type { QueueConnectionOptions } from './redis-connection';

/** The BullMQ queue a batch goes through when `queueName` is not given. */
export const defaultQueueName = 'lemonvideo';
/** The prefix of every Redis key of the queue when `prefix` is not given: BullMQ's own default. */
export const defaultPrefix = 'bull';

/** The queue's name and prefix, checked (BullMQ refuses `:` in a queue name). */
export function queueOf(options: Pick<QueueConnectionOptions, 'queueName' | 'prefix'>): {
  queueName: string;
  prefix: string;
} {
  const queueName = options.queueName ?? defaultQueueName;
  const prefix = options.prefix ?? defaultPrefix;
  if (typeof queueName !== 'string' || !/^[^:\s]{1,100}$/.test(queueName)) {
    throw new LemonVideoError(
      `queueName: must be 1 to 100 characters without ":" or spaces (got ${JSON.stringify(queueName)}).`,
    );
  }
  if (typeof prefix !== 'string' || prefix.length === 0) {
    throw new LemonVideoError('prefix: must be a non-empty string.');
  }
  return { queueName, prefix };
}

/** The queue the videos of completed tasks are downloaded through: `<queueName>-downloads`. */
export const downloadQueueName = (queueName: string) => `${queueName}-downloads`;

/** Throws unless `batchId` is 1 to 64 letters, digits, `_` or `-`. */
export function assertBatchId(batchId: unknown): asserts batchId is string {
  if (typeof batchId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(batchId)) {
    throw new LemonVideoError(
      `batchId: must be 1 to 64 letters, digits, "_" or "-" (got ${JSON.stringify(batchId)}).`,
    );
  }
}

/**
 * The BullMQ job id of a task of a batch, in the task queue and in the download queue: the batch
 * id, a dot, and the key with every character a job id may not hold (`:`) escaped. One key, one
 * id: BullMQ adds a job whose id exists as a no-op.
 */
export const jobIdOf = (batchId: string, key: string) => `${batchId}.${encodeURIComponent(key)}`;

/** The Redis keys this package keeps beside BullMQ's, for one batch. */
export interface BatchKeys {
  /** A hash: `total`, `createdAt`, and the requests sent (`creates`, `polls`). */
  meta: string;
  /** A sorted set of the batch's keys, scored by their place in the batch. */
  keys: string;
  /** A hash from each key to its `BatchPhase`, kept by the workers. */
  phases: string;
}

/** Beside the queue's own keys: under its prefix and name. */
export function batchKeys(prefix: string, queueName: string, batchId: string): BatchKeys {
  const base = `${prefix}:${queueName}:batch:${batchId}`;
  return { meta: base, keys: `${base}:keys`, phases: `${base}:phases` };
}
