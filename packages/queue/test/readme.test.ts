import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedis } from './redis-server';

let redis: RedisServer;
let simulator: Simulator;
let cwd: string;
const apiKey = 'sk-queue-readme';
// Inside the package, so that `@lemonvideo/queue` resolves to this package's build.
const script = fileURLToPath(new URL('./readme-example.generated.ts', import.meta.url));

beforeAll(async () => {
  [redis, simulator, cwd] = await Promise.all([
    startRedis(),
    startSimulator({ apiKey, speed: 600, rateLimit: false }),
    mkdtemp(join(tmpdir(), 'lemonvideo-queue-readme-')),
  ]);
});
afterAll(async () => {
  await simulator?.close();
  await redis?.stop();
  await rm(script, { force: true });
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

/** The code block of the README's "A batch, end to end" section. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split('## A batch, end to end')[1] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error('README.md has no ts block under "A batch, end to end"');
  return code;
}

it('the README example runs as written: three videos made, downloaded and reported', async () => {
  await writeFile(script, await readmeExample());
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    cwd,
    env: {
      ...process.env,
      LEMONDATA_API_KEY: apiKey,
      LEMONDATA_BASE_URL: simulator.url,
      REDIS_URL: redis.url,
    },
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
  expect(stderr).toContain('"downloaded":3');
  expect(code).toBe(0);
  expect(stdout.trim().split('\n')).toEqual([
    `line 1 downloaded ${join(cwd, 'videos', 'video-1.mp4')}`,
    `line 2 downloaded ${join(cwd, 'videos', 'video-2.mp4')}`,
    `line 3 downloaded ${join(cwd, 'videos', 'video-3.mp4')}`,
  ]);
  expect((await readdir(join(cwd, 'videos'))).sort()).toEqual([
    'video-1.mp4',
    'video-2.mp4',
    'video-3.mp4',
  ]);
  expect(simulator.stats().tasksCreated).toBe(3);
}, 60_000);
