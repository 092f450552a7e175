import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliEnv, runCli, tempDir } from './cli-harness';

const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
const saveMany = resolve(import.meta.dirname, 'fixtures/save-many.ts');

/** Runs `save-many.ts` in a process of its own; resolves with its exit code and stderr. */
function writer(file: string, index: number, saves: number) {
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(tsx, [saveMany, file, String(index), String(saves)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('close', (code) => done({ code, stderr }));
  });
}

const readIds = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { entries: { id: string; status: string }[] }).entries;

it('keeps every save of 16 processes × 100 saves on one file, in 2 rounds', async () => {
  for (const round of [1, 2]) {
    const dir = tempDir(`history-writers-${round}`);
    try {
      const file = join(dir, 'history.json');
      const runs = await Promise.all(
        Array.from({ length: 16 }, (_, index) => writer(file, index, 100)),
      );
      expect(runs.filter((run) => run.code !== 0)).toEqual([]);
      const ids = new Set(readIds(file).map((entry) => entry.id));
      expect(ids.size).toBe(1_600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}, 240_000);

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ speed: 200, seed: 41 });
});
afterAll(() => simulator.close());

it('20 generates at once leave each task once, and no "creating" beside its twin', async () => {
  const dataDir = tempDir('history-generates');
  const cwd = tempDir('history-generates-cwd');
  try {
    const env = cliEnv(dataDir, { LEMONDATA_BASE_URL: simulator.url });
    const runs = await Promise.all(
      Array.from({ length: 20 }, () =>
        runCli(['generate', 'x', '--no-download', '--json'], { env, cwd }),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual(Array(20).fill(0));
    const created = runs.map((run) => run.events.find((event) => event.type === 'created'));
    const ids = created.map((event) => (event?.type === 'created' ? event.task.id : null));
    const entries = readIds(join(dataDir, 'history.json'));
    expect(entries.map((entry) => entry.id).sort()).toEqual([...ids].sort());
    expect(entries.filter((entry) => entry.status !== 'completed')).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}, 120_000);
