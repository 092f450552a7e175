import { type RedisServer, startRedis } from '@lemonvideo/test-helpers/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type BatchStatus, type WatchBatchOptions, watchBatch } from '../src/batch-status';

/**
 * One real Redis for the test file that calls this (started before its tests, stopped after),
 * with an ioredis client on it for looking inside, and a fresh queue name per test.
 */
export function useRedis(queuePrefix: string) {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  let queues = 0;
  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    await client?.quit();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useRedis: read before its beforeAll ran');
    return value;
  };
  return {
    /** `redis://127.0.0.1:<port>`. */
    get url(): string {
      return started(server).url;
    },
    get client(): Redis {
      return started(client);
    },
    /** A queue name no other test of the file uses: `<prefix>-1`, `<prefix>-2`, ... */
    nextQueue: () => `${queuePrefix}-${++queues}`,
  };
}

/** Follows a batch with `watchBatch` to its end; throws when it ends unsettled. */
export async function settledBatch(options: WatchBatchOptions): Promise<BatchStatus> {
  let last: BatchStatus | undefined;
  for await (const status of watchBatch(options)) last = status;
  if (last === undefined || !last.settled) throw new Error('the batch did not settle');
  return last;
}
