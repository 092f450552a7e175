/**
 * The scale test: 3 worker processes, 300 tasks, one worker killed with `kill -9` while
 * creates it sent are in flight. Afterwards:
 *
 * - 0 lost: every one of the 300 keys has a job that completed with a final state;
 * - 0 created twice: the simulator created at most one task per key, exactly one per completed
 *   key (the one it reports); a create in flight at the kill ends `mayHaveCreatedTask`;
 * - the budget held: in no second (any 1,000 ms window) did the simulator see more API requests
 *   than the budget's per-second share, and it never answered 429.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { type RedisServer, startRedis } from '@lemonvideo/test-helpers/redis-server';
import { mostInAnyWindow } from '@lemonvideo/test-helpers/window-count';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueBatch } from '../src/enqueue-batch';
import { settledBatch } from './redis-fixture';

const tasks = 300;
const requestsPerMinute = 3_000;
const perSecond = requestsPerMinute / 60;
const queueName = 'scale';
const apiKey = 'sk-queue-scale';

let redis: RedisServer;
let simulator: Simulator;
const children: ChildProcess[] = [];
/**
 * When the simulator saw each request to the task routes, and its log line: the budget is
 * theirs (the vendor limits its public catalogue apart, and workers never read it).
 */
const requests: Array<{ at: number; line: string }> = [];
const lookups: string[] = [];

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({
    // Tasks take 15 to 150 ms here: most have ended by their first poll.
    speed: 2_000,
    // The vendor's side of the budget: a 429 past it.
    rateLimit: { limit: perSecond, windowMs: 1_000 },
    apiKey,
    log: (line) => {
      if (/^GET \/v1\/models\//.test(line)) lookups.push(line);
      else if (/^\w+ \/v1\//.test(line)) requests.push({ at: Date.now(), line });
    },
  });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await simulator?.close();
  await redis?.stop();
});

/** A worker process; `lines` yields what it prints. */
function startWorker(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/worker-process.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      QUEUE: queueName,
      SIMULATOR_URL: simulator.url,
      API_KEY: apiKey,
      RPM: String(requestsPerMinute),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const seen: string[] = [];
  const waiters: Array<() => void> = [];
  lines.on('line', (line) => {
    seen.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  /** Resolves once the process has printed `line` `times` times. */
  const printed = async (line: string, times = 1) => {
    while (seen.filter((one) => one === line).length < times) {
      if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode})`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, printed };
}

it('300 tasks over 3 worker processes, one killed with kill -9: none lost, none created twice, the budget held', async () => {
  const keys = Array.from({ length: tasks }, (_, i) => `k${String(i + 1).padStart(3, '0')}`);
  const started = Date.now();
  const batchId = await enqueueBatch({
    connection: redis.url,
    queueName,
    tasks: keys.map((key) => ({ key, params: { model: 'kling-video', prompt: `A cat, ${key}` } })),
  });
  const victim = startWorker({ HANG_CREATES_AFTER: '20' });
  const others = [startWorker(), startWorker()];
  await Promise.all([victim, ...others].map((worker) => worker.printed('ready')));

  // Kill it while three of its creates are in flight: the simulator created those tasks.
  await victim.printed('hanging', 3);
  const exited = new Promise((resolve) => victim.child.once('exit', resolve));
  victim.child.kill('SIGKILL');
  await exited;
  const killedAt = Date.now();

  const status = await settledBatch({
    connection: redis.url,
    queueName,
    batchId,
    intervalMs: 250,
  });
  const seconds = (Date.now() - started) / 1000;
  if (status.tasks === null) throw new Error('the settled batch has no tasks');

  // 0 lost: every key's job completed, with a final state.
  const queue = new Queue(queueName, { connection: { url: redis.url } });
  const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
  await queue.close();
  expect(counts).toEqual({ completed: tasks, failed: 0, active: 0, waiting: 0, delayed: 0 });
  expect(status.tasks.map((task) => task.key)).toEqual(keys);
  const mayHave = status.tasks.filter((task) => task.phase === 'mayHaveCreatedTask');
  expect(status.totals.completed + mayHave.length).toBe(tasks);
  expect(mayHave.length).toBeGreaterThanOrEqual(3);

  // 0 created twice: the simulator's tasks, by the key in their prompt.
  const createdFor = new Map<string, string[]>();
  for (const task of simulator.tasks()) {
    const key = /k\d{3}$/.exec(task.request.prompt ?? '')?.[0] as string;
    createdFor.set(key, [...(createdFor.get(key) ?? []), task.id]);
  }
  for (const task of status.tasks) {
    const created = createdFor.get(task.key) ?? [];
    if (task.phase === 'completed') expect(created).toEqual([task.taskId]);
    else expect(created.length).toBeLessThanOrEqual(1);
  }
  expect(simulator.stats().tasksCreated).toBeLessThanOrEqual(tasks);

  // The budget: per second, as the simulator saw the requests; and no 429.
  const most = mostInAnyWindow(
    requests.map(({ at }) => at),
    1_000,
  );
  expect(requests.filter(({ line }) => line.includes('-> 429'))).toEqual([]);
  expect(most).toBeLessThanOrEqual(perSecond);
  expect(status.requests.creates + status.requests.polls).toBeLessThanOrEqual(requests.length);
  // Workers never read the catalogue: one request per job run.
  expect(lookups).toEqual([]);

  console.info(
    `scale: ${tasks} tasks, 3 workers, 1 killed at ${((killedAt - started) / 1000).toFixed(1)} s; ` +
      `completed ${status.totals.completed}, mayHaveCreatedTask ${mayHave.length} ` +
      `(simulator created ${simulator.stats().tasksCreated}); ${requests.length} API requests, ` +
      `at most ${most} in any second (budget ${perSecond}); ${seconds.toFixed(1)} s`,
  );
}, 120_000);
