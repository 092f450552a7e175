import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import { safeText } from '../text/safe-text';
import type { JsonEvent, TaskJson } from './json-events';

const styles = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof styles;

/**
 * `paint` marks its text with private-use characters, one pair per style, which become colour
 * codes only after the line is made safe: so no escape sequence in a line comes from anywhere
 * but `paint`.
 */
const styleNames = Object.keys(styles) as Style[];
const marker = (index: number) => String.fromCharCode(0xe000 + index);
const markers = new RegExp(`[${marker(0)}-${marker(styleNames.length * 2 - 1)}]`, 'g');

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
 * What a run of `generate` or `wait` has come to: the task as last seen, and the file its
 * video was saved to. Every line that may end such a run carries both.
 */
export interface Outcome {
  task: TaskJson | null;
  file: string | null;
}

/**
 * What a scripted command says. Results go to stdout, as JSON lines for programs or as
 * sentences for a person at a terminal; notes and progress go to stderr. Colour only on a
 * terminal, never in JSON mode or under `NO_COLOR`. Every line for a person is made safe
 * (`safeText`: no control character, no escape sequence but its own colours); JSON lines are
 * exact, `JSON.stringify` escaping every control character.
 */
export class Output {
  readonly json: boolean;
  #stdout: Stream;
  readonly #stderr: Stream;
  readonly #color: { stdout: boolean; stderr: boolean };
  /** The progress line on a terminal's stderr, to be redrawn in place. */
  #progress: string | null = null;
  #outcome: Outcome | undefined;

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

  /**
   * Sends every line (JSON or not) to stderr from now on, leaving stdout to the video's bytes
   * (`--out -`).
   */
  linesToStderr(): void {
    this.#stdout = this.#stderr;
  }

  /** The run's outcome so far (see `Outcome`), carried by its `error` line if it fails. */
  get outcome(): Outcome | undefined {
    return this.#outcome;
  }

  /** Updates the run's outcome: the last task seen, the saved file. */
  track(outcome: Partial<Outcome>): Outcome {
    this.#outcome = { task: null, file: null, ...this.#outcome, ...outcome };
    return this.#outcome;
  }

  /** An event: its JSON line, or else `human`, if given, as a line for a person. */
  emit(event: JsonEvent, human?: string): void {
    if (this.json) this.#write(this.#stdout, JSON.stringify(event));
    else if (human !== undefined) this.#write(this.#stdout, this.#human(human, 'stdout'));
  }

  /** A line for a person on stdout; nothing in JSON mode. */
  say(text: string): void {
    if (!this.json) this.#write(this.#stdout, this.#human(text, 'stdout'));
  }

  /** A line for a person on stderr, in every mode. */
  note(text: string): void {
    this.#write(this.#stderr, this.#human(text, 'stderr'));
  }

  /** Progress on stderr: one line redrawn in place on a terminal, else a line per change. */
  progress(text: string): void {
    const safe = this.#human(text, 'stderr');
    if (!this.#stderr.isTTY) {
      if (safe !== this.#progress) this.#stderr.write(`${safe}\n`);
      this.#progress = safe;
      return;
    }
    const width = Math.max(10, (this.#stderr.columns ?? 80) - 1);
    const line = safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
    this.#stderr.write(`\r\u001B[2K${line}`);
    this.#progress = line;
  }

  /**
   * The one line that says why a command failed, and in JSON mode its `error` event, with the
   * run's outcome when it has one.
   */
  error(message: string, exitCode: number): void {
    this.#write(this.#stderr, this.#human(`lemonvideo: ${message}`, 'stderr'));
    const event: JsonEvent = { type: 'error', exitCode, message, ...this.#outcome };
    if (this.json) this.#write(this.#stdout, JSON.stringify(event));
  }

  /** `text` in `style` where that stream shows colour; plain otherwise. */
  paint(style: Style, text: string): string {
    const index = styleNames.indexOf(style) * 2;
    return `${marker(index)}${text}${marker(index + 1)}`;
  }

  /** A line for a person: made safe, then coloured where `paint` asked and the stream shows it. */
  #human(text: string, stream: 'stdout' | 'stderr'): string {
    const color = this.#stdout === this.#stderr ? this.#color.stderr : this.#color[stream];
    return safeText(text).replace(markers, (found) => {
      if (!color) return '';
      const index = found.charCodeAt(0) - 0xe000;
      const style = styles[styleNames[Math.floor(index / 2)] as Style];
      return `\u001B[${style[index % 2]}m`;
    });
  }

  #write(stream: Stream, line: string): void {
    if (this.#progress !== null && this.#stderr.isTTY) this.#stderr.write('\r\u001B[2K');
    this.#progress = null;
    stream.write(`${line}\n`);
  }
}
