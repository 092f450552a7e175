import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { type RedisServer, startRedis } from '@lemonvideo/test-helpers/redis-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';
import { CliProcess, type CliRun, cliDirs, cliEnv, runCli } from './cli-harness';

type Event<T extends JsonEvent['type']> = Extract<JsonEvent, { type: T }>;
const ofType = <T extends JsonEvent['type']>(run: Pick<CliRun, 'events'>, type: T) =>
  run.events.filter((event): event is Event<T> => event.type === type);

const apiKey = 'sk-test-queue-0123456789wxyz';
let redis: RedisServer;
let simulator: Simulator;
const dirs = cliDirs('queue');

beforeAll(async () => {
  [redis, simulator] = await Promise.all([
    startRedis(),
    startSimulator({ apiKey, seed: 31, speed: 300, rateLimit: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), simulator?.close()]);
});

it('a batch on a queue in Redis: two workers run it, batch follows it to its report, status reads it', async () => {
  const options = {
    env: cliEnv(dirs.dataDir, { LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: simulator.url }),
    cwd: dirs.cwd,
  };
  const lines = Array.from({ length: 8 }, (_, i) =>
    JSON.stringify({
      prompt: `a harbour at dawn, take ${i + 1}`,
      duration: 5,
      ...(i === 1 && { out: 'two.mp4' }),
    }),
  );
  writeFileSync(join(dirs.cwd, 'tasks.jsonl'), `${lines.join('\n')}\n`);
  // A small batch has requests to spare: eager polls see each end soonest.
  const workerArgs = ['worker', '--redis', redis.url, '--rpm', '6000', '--wake', 'eager'];
  workerArgs.push('--out-dir', 'clips', '--json');
  const workers = [new CliProcess(workerArgs, options), new CliProcess(workerArgs, options)];
  for (const worker of workers) {
    expect(await worker.event((event) => event.type === 'worker')).toMatchObject({
      redis: redis.url,
      requestsPerMinute: 6000,
      outDir: join(dirs.cwd, 'clips'),
    });
  }

  const run = await runCli(['batch', 'tasks.jsonl', '--redis', redis.url, '--json'], options);
  expect(run.code).toBe(0);
  const [started] = ofType(run, 'batch');
  expect(started).toMatchObject({ tasks: 8, resumed: false, journal: null, redis: redis.url });
  const report = ofType(run, 'batch-report');
  expect(report.map((line) => [line.line, line.status, line.error])).toEqual(
    lines.map((_, i) => [i + 1, 'completed', null]),
  );
  expect(report[1]?.file).toBe(join(dirs.cwd, 'clips', 'two.mp4'));
  for (const line of report) expect(existsSync(line.file as string)).toBe(true);
  expect(ofType(run, 'batch-done')).toMatchObject([{ tasks: 8, completed: 8, exitCode: 0 }]);
  expect(simulator.stats().tasksCreated).toBe(8);

  const status = await runCli(
    ['batch', 'status', started?.id as string, '--redis', redis.url, '--json'],
    options,
  );
  expect(status.code).toBe(0);
  expect(ofType(status, 'batch-status')).toMatchObject([
    { id: started?.id, tasks: 8, settled: true, totals: { downloaded: 8 } },
  ]);
  expect(ofType(status, 'batch-report')).toEqual(report);

  // The same file again is the same batch: nothing is added, nothing created.
  const again = await runCli(['batch', 'tasks.jsonl', '--redis', redis.url, '--json'], options);
  expect(ofType(again, 'batch')).toMatchObject([{ id: started?.id, resumed: true }]);
  expect(simulator.stats().tasksCreated).toBe(8);

  const refused = await runCli(
    ['batch', 'tasks.jsonl', '--redis', redis.url, '--rpm', '10'],
    options,
  );
  expect(refused.code).toBe(2);
  expect(refused.stderrLines).toEqual([
    "lemonvideo: with --redis, --rpm is the workers': give it to lemonvideo worker",
  ]);

  for (const worker of workers) worker.child.kill('SIGTERM');
  for (const worker of workers) expect((await worker.done).code).toBe(143);
}, 90_000);
