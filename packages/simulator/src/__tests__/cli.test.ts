import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args';
import { call } from './spec-client';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Runs src/cli.ts through tsx, as `lemonvideo-simulator` would run dist/cli.js. */
function runCli(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  return { child, output: () => output };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in:\n${read()}`);
}

describe('parseCliArgs', () => {
  it('defaults to port 4010 on loopback, speed 1, seed 1', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: { port: 4010, host: '127.0.0.1', speed: 1, seed: 1 },
    });
  });

  it('reads every option', () => {
    const args = [
      '--port',
      '0',
      '--host',
      '::1',
      '--speed',
      '60',
      '--api-key',
      'sk-a',
      '--seed',
      '9',
    ];
    expect(parseCliArgs(args)).toEqual({
      help: false,
      options: { port: 0, host: '::1', speed: 60, apiKey: 'sk-a', seed: 9 },
    });
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it('refuses what it cannot use', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--speed', '0'])).toThrow(/--speed/);
    expect(() => parseCliArgs(['--verbose'])).toThrow();
  });
});

describe('lemonvideo-simulator', () => {
  it('prints a SIMULATOR banner, serves, and exits cleanly on SIGTERM', async () => {
    const { child, output } = runCli(['--port', '0', '--speed', '60', '--api-key', 'sk-cli-key']);
    const [, url = ''] = await waitFor(output, /listening on (http:\/\/\S+)/);
    expect(output()).toContain('lemonvideo SIMULATOR — not the real LemonData API');
    expect(output()).not.toContain('sk-cli-key');
    const { status } = await call(url, 'GET', '/v1/models', { key: 'sk-cli-key' });
    expect(status).toBe(200);
    await waitFor(output, /GET \/v1\/models -> 200/);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  }, 30_000);

  it('exits cleanly on SIGINT too', async () => {
    const { child, output } = runCli(['--port', '0']);
    await waitFor(output, /listening on/);
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect(await exited).toEqual([0, null]);
  }, 30_000);

  it('prints usage with --help, and exits 2 on a bad option', async () => {
    const help = runCli(['--help']);
    expect(await once(help.child, 'exit')).toEqual([0, null]);
    expect(help.output()).toContain('SIMULATOR');
    expect(help.output()).toContain('--port <n>');
    const bad = runCli(['--port', 'many']);
    expect(await once(bad.child, 'exit')).toEqual([2, null]);
    expect(bad.output()).toContain('--port must be an integer');
  }, 30_000);
});
