import type { StepError, TaskState } from '@lemonvideo/core';
import type { HistoryApi, HistoryEntry, HistoryStatus, HistoryStore } from './history-store';

/** Where a batch's tasks are written in the history. */
export interface BatchHistory {
  store: HistoryStore;
  api: HistoryApi;
  /** The batch's id: the local ids of tasks that have none yet are made from it. */
  batchId: string;
}

/** What the history says of a batch task that ended. */
function statusOf(state: TaskState): HistoryStatus {
  switch (state.phase) {
    case 'completed':
    case 'failed':
    case 'cancelled':
      return state.phase;
    default:
      // `mayHaveCreatedTask`: the history's word for a create sent whose answer never came.
      return 'creating';
  }
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * Writes a batch task that ended to the history (completed, failed, cancelled, or may have been
 * created), once: the history file is rewritten whole on each write, so a batch writes it once a
 * task, and only when it has something lasting to say (a completed task's video once saved,
 * `file`, or once saving it failed); the journal has the rest. A task the API
 * never created gets a local id made from the batch and its key. Returns the status written.
 */
export async function recordBatchTask(
  history: BatchHistory,
  state: TaskState,
  file: string | null = null,
): Promise<HistoryStatus> {
  const status = statusOf(state);
  const localId = `local-${history.batchId}-${state.key.replace(/\W+/g, '-')}`;
  await history.store.save({
    id: state.taskId ?? localId,
    localId: state.taskId === null ? localId : null,
    status,
    params: state.params,
    api: history.api,
    result: state.video === null ? null : { videoUrl: state.video.url, file },
    error: state.error === null ? null : errorOf(state.error),
    createdAt: isoOf(state.createdAt ?? state.addedAt),
    updatedAt: isoOf(state.updatedAt),
  });
  return status;
}

/** The error as the history keeps it. The API's words hold no key: the connection masks it. */
function errorOf({ code, message }: StepError): HistoryEntry['error'] {
  return code === null ? { message } : { code, message };
}
