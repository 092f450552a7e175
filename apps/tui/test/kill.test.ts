import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';
import { CliProcess, cliDirs, cliEnv, runCli } from './cli-harness';

const apiKey = 'sk-test-kill-0123456789wxyz';
let simulator: Simulator;
const dirs = cliDirs('kill');

beforeAll(async () => {
  simulator = await startSimulator({ speed: 50, apiKey, seed: 21 });
});
afterAll(() => simulator.close());

it('loses nothing when killed with SIGKILL right after the create', async () => {
  const options = {
    env: cliEnv(dirs.dataDir, { LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: simulator.url }),
    cwd: dirs.cwd,
  };
  const cli = new CliProcess(['generate', 'a lighthouse at dusk', '--json'], options);
  const created = (await cli.event((event) => event.type === 'created')) as Extract<
    JsonEvent,
    { type: 'created' }
  >;
  cli.child.kill('SIGKILL');
  const killed = await cli.done;
  expect(killed.signal).toBe('SIGKILL');
  const id = created.task.id;

  const history = await runCli(['history', '--json'], options);
  expect(history.code).toBe(0);
  expect(history.events).toEqual([
    {
      type: 'history',
      entry: expect.objectContaining({
        id,
        status: 'pending',
        params: { prompt: 'a lighthouse at dusk' },
      }),
    },
  ]);

  const waited = await runCli(['wait', id, '--json'], options);
  expect(waited.code).toBe(0);
  expect(waited.events.map((event) => event.type)).toEqual(['completed', 'downloaded']);
  expect(existsSync(join(dirs.cwd, 'videos', `${id}.mp4`))).toBe(true);

  const after = await runCli(['history', '--json'], options);
  expect(after.events).toMatchObject([{ entry: { id, status: 'completed' } }]);
});
