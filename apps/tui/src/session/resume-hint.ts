import { NotFoundError } from '@lemonvideo/core';
import type { Connection } from './connection';
import type { HistoryEntry } from './history-store';

/**
 * Runs `run`; when the API does not know the task, says where the history saw it, since a
 * task lives on the API that created it.
 */
export async function withResumeHint<T>(
  entry: HistoryEntry | undefined,
  connection: Connection,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof NotFoundError) || entry === undefined) throw error;
    const where = entry.api.embedded
      ? 'the simulator inside an earlier lemonvideo, and ended with it'
      : entry.api.host === connection.api.host
        ? `${entry.api.host}, which may have let it expire`
        : `${entry.api.host}: pass --base-url to reach it`;
    throw new NotFoundError({
      status: error.status,
      code: error.code,
      message: `${error.message} The history says it was created on ${where}.`,
    });
  }
}
