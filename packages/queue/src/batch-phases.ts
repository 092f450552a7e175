import type { TaskPhase } from '@lemonvideo/core';
import type { Redis } from 'ioredis';
import type { BatchKeys } from './batch-keys';

/**
 * Where a task of a batch is: its `TaskPhase` (see `@lemonvideo/core`), or, once a worker that
 * downloads has seen it completed, where its video is:
 *
 * - `downloading`: being downloaded, or waiting to try again.
 * - `downloaded`: saved (in the download directory, or by your sink).
 * - `downloadFailed`: every attempt failed. The task itself completed: its video URL is in its
 *   result (until the vendor's link expires).
 */
export type BatchPhase = TaskPhase | 'downloading' | 'downloaded' | 'downloadFailed';

/** How far along each phase is. */
const ranks: Record<BatchPhase, number> = {
  queued: 0,
  creating: 1,
  running: 2,
  completed: 3,
  failed: 3,
  cancelled: 3,
  mayHaveCreatedTask: 3,
  downloading: 4,
  downloaded: 5,
  downloadFailed: 5,
};

/** Every phase, in order. */
export const batchPhases = Object.keys(ranks) as BatchPhase[];

/** The phases after which nothing more happens to a task. */
export const isFinalPhase = (phase: BatchPhase) =>
  phase !== 'downloading' && ranks[phase] >= ranks.completed;

/**
 * Sets a task's phase unless it is further along (a step of a worker that lost the job to
 * another, arriving late, never moves it back; only a create refused for now goes back from
 * `creating` to `queued`), and counts the request the step sent. KEYS: phases, meta. ARGV: key,
 * phase, the counter (`creates`, `polls`) or ''.
 */
const recordScript = `
local ranks = cjson.decode(${JSON.stringify(JSON.stringify(ranks))})
local current = redis.call('HGET', KEYS[1], ARGV[1])
local from = current and ranks[current] or -1
if ranks[ARGV[2]] >= from or (current == 'creating' and ARGV[2] == 'queued') then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
if ARGV[3] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[3], 1) end
return 1
`;

/** Records that task `key` is at `phase`, and the request (`sent`) that brought it there. */
export async function recordPhase(
  redis: Redis,
  keys: BatchKeys,
  key: string,
  phase: BatchPhase,
  sent: 'create' | 'poll' | null = null,
): Promise<void> {
  const counter = sent === null ? '' : `${sent}s`;
  await redis.eval(recordScript, 2, keys.phases, keys.meta, key, phase, counter);
}
