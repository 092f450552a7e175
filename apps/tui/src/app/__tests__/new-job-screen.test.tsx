import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { keys } from './ink-harness';
import { renderApp } from './render-app';

let simulator: Simulator;
let dir: string;

beforeAll(async () => {
  // Slow enough that the task is still running while the test looks.
  simulator = await startSimulator({ speed: 5, seed: 61 });
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-strict-'));
});
afterAll(async () => {
  cleanup();
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => cleanup());

it('creates the billed task once per Enter, even when React mounts the screen twice', async () => {
  const view = await renderApp({ simulator, dataDir: dir, cwd: dir, strict: true });
  await view.sees('New video');
  await view.lacks('Listing the models');
  await view.press('a lighthouse', keys.down, keys.enter);
  await vi.waitFor(() => expect(view.frame()).toMatch(/Task\s+ldtask_\w+/), { timeout: 10_000 });
  // Any second create would have been sent by now: the first one has answered.
  await new Promise((resolve) => setImmediate(resolve));
  expect(simulator.tasks()).toHaveLength(1);
  // Recorded once, the "create sent" entry replaced by the task (its write may land just after).
  await vi.waitFor(async () =>
    expect((await view.history.list()).map((entry) => entry.id)).toEqual([
      simulator.tasks()[0]?.id,
    ]),
  );
});
