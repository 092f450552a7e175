import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import type { JsonEvent } from './json-events';

const styles = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof styles;

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface OutputOptions {
  /** `--json`. Also on whenever stdout is not a terminal. */
  json: boolean;
  stdout: Stream;
  stderr: Stream;
  env: Env;
}

/**
 * What a scripted command says. Results go to stdout, as JSON lines for programs or as
 * sentences for a person at a terminal; notes and progress go to stderr. Colour only on a
 * terminal, never in JSON mode or under `NO_COLOR`.
 */
export class Output {
  readonly json: boolean;
  readonly #stdout: Stream;
  readonly #stderr: Stream;
  readonly #color: { stdout: boolean; stderr: boolean };
  /** The progress line on a terminal's stderr, to be redrawn in place. */
  #progress: string | null = null;

  constructor(options: OutputOptions) {
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.json = options.json || !options.stdout.isTTY;
    const color = !this.json && readEnv('NO_COLOR', options.env) === undefined;
    this.#color = {
      stdout: color && options.stdout.isTTY === true,
      stderr: color && options.stderr.isTTY === true,
    };
  }

  /** An event: its JSON line, or else `human`, if given, as a line for a person. */
  emit(event: JsonEvent, human?: string): void {
    if (this.json) this.#write(this.#stdout, JSON.stringify(event));
    else if (human !== undefined) this.#write(this.#stdout, human);
  }

  /** A line for a person on stdout; nothing in JSON mode. */
  say(text: string): void {
    if (!this.json) this.#write(this.#stdout, text);
  }

  /** A line for a person on stderr, in every mode. */
  note(text: string): void {
    this.#write(this.#stderr, text);
  }

  /** Progress on stderr: one line redrawn in place on a terminal, else a line per change. */
  progress(text: string): void {
    if (!this.#stderr.isTTY) {
      if (text !== this.#progress) this.#stderr.write(`${text}\n`);
      this.#progress = text;
      return;
    }
    const width = Math.max(10, (this.#stderr.columns ?? 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    this.#stderr.write(`\r\u001B[2K${line}`);
    this.#progress = line;
  }

  /** The one line that says why a command failed, and in JSON mode its `error` event. */
  error(message: string, exitCode: number): void {
    this.#write(this.#stderr, `lemonvideo: ${message}`);
    const event: JsonEvent = { type: 'error', exitCode, message };
    if (this.json) this.#write(this.#stdout, JSON.stringify(event));
  }

  paint(style: Style, text: string, stream: 'stdout' | 'stderr' = 'stdout'): string {
    if (!this.#color[stream]) return text;
    const [open, close] = styles[style];
    return `\u001B[${open}m${text}\u001B[${close}m`;
  }

  #write(stream: Stream, line: string): void {
    if (this.#progress !== null && this.#stderr.isTTY) this.#stderr.write('\r\u001B[2K');
    this.#progress = null;
    stream.write(`${line}\n`);
  }
}
