import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';

export const cliPath = resolve(import.meta.dirname, '../dist/cli.js');

/** A temporary directory. */
export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `lemonvideo-${name}-`));

/** Where the CLI keeps its history (`dataDir`) and saves videos (`cwd`). */
export interface CliDirs {
  dataDir: string;
  cwd: string;
}

/**
 * A data directory and a working directory for the CLI (`lemonvideo-<name>-data-…`,
 * `lemonvideo-<name>-cwd-…`), made before the file's tests, or before each test with `each`,
 * and removed after them. Call it at the top of a test file; read the fields in tests and hooks.
 */
export function cliDirs(name: string, scope: 'file' | 'each' = 'file'): Readonly<CliDirs> {
  const dirs: CliDirs = { dataDir: '', cwd: '' };
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(() => {
    dirs.dataDir = tempDir(`${name}-data`);
    dirs.cwd = tempDir(`${name}-cwd`);
  });
  after(() => {
    for (const dir of [dirs.dataDir, dirs.cwd]) rmSync(dir, { recursive: true, force: true });
  });
  return dirs;
}

/**
 * A clean environment: no LEMONDATA_* from the caller's shell, history in `dataDir`, and
 * whatever `extra` adds.
 */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LEMONVIDEO_DATA_DIR: dataDir,
    ...extra,
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every line of stdout, parsed: a line that is not JSON fails the test. */
  events: JsonEvent[];
  stderrLines: string[];
}

/** A running `node dist/cli.js`, its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly done: Promise<CliRun>;

  constructor(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }) {
    this.child = spawn(process.execPath, [cliPath, ...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.done = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        const stdout = this.stdout;
        resolve({
          code,
          signal,
          stdout,
          stderr: this.stderr,
          get events() {
            return parseLines(stdout);
          },
          stderrLines: this.stderr.split('\n').filter((line) => line !== ''),
        });
      });
    });
  }

  /** Resolves with the first stdout event that `match`es, as soon as it is printed. */
  event(match: (event: JsonEvent) => boolean): Promise<JsonEvent> {
    const { stdout } = this.child;
    return new Promise((resolve, reject) => {
      const check = () => {
        const complete = this.stdout.slice(0, this.stdout.lastIndexOf('\n') + 1);
        const found = parseLines(complete).find(match);
        if (found === undefined) return;
        stop();
        resolve(found);
      };
      const ended = () => {
        stop();
        reject(new Error(`It exited first. stdout: ${this.stdout}\nstderr: ${this.stderr}`));
      };
      const stop = () => {
        stdout?.off('data', check);
        this.child.off('close', ended);
      };
      // Registered after the collecting listener, so `this.stdout` already has the chunk.
      stdout?.on('data', check);
      this.child.once('close', ended);
      check();
    });
  }
}

function parseLines(text: string): JsonEvent[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JsonEvent);
}

/** Runs `node dist/cli.js ...args` to its end. */
export function runCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<CliRun> {
  return new CliProcess(args, options).done;
}
