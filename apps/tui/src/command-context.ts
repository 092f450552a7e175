import { defaultCallTimeout } from '@lemonvideo/core';
import { type Connection, connect } from './connection';
import { describeError } from './describe-error';
import { type HistoryEntry, HistoryStore, historyPath } from './history-store';
import { numberFlag } from './number-flag';
import type { Output } from './output';
import { TaskRecorder } from './task-recorder';

/** The options every command takes. */
export interface GlobalOptions {
  baseUrl?: string;
  json?: boolean;
  timeout?: string;
  cancelOnExit?: boolean;
}

/**
 * `--timeout` as the wait for a task (default: core's, 10 minutes) and as the longest one
 * API call may take (at most a minute).
 */
export function timeoutsOf(options: GlobalOptions): { waitMs?: number; callMs: number } {
  if (options.timeout === undefined) return { callMs: defaultCallTimeout };
  const waitMs = numberFlag('--timeout', options.timeout, { min: 0.001 }) * 1000;
  return { waitMs, callMs: Math.min(defaultCallTimeout, waitMs) };
}

/** What a scripted command works with: its output, the history, and (once asked) the API. */
export class CommandContext {
  readonly output: Output;
  readonly history: HistoryStore;
  readonly cwd: string;
  /** `--timeout` in milliseconds: how long to wait for a task. Default: core's (10 minutes). */
  readonly timeoutMs: number | undefined;
  readonly cancelOnExit: boolean;
  readonly #env: NodeJS.ProcessEnv;
  readonly #baseUrl: string | undefined;
  readonly #callMs: number;
  #connection: Connection | undefined;

  constructor(options: GlobalOptions, output: Output, env: NodeJS.ProcessEnv, cwd: string) {
    this.#env = env;
    this.cwd = cwd;
    this.output = output;
    this.history = new HistoryStore(historyPath(env));
    this.#baseUrl = options.baseUrl;
    const { waitMs, callMs } = timeoutsOf(options);
    this.timeoutMs = waitMs;
    this.#callMs = callMs;
    this.cancelOnExit = options.cancelOnExit === true;
  }

  /** The API, connected once. On the SIMULATOR, says so on stderr (once). */
  async connect(): Promise<Connection> {
    if (this.#connection) return this.#connection;
    const connection = await connect({
      baseUrl: this.#baseUrl,
      env: this.#env,
      timeoutMs: this.#callMs,
    });
    this.#connection = connection;
    if (connection.api.embedded) {
      this.output.note(
        `SIMULATOR: no LEMONDATA_API_KEY is set, so lemonvideo runs its own simulator at ${connection.baseURL} (not the real API; its tasks end with this process).`,
      );
    } else if (connection.api.simulator) {
      this.output.note(
        `SIMULATOR: no LEMONDATA_API_KEY is set, so lemonvideo sends the simulator's placeholder key to ${connection.api.host}.`,
      );
    }
    return connection;
  }

  /** The API, what the history knows of task `id`, and a recorder keeping that in step. */
  async taskById(
    id: string,
  ): Promise<{ connection: Connection; known: HistoryEntry | undefined; recorder: TaskRecorder }> {
    const connection = await this.connect();
    const known = this.history.find(id);
    const recorder = TaskRecorder.forTask(
      this.history,
      connection.api,
      id,
      connection.redact,
      known,
    );
    return { connection, known, recorder };
  }

  /** `error` as one line, the key masked. */
  describe(error: unknown): string {
    return this.#connection?.describe(error) ?? describeError(error, this.#env.LEMONDATA_API_KEY);
  }

  async close(): Promise<void> {
    await this.#connection?.close();
  }
}
