import type { StepError, TaskState } from '@lemonvideo/core';
import type { HistoryApi, HistoryEntry, HistoryStatus, HistoryStore } from './history-store';

/** Where a batch's tasks are written in the history, and how its errors are cleaned. */
export interface BatchHistory {
  store: HistoryStore;
  api: HistoryApi;
  /** `text` without the API key. */
  redact: (text: string) => string;
  /** The batch's id: the local ids of tasks that have none yet are made from it. */
  batchId: string;
}

/** What the history holds for a task of the batch in `state`, or null while nothing is to be said. */
function statusOf(state: TaskState): HistoryStatus | null {
  switch (state.phase) {
    case 'queued':
    case 'creating':
      return null;
    case 'running':
      return state.status === 'processing' || (state.progress ?? 0) > 0 ? 'processing' : 'pending';
    case 'mayHaveCreatedTask':
      // The history's word for a create sent whose answer never came.
      return 'creating';
    default:
      return state.phase;
  }
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * Writes a batch task to the history when what it would say changes in kind: once created (its
 * task id), and once ended (completed, failed, cancelled, or may have been created); progress
 * alone never writes (the history file is rewritten whole on each write). A task the API never
 * created keeps a local id made from the batch and its key. Returns the status written, or
 * `recorded` when nothing was.
 */
export function recordBatchTask(
  history: BatchHistory,
  state: TaskState,
  recorded: HistoryStatus | null,
): HistoryStatus | null {
  const status = statusOf(state);
  if (status === null || status === recorded) return recorded;
  // Pending and processing are one kind: the task runs. Written once.
  if (status === 'processing' && recorded === 'pending') return recorded;
  const localId = `local-${history.batchId}-${state.key.replace(/\W+/g, '-')}`;
  const entry: HistoryEntry = {
    id: state.taskId ?? localId,
    localId: state.taskId === null ? localId : null,
    status,
    params: state.params,
    api: history.api,
    result: state.video === null ? null : { videoUrl: state.video.url, file: null },
    // While it runs, its error is only the last failed request's: not the task's.
    error:
      state.error === null || state.phase === 'running'
        ? null
        : errorOf(state.error, history.redact),
    createdAt: isoOf(state.createdAt ?? state.addedAt),
    updatedAt: isoOf(state.updatedAt),
  };
  history.store.save(entry);
  return status;
}

/** A saved video, in the history entry of its task. */
export function recordBatchFile(history: BatchHistory, state: TaskState, file: string): void {
  if (state.taskId === null || state.video === null) return;
  const known = history.store.find(state.taskId);
  if (known === undefined) return;
  history.store.save({
    ...known,
    result: { videoUrl: state.video.url, file },
    updatedAt: new Date().toISOString(),
  });
}

function errorOf(error: StepError, redact: (text: string) => string): HistoryEntry['error'] {
  const message = redact(error.message);
  return error.code === null ? { message } : { code: error.code, message };
}
