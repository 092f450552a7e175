import type { LemonVideo, VideoModel, VideoTask } from '@lemonvideo/core';
import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import { type Connection, connect } from './connection';
import { describeError } from './describe-error';
import {
  type HistoryEntry,
  HistoryStore,
  type HistoryStoreOptions,
  historyPath,
} from './history-store';
import { callTimeoutOf, type SessionOptions } from './options';
import { withResumeHint } from './resume-hint';
import { TaskRecorder } from './task-recorder';

/**
 * What one run of lemonvideo works with, whichever face shows it: its options, the history,
 * and (once asked) the API. Headless: it prints nothing and reads only what it is given.
 */
export class Session {
  readonly options: SessionOptions;
  readonly history: HistoryStore;
  /** Where videos are saved (`./videos/`) and `--out` is read from. */
  readonly cwd: string;
  readonly #env: Env;
  /**
   * Receives the client's warnings about a create (a deprecated model, with its replacement).
   * Default: none are shown; a face sets it before it connects.
   */
  onWarning: (message: string, model: VideoModel) => void = () => undefined;
  #connecting: Promise<Connection> | undefined;
  #connection: Connection | undefined;

  constructor(options: SessionOptions, env: Env, cwd: string, history: HistoryStoreOptions = {}) {
    this.options = options;
    this.#env = env;
    this.cwd = cwd;
    this.history = new HistoryStore(historyPath(env), history);
  }

  /** The API, connected once (the embedded simulator starts then, if it runs). */
  connect(): Promise<Connection> {
    this.#connecting ??= connect({
      baseUrl: this.options.baseUrl,
      env: this.#env,
      timeoutMs: callTimeoutOf(this.options),
      onWarning: (message, model) => this.onWarning(message, model),
    }).then((connection) => {
      this.#connection = connection;
      return connection;
    });
    return this.#connecting;
  }

  /** The API, what the history knows of task `id`, and a recorder keeping that in step. */
  async taskById(
    id: string,
  ): Promise<{ connection: Connection; known: HistoryEntry | undefined; recorder: TaskRecorder }> {
    const connection = await this.connect();
    const known = await this.history.find(id);
    const recorder = TaskRecorder.forTask(this.history, connection.api, id, known);
    return { connection, known, recorder };
  }

  /**
   * Task `id` as `read` answers it (a read, or a cancel), recorded in the history as its job
   * would show it; when the API does not know it, the error says where the history saw it.
   */
  async readTask(
    id: string,
    read: (client: LemonVideo) => Promise<VideoTask>,
  ): Promise<{ connection: Connection; task: VideoTask; recorder: TaskRecorder }> {
    const { connection, known, recorder } = await this.taskById(id);
    const task = await withResumeHint(known, connection, () => read(connection.client));
    await recorder.seen(task);
    return { connection, task, recorder };
  }

  /** `error` as one line, the key masked, its fields named by `fieldName`. */
  describe(error: unknown, fieldName: (field: string) => string): string {
    return (
      this.#connection?.describe(error, fieldName) ??
      describeError(error, { apiKey: readEnv('LEMONDATA_API_KEY', this.#env), fieldName })
    );
  }

  /** Stops what the session started (the embedded simulator). */
  async close(): Promise<void> {
    await this.#connecting?.then(
      (connection) => connection.close(),
      () => undefined,
    );
  }
}
