import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `lemonvideo` binary. */
export const cliPath = fileURLToPath(new URL('../../../apps/tui/dist/cli.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end with `env` added (and LEMONDATA_* removed unless given). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<CliRun> {
  const { LEMONDATA_API_KEY: _key, LEMONDATA_BASE_URL: _url, ...inherited } = process.env;
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...inherited, NO_COLOR: '1', ...env },
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
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
