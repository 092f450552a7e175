import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { type Environment, main } from '../program';

let dir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An environment whose streams keep what is written to them. */
function environment(argv: string[]): Environment & { written: () => string } {
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-main-'));
  let text = '';
  const stream = { isTTY: false, write: (chunk: string) => (text += chunk) };
  return {
    argv,
    env: { LEMONVIDEO_DATA_DIR: dir },
    cwd: dir,
    stdin: stream as unknown as NodeJS.ReadStream,
    stdout: stream as unknown as NodeJS.WriteStream,
    stderr: stream as unknown as NodeJS.WriteStream,
    written: () => text,
  };
}

it('writes only to the streams it is given, and reads only the environment it is given', async () => {
  const processOut = vi.spyOn(process.stdout, 'write');
  const given = environment(['generate', '--help']);
  expect(await main(given)).toBe(0);
  expect(given.written()).toContain('Usage: lemonvideo generate');
  expect(processOut.mock.calls.join('')).not.toContain('Usage: lemonvideo');

  const app = environment([]);
  expect(await main(app)).toBe(2);
  expect(app.written()).toMatch(/the interactive app needs a terminal/);
});
