// kill -9 of the CLI at random moments of a generate and of a download: the history file is
// never corrupt, every task the API created is in it and can be finished, and no partial
// video ever sits at its final path.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliPath, runCli } from './cli';

const apiKey = 'sk-crash-safety';
const trials = 10;
let simulator: Simulator;
let dataDir: string;
let cwd: string;
let clipBytes: number;

beforeAll(async () => {
  // At 60 times real speed a task takes one to three seconds: kills land in every phase.
  // A new seed each run, printed so that a failing run can be replayed.
  const seed = Date.now() % 10_000;
  console.log(`simulator seed ${seed}`);
  simulator = await startSimulator({ apiKey, speed: 60, rateLimit: false, seed });
  dataDir = await mkdtemp(join(tmpdir(), 'lemonvideo-crash-data-'));
  cwd = await mkdtemp(join(tmpdir(), 'lemonvideo-crash-cwd-'));
  // Every simulated task links to the same clip: a whole video has its size.
  const simulatorDir = dirname(
    createRequire(import.meta.url).resolve('@lemonvideo/simulator/package.json'),
  );
  clipBytes = (await stat(join(simulatorDir, 'assets', 'simulator-clip.mp4'))).size;
});
afterAll(() => simulator.close());

const env = () => ({ LEMONDATA_API_KEY: apiKey, LEMONVIDEO_DATA_DIR: dataDir });

function start(args: string[]): ChildProcess {
  const { LEMONDATA_API_KEY: _k, LEMONDATA_BASE_URL: _u, ...inherited } = process.env;
  return spawn(process.execPath, [cliPath, ...args, '--base-url', simulator.url], {
    cwd,
    env: { ...inherited, ...env() },
    stdio: 'ignore',
  });
}

async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), exited]);
  child.kill('SIGKILL');
  await exited;
}

/** The history's entries; none while no run has got as far as writing one. Throws if corrupt. */
async function historyEntries(): Promise<Array<{ id: string; status: string }>> {
  const text = await readFile(join(dataDir, 'history.json'), 'utf8').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '{"entries":[]}';
      throw error;
    },
  );
  return (JSON.parse(text) as { entries: Array<{ id: string; status: string }> }).entries;
}

/** The video at `path` is absent or whole: never partial. */
async function absentOrWhole(path: string): Promise<void> {
  const size = await stat(path).then(
    (found) => found.size,
    () => null,
  );
  if (size !== null) expect(size).toBe(clipBytes);
}

it(`survives ${trials} kills during generate, and finishes every created task afterwards`, async () => {
  for (let trial = 0; trial < trials; trial++) {
    await killAfter(start(['generate', `crash trial ${trial}`, '--json']), Math.random() * 2_500);
    // Parsing proves the file whole; it must also be readable by the CLI itself.
    await historyEntries();
    expect((await runCli(['history', '--json'], env(), cwd)).code).toBe(0);
  }
  const created = simulator.tasks().map((task) => task.id);
  const known = new Map((await historyEntries()).map((entry) => [entry.id, entry]));
  const statuses = [...known.values()].map((entry) => entry.status);
  console.log(
    `${trials} kills: ${created.length} tasks created on the API; history at the kills:`,
    Object.fromEntries(
      [...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length]),
    ),
  );
  // A kill in the instant between the API creating a task and its answer arriving leaves the
  // entry written before the create was sent, `creating`: the history says a task may exist.
  // (The API lists no tasks, so nothing can find its id.) Every other task is there by id.
  const unknown = created.filter((id) => !known.has(id));
  expect(unknown.length).toBeLessThanOrEqual(statuses.filter((s) => s === 'creating').length);
  for (const id of created) {
    const run = await runCli(['wait', id, '--json', '--base-url', simulator.url], env(), cwd);
    expect(run.code, run.stderr).toBe(0);
  }
  for (const id of created) await absentOrWhole(join(cwd, 'videos', `${id}.mp4`));
}, 240_000);

it(`survives ${trials} kills during download, never leaving a partial video at the final path`, async () => {
  const [id] = simulator.tasks().map((task) => task.id);
  for (let trial = 0; trial < trials; trial++) {
    const out = join(cwd, 'downloads', `trial-${trial}.mp4`);
    await killAfter(start(['download', id as string, '--out', out, '--json']), Math.random() * 400);
    await absentOrWhole(out);
    await historyEntries();
  }
}, 120_000);
