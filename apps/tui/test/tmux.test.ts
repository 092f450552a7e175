import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { cliPath, tempDir } from './cli-harness';

/** A tmux server of this test's own, so that no one else's sessions are touched. */
const socket = `lemonvideo-test-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
// -J joins a line the terminal wrapped (only text printed after the app ends wraps).
const screen = () => tmux('capture-pane', '-p', '-J', '-t', 'app');

/** Waits until the pane shows `pattern`; returns the screen. */
async function sees(pattern: RegExp | string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`The screen never showed ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Types like a person: one key at a time. */
async function type(...keys: string[]) {
  for (const key of keys) {
    if (key.length === 1) tmux('send-keys', '-t', 'app', '-l', key);
    else tmux('send-keys', '-t', 'app', key);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

let fast: Simulator;
let slow: Simulator;
let dataDir: string;
let cwd: string;
let socketPath: string;

/**
 * Starts `lemonvideo` (no command: the app) in a terminal `columns` wide, with no key set, and
 * CI set as in a shell opened into a CI job: the app still draws every frame.
 */
function startApp(simulator: Simulator, columns: number) {
  dataDir = tempDir('tmux-data');
  cwd = tempDir('tmux-cwd');
  const command = [
    `cd ${cwd} &&`,
    `env -i PATH="${process.env.PATH}" HOME="${process.env.HOME}" TERM=xterm-256color CI=true`,
    `LEMONVIDEO_DATA_DIR=${dataDir}`,
    `${process.execPath} ${cliPath} --base-url ${simulator.url};`,
    'echo "EXIT=$?"; sleep 60',
  ].join(' ');
  tmux('new-session', '-d', '-x', String(columns), '-y', '30', '-s', 'app', command);
  socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
}

beforeAll(async () => {
  [fast, slow] = await Promise.all([
    startSimulator({ speed: 100, seed: 41 }),
    startSimulator({ speed: 1, seed: 42 }),
  ]);
});
afterEach(() => {
  tmux('kill-server');
  rmSync(socketPath, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});
afterAll(async () => {
  await Promise.all([fast.close(), slow.close()]);
});

it('takes a prompt to a video saved in ./videos/, in a real terminal', async () => {
  startApp(fast, 100);
  const form = await sees(/‹veo3\.1› 1\/\d+/);
  expect(form).toMatch(
    /^lemonvideo {3}SIMULATOR {2}not the real API {2}127\.0\.0\.1:\d+ · key sk-…ator/,
  );
  expect(form).toMatch(/↑↓ field {2}←→ choose {2}enter generate {2}ctrl\+r history {2}esc quit/);

  await type(...'A lighthouse at dusk', 'Down', 'Right', 'Up');
  await sees(/Prompt {11}A lighthouse at dusk/);
  await sees(/‹veo3\.1-fast› 2\/\d+/);
  await type('Enter');
  const running = await sees(/Task {6}(ldtask_[0-9a-f]{32}) · veo3\.1-fast/);
  const id = /Task {6}(ldtask_[0-9a-f]{32})/.exec(running)?.[1] as string;
  const done = await sees(`saved videos/${id}.mp4`);
  expect(done).toContain('Status    completed');
  expect(done).toMatch(/Progress {2}█{40} 100%/);
  expect(done).toMatch(/c cancel {2}d detach {2}o open in player {2}n new {2}h history {2}q quit/);
  expect(existsSync(join(cwd, 'videos', `${id}.mp4`))).toBe(true);

  await type('h');
  await sees(/› \d\d-\d\d \d\d:\d\d completed A lighthouse at dusk \(simulator\)/);
  await type('q');
  await sees('EXIT=0');
});

it('detaches on Ctrl-C, exits 130 and says how to resume, at 80 columns', async () => {
  startApp(slow, 80);
  await sees('‹veo3.1›');
  await type(...'a cat on a roof', 'Enter');
  const running = await sees(/Task {6}(ldtask_[0-9a-f]{32})/);
  const id = /Task {6}(ldtask_[0-9a-f]{32})/.exec(running)?.[1] as string;
  await type('C-c');
  const dialog = await sees('Quit how?');
  expect(Math.max(...dialog.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
  await type('d');
  const after = await sees('EXIT=130');
  expect(after.replace(/\s+/g, ' ')).toContain(
    `Detached from task ${id}: it goes on on the server. Resume with: lemonvideo wait ${id}`,
  );
});
