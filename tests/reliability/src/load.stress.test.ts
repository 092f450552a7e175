// 200 jobs at once through the proxy to a simulator that faults 10% of requests, three rounds:
// every job completes or fails with a typed error, no task is lost or made twice, and the
// proxy's memory does not grow from round to round.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LemonVideo, LemonVideoError } from '@lemonvideo/core';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';

const apiKey = 'sk-load';
const jobsPerRound = 200;
let simulator: Simulator;
let proxyUrl: string;
let stopProxy: () => void;

beforeAll(async () => {
  simulator = await startSimulator({ apiKey, speed: 600, rateLimit: false, faultRate: 0.1 });
  const child = spawn(
    process.execPath,
    ['--expose-gc', fileURLToPath(new URL('./proxy-process.mjs', import.meta.url))],
    {
      env: { ...process.env, SIMULATOR_URL: simulator.url, SIMULATOR_API_KEY: apiKey },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  stopProxy = () => child.kill();
  proxyUrl = await new Promise((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
  );
});
afterAll(async () => {
  stopProxy();
  await simulator.close();
});

const proxyHeap = async () =>
  ((await (await fetch(`${proxyUrl}/__heap`)).json()) as { heapUsed: number }).heapUsed;

async function round() {
  const client = new LemonVideo({
    baseURL: `${proxyUrl}/api/lemonvideo`,
    poll: { strategy: 'fixed', interval: 100 },
  });
  const createdBefore = simulator.stats().tasksCreated;
  const jobs = Array.from({ length: jobsPerRound }, (_, i) =>
    client.videos.job({ model: 'kling-video', prompt: `load ${i}` }),
  );
  const outcomes = await Promise.all(
    jobs.map((job) => job.start().catch((error: unknown) => error)),
  );
  const taskIds = jobs
    .map((job) => job.getSnapshot().taskId)
    .filter((id): id is string => id !== null);
  return { outcomes, taskIds, created: simulator.stats().tasksCreated - createdBefore };
}

it('200 jobs in parallel, three rounds, 10% faults: none lost, none twice, flat proxy memory', async () => {
  const heaps: number[] = [];
  for (let r = 0; r < 3; r++) {
    const { outcomes, taskIds, created } = await round();
    for (const outcome of outcomes) {
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(LemonVideoError);
      else expect(outcome).toMatchObject({ status: 'completed' });
    }
    expect(outcomes.filter((o) => !(o instanceof Error)).length).toBeGreaterThan(
      jobsPerRound * 0.5,
    );
    // Every task the simulator made is known to exactly one job.
    expect(new Set(taskIds).size).toBe(taskIds.length);
    expect(created).toBe(taskIds.length);
    console.log(
      `round ${r + 1}: ${outcomes.filter((o) => !(o instanceof Error)).length} completed, ${outcomes.filter((o) => o instanceof Error).length} typed errors, ${created} tasks created`,
    );
    heaps.push(await proxyHeap());
  }
  const [first = 0, , last = 0] = heaps;
  console.log(
    'proxy heap after each round (MB):',
    heaps.map((h) => (h / 2 ** 20).toFixed(1)).join(', '),
  );
  expect(last - first).toBeLessThan(8 * 2 ** 20);
}, 240_000);
