import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { readmeExample } from '@lemonvideo/test-helpers/readme-example';
import { type RedisServer, startRedis } from '@lemonvideo/test-helpers/redis-server';
import { runNode } from '@lemonvideo/test-helpers/run-node';
import { afterAll, beforeAll, expect, it } from 'vitest';

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

it('the README example runs as written: three videos made, downloaded and reported', async () => {
  const readme = new URL('../README.md', import.meta.url);
  await writeFile(script, await readmeExample(readme, '## A batch, end to end'));
  const { code, stdout, stderr } = await runNode(['--import', import.meta.resolve('tsx'), script], {
    cwd,
    env: {
      ...process.env,
      LEMONDATA_API_KEY: apiKey,
      LEMONDATA_BASE_URL: simulator.url,
      REDIS_URL: redis.url,
    },
  });
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
