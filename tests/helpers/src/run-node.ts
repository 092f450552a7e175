import { spawn } from 'node:child_process';

export interface NodeRun {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunNodeOptions {
  /** Default: this process's. */
  cwd?: string | undefined;
  /** The child's whole environment. Default: this process's. */
  env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Runs `node <args>` (this Node) to its end, with no stdin, and gives what it printed. Never
 * rejects for an exit code: the test reads `code`.
 */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
