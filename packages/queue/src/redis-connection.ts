import { LemonVideoError } from '@lemonvideo/core';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where Redis is: a URL (`redis://user:password@host:6379/0`, `rediss://` for TLS), ioredis
 * options (`{ host, port, password, db, tls }`), or an ioredis client of yours. A client of
 * yours is used as is and left open when the queue closes (it is yours); it must have
 * `maxRetriesPerRequest: null`, as BullMQ's workers need.
 */
export type RedisConnection = string | RedisOptions | Redis;

/** The Redis part of every function of this package. */
export interface QueueConnectionOptions {
  /** Where Redis is (see `RedisConnection`). Required. */
  connection: RedisConnection;
  /** The BullMQ queue the batch's tasks go through. Default `'lemonvideo'`. */
  queueName?: string | undefined;
  /** BullMQ's prefix of every Redis key of the queue. Default `'bull'` (BullMQ's own default). */
  prefix?: string | undefined;
}

/** An ioredis client (of any copy of ioredis, as BullMQ also tells them apart), not options. */
const isClient = (connection: unknown): connection is Redis =>
  typeof (connection as Redis | null)?.duplicate === 'function' &&
  typeof (connection as Redis).sendCommand === 'function';

export interface OpenRedis {
  redis: Redis;
  /** Closes the client if this package opened it. */
  close(): Promise<void>;
}

/**
 * A client for `connection`: ours (closed by `close`), or yours as is. `blocking`: for a worker,
 * whose blocking reads need no per-command retry limit (BullMQ requires it); otherwise a command
 * fails once ioredis has tried to reconnect 20 times (its default), rather than hanging. `lazy`:
 * ours connects on `connect()`.
 */
export function openRedis(
  connection: RedisConnection | undefined,
  { blocking, lazy = false }: { blocking: boolean; lazy?: boolean },
): OpenRedis {
  if (isClient(connection)) return { redis: connection, close: async () => undefined };
  if (typeof connection !== 'string' && (typeof connection !== 'object' || connection === null)) {
    throw new LemonVideoError(
      'connection: must be a Redis URL (redis://host:6379), ioredis options or an ioredis client.',
    );
  }
  const own = { ...(blocking && { maxRetriesPerRequest: null }), lazyConnect: lazy };
  const redis =
    typeof connection === 'string'
      ? new Redis(connection, own)
      : new Redis({ ...connection, ...own });
  return {
    redis,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * A client for a one-off use (enqueue, status): ours is connected first, so that a Redis that
 * cannot be reached fails at once with `LemonVideoError` naming its host and port (never a
 * password), rather than after ioredis's retries. Its later errors reach the caller as the
 * commands' rejections.
 */
export async function connectRedis(connection: RedisConnection | undefined): Promise<OpenRedis> {
  const opened = openRedis(connection, { blocking: false, lazy: true });
  const { redis } = opened;
  if (redis === connection) return opened;
  let failure: unknown;
  redis.on('error', (error) => {
    failure = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const { host, port, path } = redis.options;
    // The socket's own error says why (ECONNREFUSED, ENOTFOUND); the rejection only that it closed.
    const cause = failure ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new LemonVideoError(
      `connection: could not reach Redis at ${path ?? `${host}:${port}`} (${reason}).`,
    );
  }
  return opened;
}
