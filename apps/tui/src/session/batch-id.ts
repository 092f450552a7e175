import { createHash } from 'node:crypto';
import type { Connection } from './connection';

/**
 * A batch's id: from its file's content and the API its tasks are created on (the built-in
 * simulator, whichever port it has, or the base URL), so that the same command run again finds
 * the same batch and goes on with it. What only paces a run or says where videos go (`--rpm`,
 * `--concurrency`, `--out-dir`, `--no-download`) is not in it: changing them goes on with the
 * batch rather than creating every task a second time.
 */
export const batchIdOf = (
  content: string,
  connection: Pick<Connection, 'api' | 'baseURL'>,
): string => hashedBatchId(apiOf(connection), content);

/** A batch's id on the queue: from its file's content, so the same file is the same batch. */
export const queueBatchIdOf = (content: string): string => hashedBatchId('queue', content);

/** Whether `id` has a batch id's form: `b` and 12 hex digits (`batchIdOf`, `queueBatchIdOf`). */
export const isBatchId = (id: string): boolean => /^b[0-9a-f]{12}$/.test(id);

/** `b` and the first 12 hex digits of the SHA-256 of `scope`, a line feed and `content`. */
function hashedBatchId(scope: string, content: string): string {
  const hash = createHash('sha256').update(scope).update('\n').update(content);
  return `b${hash.digest('hex').slice(0, 12)}`;
}

/** The API a batch's tasks live on, as its id counts it: the built-in simulator, or the base URL. */
export const apiOf = (connection: Pick<Connection, 'api' | 'baseURL'>): string =>
  connection.api.embedded ? 'built-in simulator' : connection.baseURL;
