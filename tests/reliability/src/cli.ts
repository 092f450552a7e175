import { fileURLToPath } from 'node:url';
import { type NodeRun, runNode } from '@lemonvideo/test-helpers/run-node';

/** The built `lemonvideo` binary. */
export const cliPath = fileURLToPath(new URL('../../../apps/tui/dist/cli.js', import.meta.url));

/** Runs the CLI to its end with `env` added (and LEMONDATA_* removed unless given). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<NodeRun> {
  const { LEMONDATA_API_KEY: _key, LEMONDATA_BASE_URL: _url, ...inherited } = process.env;
  return runNode([cliPath, ...args], { cwd, env: { ...inherited, NO_COLOR: '1', ...env } });
}
