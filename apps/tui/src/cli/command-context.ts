import type { Connection } from '../session/connection';
import { flagOf } from '../session/create-fields';
import type { Session } from '../session/session';
import type { Output } from './output';

/** What a command of the command line works with: the session, and its output. */
export class CommandContext {
  readonly session: Session;
  readonly output: Output;
  /** The process's standard output itself, for a video's bytes (`--out -`). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  #said = false;

  constructor(
    session: Session,
    output: Output,
    stdout: NodeJS.WritableStream & { isTTY?: boolean },
  ) {
    this.session = session;
    this.output = output;
    this.stdout = stdout;
  }

  /**
   * The API, connected once. On the SIMULATOR, says so on stderr (once). The client's warnings
   * (a deprecated model) are a line on stderr, or a `warning` event with `--json`.
   */
  async connect(): Promise<Connection> {
    this.session.onWarning = (message, model) => {
      if (!this.output.json) this.output.note(`warning: ${message}`);
      else {
        const replacement = model.lifecycle?.replacement ?? null;
        this.output.emit({ type: 'warning', message, model: model.id, replacement });
      }
    };
    const connection = await this.session.connect();
    if (!this.#said && connection.api.simulator) {
      this.#said = true;
      this.output.note(
        connection.api.embedded
          ? `SIMULATOR: no LEMONDATA_API_KEY is set, so lemonvideo runs its own simulator at ${connection.baseURL} (not the real API; its tasks end with this process).`
          : `SIMULATOR: no LEMONDATA_API_KEY is set, so lemonvideo sends the simulator's placeholder key to ${connection.api.host}.`,
      );
    }
    return connection;
  }

  /** The API (said as `connect` says it), the history's entry of task `id`, and its recorder. */
  async taskById(id: string): ReturnType<Session['taskById']> {
    await this.connect();
    return this.session.taskById(id);
  }

  /** The session's `readTask`, the API said as `connect` says it. */
  async readTask(...args: Parameters<Session['readTask']>): ReturnType<Session['readTask']> {
    await this.connect();
    return this.session.readTask(...args);
  }

  /** `error` as one line, the key masked, its fields named by their flags. */
  describe = (error: unknown): string => this.session.describe(error, flagOf);
}
