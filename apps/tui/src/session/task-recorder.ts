import { randomUUID } from 'node:crypto';
import {
  APIError,
  ConnectionError,
  type CreateVideoParams,
  type JobSnapshot,
  snapshotOf,
  TaskFailedError,
  TaskTimeoutError,
  type VideoTask,
} from '@lemonvideo/core';
import type { HistoryApi, HistoryEntry, HistoryStatus, HistoryStore } from './history-store';

/** A create whose answer never came: the API may have created (and billed) the task. */
const mayExist = (error: unknown) =>
  (error instanceof ConnectionError && error.mayHaveCreatedTask) ||
  (error instanceof TaskTimeoutError && error.task === null);

/**
 * Keeps one task's history entry in step with its job: the create sent, the task created
 * (before anything else happens), each change of status, the result and the saved file. Its
 * writes go to disk one after the other, in the order they were made; each method resolves
 * once its own write is on disk, and `flush` once all are.
 */
export class TaskRecorder {
  #entry: HistoryEntry;
  /** The last write asked for: each one starts once the one before it has ended. */
  #written: Promise<void> = Promise.resolve();
  /** The first write that failed, for `flush` to report. */
  #failure: { error: unknown } | undefined;

  private constructor(
    private readonly history: HistoryStore,
    entry: HistoryEntry,
  ) {
    this.#entry = entry;
  }

  /** Records "create sent" (a local id, status `creating`); resolves once it is on disk. */
  static async beforeCreate(
    history: HistoryStore,
    api: HistoryApi,
    params: CreateVideoParams,
  ): Promise<TaskRecorder> {
    const now = new Date().toISOString();
    const localId = `local-${randomUUID()}`;
    const recorder = new TaskRecorder(history, {
      id: localId,
      localId,
      status: 'creating',
      params: withoutInlineData(params),
      api,
      result: null,
      error: null,
      createdAt: now,
      updatedAt: now,
    });
    await history.save(recorder.#entry);
    return recorder;
  }

  /** Follows a task that exists already, keeping what the history knows about it (`known`). */
  static forTask(
    history: HistoryStore,
    api: HistoryApi,
    taskId: string,
    known: HistoryEntry | undefined,
  ): TaskRecorder {
    const now = new Date().toISOString();
    const entry: HistoryEntry = known ?? {
      id: taskId,
      localId: null,
      status: 'pending',
      params: null,
      api,
      result: null,
      error: null,
      createdAt: now,
      updatedAt: now,
    };
    return new TaskRecorder(history, entry);
  }

  get entry(): HistoryEntry {
    return this.#entry;
  }

  /** The job's `onCreated`: the task replaces the "create sent" entry, on disk at once. */
  created = (task: VideoTask): Promise<void> => {
    const localId = this.#entry.id;
    return this.#write({ id: task.id, status: 'pending' }, localId);
  };

  /** The job's `onProgress`: writes when the status changes, never for progress alone. */
  observe = (snapshot: JobSnapshot): void => {
    switch (snapshot.status) {
      case 'idle':
      case 'submitting':
        return;
      case 'pending':
      case 'processing':
        this.#status(snapshot.status);
        return;
      case 'completed':
        this.#write({
          status: 'completed',
          result: { videoUrl: snapshot.video.url, file: this.#entry.result?.file ?? null },
          error: null,
        });
        return;
      case 'cancelled':
        this.#write({ status: 'cancelled', error: { message: snapshot.error.message } });
        return;
      case 'failed':
        this.#failed(snapshot);
        return;
    }
  };

  /** The task as `status`, `cancel` or `download` saw it. */
  seen(task: VideoTask): Promise<void> {
    return this.#write({
      id: task.id,
      status: snapshotOf(task).status,
      result: task.video
        ? { videoUrl: task.video.url, file: this.#entry.result?.file ?? null }
        : null,
      error: task.error,
    });
  }

  /** The video is saved at `file`. */
  saved(videoUrl: string, file: string): Promise<void> {
    return this.#write({ result: { videoUrl, file } });
  }

  /** Resolves once every write made so far is on disk; rejects with the first that failed. */
  async flush(): Promise<void> {
    await this.#written;
    if (this.#failure) throw this.#failure.error;
  }

  #status(status: HistoryStatus): void {
    if (this.#entry.status !== status) this.#write({ status, error: null });
  }

  #failed(snapshot: Extract<JobSnapshot, { status: 'failed' }>): void {
    const { error } = snapshot;
    // The API's own words: the connection has masked the key in them already.
    const { message } = error;
    const code =
      error instanceof TaskFailedError || error instanceof APIError ? error.code : undefined;
    const recorded = code ? { code, message } : { message };
    if (error instanceof TaskFailedError) {
      this.#write({ status: 'failed', error: recorded });
    } else if (snapshot.taskId === null && !mayExist(error)) {
      // The API refused the create: no task exists.
      this.#write({ status: 'failed', error: recorded });
    } else {
      // Still `creating` (the task may exist), or a task that may still finish.
      this.#write({ error: recorded });
    }
  }

  #write(patch: Partial<HistoryEntry>, replaces?: string): Promise<void> {
    this.#entry = { ...this.#entry, ...patch, updatedAt: new Date().toISOString() };
    const entry = this.#entry;
    const write = this.#written.then(() => this.history.save(entry, replaces));
    this.#written = write.catch((error: unknown) => {
      this.#failure ??= { error };
    });
    return write;
  }
}

/** A data URL as the history keeps it: its type and size, not its bytes. */
const shortened = (value: unknown): unknown =>
  typeof value === 'string' && value.startsWith('data:')
    ? `${value.slice(0, value.indexOf(',') + 1)}… (${value.length} characters, not kept)`
    : value;

/** The params with every inline image (a data URL) cut short: the history stays small. */
function withoutInlineData(params: CreateVideoParams): CreateVideoParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(shortened) : shortened(value),
    ]),
  ) as CreateVideoParams;
}
