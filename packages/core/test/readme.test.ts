import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';

let simulator: Simulator;
const apiKey = 'sk-readme-example';
// Inside the package, so that `@lemonvideo/core` resolves to this package's build.
const script = fileURLToPath(new URL('./readme-example.generated.mjs', import.meta.url));

beforeAll(async () => {
  simulator = await startSimulator({ apiKey, speed: 100, rateLimit: false });
});
afterAll(async () => {
  await simulator.close();
  await rm(script, { force: true });
});

/** The code block of the README's "Use it from code" section. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## Use it from code')[1] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error('README.md has no ts block under "Use it from code"');
  return code;
}

it('the README example runs exactly as written and prints the video URL', async () => {
  await writeFile(script, await readmeExample());
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: simulator.url },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(stderr).toMatch(/^pending/m);
  expect(stderr).toMatch(/^completed 100/m);
  expect(code).toBe(0);
  expect(stdout.trim()).toMatch(new RegExp(`^${simulator.url}/videos/ldtask_[0-9a-f]{32}\\.mp4$`));
}, 60_000);
