import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** Runs a bench script (plain JS: no loader to weigh on its memory) in a Node process of its own. */
export function runScript(
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): { lines: AsyncIterable<string>; stop(): void; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...nodeArgs, here(name)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  async function* lines() {
    let buffer = '';
    for await (const chunk of child.stdout) {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        yield buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
  }
  return { lines: lines(), stop: () => child.kill('SIGTERM'), exited };
}

/** The first line a script prints, parsed as JSON. */
export async function scriptResult<T>(
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<T> {
  const run = runScript(name, env, nodeArgs);
  for await (const line of run.lines) return JSON.parse(line) as T;
  throw new Error(`${name} printed nothing (exit ${await run.exited})`);
}
