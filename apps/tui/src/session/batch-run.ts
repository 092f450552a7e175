import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isSettled, type LemonVideo, runBatch, type TaskState } from '@lemonvideo/core';
import { downloadToFile, type SavedVideo } from '@lemonvideo/core/node';
import pLimit from 'p-limit';
import { type BatchHistory, recordBatchTask } from './batch-history';
import type { BatchJournal, JournalEntry } from './batch-journal';
import { BatchProgress } from './batch-progress';
import type { Connection } from './connection';
import { videoFileName } from './video-path';

/** Videos downloaded at once. They go to the video's host, not the API: no request budget. */
const downloadsAtOnce = 4;

export interface BatchRunOptions {
  /**
   * Sends the batch's requests: the connection's API with `maxRetries: 0` (one request a step).
   * The model details it has read (the checks before the batch) it keeps for the creates.
   */
  client: LemonVideo;
  /** Requests a minute, every task together: the vendor's unit. */
  requestsPerMinute: number;
  /** Most tasks in flight; undefined: what the budget affords. */
  concurrency: number | undefined;
  /** Where videos are saved; null to save none. */
  outDir: string | null;
  /** Stops the run: no new request; steps and saves under way end, every state is kept. */
  signal: AbortSignal;
}

/** What a run says as it goes, for a face to show. */
export interface BatchRunEvents {
  /** A task changed phase (it was created, ended, ...). */
  onChange?: (entry: JournalEntry, previous: TaskState) => void;
  onSaved?: (entry: JournalEntry, saved: SavedVideo) => void;
}

/**
 * One run of a journalled batch: core's `runBatch` under the request budget, each new task state
 * written to the journal before the task's next step, each task in the history once it ended,
 * and each completed video saved under `outDir`: as its line's `out`, never replacing a file
 * there; else as `<task id>.mp4`, the task's own (one already there is its video, kept). Tasks the journal holds as `creating` are
 * reported as `mayHaveCreatedTask`, never created again.
 */
export class BatchRun {
  readonly progress: BatchProgress;
  readonly #connection: Connection;
  readonly #journal: BatchJournal;
  readonly #history: BatchHistory;
  readonly #options: BatchRunOptions;
  readonly #events: BatchRunEvents;
  readonly #entries: Map<string, JournalEntry>;
  readonly #limit = pLimit(downloadsAtOnce);
  readonly #saves = new Set<Promise<void>>();
  /** History writes, one after the other (each takes the history file's lock). */
  #recording: Promise<void> = Promise.resolve();
  /** Tasks whose end is written, or about to be. */
  readonly #recorded = new Set<string>();
  #historyError: unknown;

  constructor(
    connection: Connection,
    journal: BatchJournal,
    history: BatchHistory,
    options: BatchRunOptions,
    events: BatchRunEvents = {},
  ) {
    this.#connection = connection;
    this.#journal = journal;
    this.#history = history;
    this.#options = options;
    this.#events = events;
    const entries = journal.entries();
    this.#entries = new Map(entries.map((entry) => [entry.key, entry]));
    this.progress = new BatchProgress(connection.client.clock, entries);
  }

  /** Every task as it stands, in the order of the file. */
  entries(): JournalEntry[] {
    return [...this.#entries.values()];
  }

  /** Runs until every task has ended and its video is saved, or the signal stops it. */
  async run(): Promise<JournalEntry[]> {
    const { signal } = this.#options;
    try {
      // Videos a stopped run did not save.
      for (const entry of this.#entries.values()) {
        if (entry.state.phase === 'completed' && entry.file === null) this.#save(entry);
      }
      await runBatch(
        this.#options.client,
        this.entries().map((entry) => entry.state),
        {
          requestsPerMinute: this.#options.requestsPerMinute,
          concurrency: this.#options.concurrency,
          signal,
          onState: (state) => this.#onState(state),
        },
      );
    } finally {
      while (this.#saves.size > 0) await Promise.all(this.#saves);
      await this.#recording;
      this.progress.finish();
    }
    return this.entries();
  }

  async #onState(state: TaskState): Promise<void> {
    const entry = this.#entries.get(state.key) as JournalEntry;
    const previous = entry.state;
    await this.#journal.saveState(state);
    entry.state = state;
    // A completed video is recorded once saved (or once saving it failed), with its file.
    const saving = state.phase === 'completed' && this.#options.outDir !== null;
    if (isSettled(state) && !saving) this.#record(entry, null);
    this.progress.update(previous, state);
    if (previous.phase !== state.phase) this.#events.onChange?.(entry, previous);
    if (state.phase === 'completed' && previous.phase !== 'completed') this.#save(entry);
  }

  /**
   * Why writing to the history failed, if it did: the batch goes on (its journal has every
   * task), and the history misses those tasks.
   */
  get historyError(): unknown {
    return this.#historyError;
  }

  /**
   * Writes a task that ended to the history, once (again when its video is saved after all),
   * after the writes before it; the batch does not wait for it.
   */
  #record(entry: JournalEntry, file: string | null): void {
    if (file === null && (entry.recorded !== null || this.#recorded.has(entry.key))) return;
    this.#recorded.add(entry.key);
    const { state } = entry;
    this.#recording = this.#recording.then(async () => {
      try {
        entry.recorded = await recordBatchTask(this.#history, state, file);
        this.#journal.saveRecorded(entry.key, entry.recorded);
      } catch (error) {
        this.#historyError ??= error;
      }
    });
  }

  /** Saves a completed task's video, a few at a time, unless videos are not saved. */
  #save(entry: JournalEntry): void {
    const { outDir, signal } = this.#options;
    const { state } = entry;
    if (outDir === null || state.taskId === null || state.video === null) return;
    const path = resolve(outDir, entry.out ?? videoFileName(state.taskId));
    const saving = this.#limit(async () => {
      if (signal.aborted) return;
      const client = this.#connection.client;
      try {
        // A download never leaves a partial file: one already at a task's own path
        // (`<task id>.mp4`) is its video, saved by an earlier run; a line's `out` is never replaced.
        const found = entry.out === null ? statSync(path, { throwIfNoEntry: false }) : undefined;
        const saved = found?.isFile()
          ? { path, bytes: found.size }
          : await downloadToFile(client, state.video as { url: string }, path, { signal });
        this.#journal.saveDownload(entry.key, { file: saved.path });
        entry.file = saved.path;
        entry.downloadError = null;
        this.#record(entry, saved.path);
        this.progress.saved(entry.key, true);
        this.#events.onSaved?.(entry, saved);
      } catch (error) {
        if (signal.aborted) return;
        const message = this.#connection.describe(error, (field) => field);
        const code = (error as { code?: unknown }).code;
        entry.downloadError = {
          name: error instanceof Error ? error.name : 'Error',
          code: typeof code === 'string' ? code : null,
          message,
        };
        this.#journal.saveDownload(entry.key, { error: entry.downloadError });
        this.#record(entry, null);
        this.progress.saved(entry.key, false, message);
      }
    });
    this.#saves.add(saving);
    const done = () => this.#saves.delete(saving);
    saving.then(done, done);
  }
}
