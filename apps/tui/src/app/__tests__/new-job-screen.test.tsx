import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LemonVideoProvider } from '@lemonvideo/react';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { cleanup } from 'ink-testing-library';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { connect } from '../../session/connection';
import { HistoryStore } from '../../session/history-store';
import { App } from '../App';
import { keys, renderAt } from './ink-harness';

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
  const connection = await connect({ baseUrl: simulator.url, env: {} });
  const history = new HistoryStore(join(dir, 'history.json'));
  const view = renderAt(
    <StrictMode>
      <LemonVideoProvider client={connection.client}>
        <App
          connection={connection}
          history={history}
          cwd={dir}
          cancelOnExit={false}
          rows={30}
          openExternal={async () => undefined}
          onExit={() => undefined}
        />
      </LemonVideoProvider>
    </StrictMode>,
  );
  await view.sees('New video');
  await view.lacks('Listing the models');
  await view.press('a lighthouse', keys.down, keys.enter);
  await vi.waitFor(() => expect(view.frame()).toMatch(/Task\s+ldtask_\w+/), { timeout: 10_000 });
  // Any second create would have been sent by now: the first one has answered.
  await new Promise((resolve) => setImmediate(resolve));
  expect(simulator.tasks()).toHaveLength(1);
  // Recorded once, the "create sent" entry replaced by the task (its write may land just after).
  await vi.waitFor(async () =>
    expect((await history.list()).map((entry) => entry.id)).toEqual([simulator.tasks()[0]?.id]),
  );
});
