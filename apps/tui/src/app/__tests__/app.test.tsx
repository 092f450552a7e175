import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { historyEntry } from '../../session/__tests__/history-entry';
import { connect } from '../../session/connection';
import { HistoryStore } from '../../session/history-store';
import { keys, widestLine } from './ink-harness';
import { type RenderAppOptions, renderApp } from './render-app';

let fast: Simulator;
let medium: Simulator;
let slow: Simulator;
let dataDir: string;
let cwd: string;

beforeAll(async () => {
  [fast, medium, slow] = await Promise.all([
    startSimulator({ speed: 200, seed: 31 }),
    // Generation takes a few seconds: long enough to watch it, short enough to wait for.
    startSimulator({ speed: 25, seed: 32 }),
    // Tasks stay queued for seconds: time to interrupt them.
    startSimulator({ speed: 1, seed: 33 }),
  ]);
});
afterAll(async () => {
  await Promise.all([fast.close(), medium.close(), slow.close()]);
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lemonvideo-app-data-'));
  cwd = mkdtempSync(join(tmpdir(), 'lemonvideo-app-cwd-'));
});
afterEach(() => {
  cleanup();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

/** The app with this file's directories, once its form shows the first model. */
async function renderReady(options: Omit<RenderAppOptions, 'dataDir' | 'cwd'>) {
  const view = await renderApp({ ...options, dataDir, cwd });
  const { connection } = view;
  // The form starts on the first model the API lists.
  const order = (await connection.client.models.list()).map((model) => model.id);
  await vi.waitFor(() => expect(view.frame()).toContain(`‹${order[0]}›`));
  /** The screen, its lines joined as wrapping left them. */
  const text = () => view.frame().replace(/\s+/g, ' ');
  /** Waits until the screen shows `pattern`, and the keys of what it shows are listened to. */
  const sees = async (pattern: RegExp | string, timeout = 15_000) => {
    await vi.waitFor(() => expect(view.frame()).toMatch(pattern), { timeout, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  /** Types a prompt, picks the model, and presses Enter. */
  const generate = async (prompt: string, model = 'kling-video') => {
    await view.press(prompt, keys.down, ...Array(order.indexOf(model)).fill(keys.right));
    await sees(`‹${model}›`);
    await view.press(keys.enter);
    await sees(/Task {6}ldtask_[0-9a-f]{32}/);
    return /Task {6}(ldtask_[0-9a-f]{32})/.exec(view.frame())?.[1] as string;
  };
  return { ...view, sees, generate, text };
}

const jobKeys = /c cancel {2}d detach {2}o open in player {2}n new {2}h history {2}q quit/;

describe('the header', () => {
  it('shows the SIMULATOR badge and the placeholder key, masked, on every screen', async () => {
    const app = await renderReady({ simulator: fast });
    expect(app.frame()).toMatch(
      /^lemonvideo {3}SIMULATOR {2}not the real API {2}127\.0\.0\.1:\d+ · key sk-…ator/,
    );
    await app.press(keys.ctrlR);
    await app.sees('History');
    expect(app.frame()).toContain('SIMULATOR');
    await app.press('n');
    await app.sees('New video');
    const id = await app.generate('a cat');
    expect(app.frame()).toContain('SIMULATOR');
    expect(id).toMatch(/^ldtask_[0-9a-f]{32}$/);
  });

  it('shows a configured key only masked, and no badge', async () => {
    const key = 'sk-live-0123456789abcd';
    const app = await renderReady({ simulator: fast, env: { LEMONDATA_API_KEY: key } });
    expect(app.frame()).toContain('key sk-…abcd');
    expect(app.frame()).not.toContain(key);
    expect(app.frame()).not.toContain('SIMULATOR');
  });
});

describe('a generation', () => {
  it('goes from the prompt to the video saved in ./videos/, recorded in history', async () => {
    const app = await renderReady({ simulator: fast });
    const id = await app.generate('a lighthouse at dusk');
    await app.sees(`Download  saved videos/${id}.mp4`);
    expect(app.frame()).toContain('Status    completed');
    expect(app.frame()).toContain(`Video     ${fast.url}/videos/${id}.mp4`);
    expect(app.frame()).toMatch(jobKeys);
    const file = join(cwd, 'videos', `${id}.mp4`);
    expect(existsSync(file)).toBe(true);
    expect(await app.history.find(id)).toMatchObject({
      status: 'completed',
      params: { prompt: 'a lighthouse at dusk', model: 'kling-video' },
      result: { file },
    });

    await app.press('o');
    expect(app.openExternal).toHaveBeenCalledWith(file);
    await app.sees(`Opened ${file}`);
    await app.press('q');
    expect(app.onExit).toHaveBeenCalledWith({ code: 0 });
  });

  it('shows progress, elapsed time and ETA while it runs; d detaches', async () => {
    const app = await renderReady({ simulator: medium });
    const id = await app.generate('a slow cat');
    await app.sees(
      /Status {4}processing[\s\S]*Progress {2}[█░]+ \d+%[\s\S]*Time {6}\d:\d\d elapsed · ETA \d:\d\d/,
    );
    expect(app.frame()).toMatch(jobKeys);
    await app.press('d');
    await app.sees('processing (detached)');
    expect(app.text()).toContain(`lemonvideo wait ${id}`);
    expect((await app.history.find(id))?.status).toBe('processing');
  });

  it('shows a sweeping bar for a model that reports no progress', async () => {
    const app = await renderReady({ simulator: medium });
    await app.generate('a cat', 'veo3.1');
    await app.sees(/Progress {2}░*███░* no progress reported/);
    expect(app.frame()).toContain('veo3.1');
  });

  it('names a field the API refuses as the form does, never as a flag', async () => {
    const app = await renderReady({ simulator: fast });
    // wan2.6-i2v turns an image into video: without one, the API refuses the create.
    await app.generate('a cat', 'wan2.6-i2v').catch(() => undefined);
    await app.sees('Status    failed');
    expect(app.text()).toMatch(/Error Image is required for image-to-video/);
    expect(app.text()).not.toContain('--image');
  });

  it('says why a task failed', async () => {
    const app = await renderReady({ simulator: fast });
    const id = await app.generate('[fail] a cat');
    await app.sees('Status    failed');
    expect(app.text()).toMatch(/Error Task \S+ failed: .*\(content_policy_violation\)/);
    expect((await app.history.find(id))?.status).toBe('failed');
  });
});

describe('Ctrl-C during a job', () => {
  it('asks; k keeps waiting; d detaches and exits 130 saying how to resume', async () => {
    const app = await renderReady({ simulator: slow });
    const id = await app.generate('a cat');
    await app.press(keys.ctrlC);
    await app.sees(`Task ${id} is still running. Quit how?`);
    await app.press('k');
    await vi.waitFor(() => expect(app.frame()).not.toContain('Quit how?'));
    await app.press(keys.ctrlC);
    await app.sees('Quit how?');
    await app.press('d');
    await vi.waitFor(() => expect(app.onExit).toHaveBeenCalled());
    expect(app.onExit).toHaveBeenCalledWith({
      code: 130,
      message: `Detached from task ${id}: it goes on on the server. Resume with: lemonvideo wait ${id}`,
    });
    expect((await app.history.find(id))?.status).toBe('pending');
  });

  it('c cancels a task whose model allows it, and exits 130', async () => {
    const app = await renderReady({ simulator: slow });
    const id = await app.generate('a cat', 'seedance-1.5-pro');
    expect(app.frame()).toContain('seedance-1.5-pro');
    await app.press(keys.ctrlC);
    await app.sees('Quit how?');
    await app.press('c');
    await vi.waitFor(() => expect(app.onExit).toHaveBeenCalled());
    expect(app.onExit).toHaveBeenCalledWith({ code: 130, message: `Cancelled task ${id}.` });
    expect((await app.history.find(id))?.status).toBe('cancelled');
  });

  it('says so, and detaches, when the model cannot cancel (--cancel-on-exit: enter cancels)', async () => {
    const app = await renderReady({ simulator: slow, cancelOnExit: true });
    const id = await app.generate('a cat');
    await app.press(keys.ctrlC);
    await app.sees(/c cancel it, where the model allows \(enter\)/);
    await app.press(keys.enter);
    await vi.waitFor(() => expect(app.onExit).toHaveBeenCalled());
    const [[exit]] = app.onExit.mock.calls as [[{ code: number; message: string }]];
    expect(exit.code).toBe(130);
    expect(exit.message).toMatch(/^Cannot cancel: .*unsupported_task_cancel.*lemonvideo wait /);
    expect(exit.message).toContain(id);
  });
});

describe('the history screen', () => {
  it('lists every task and resumes one to its saved video', async () => {
    const history = new HistoryStore(join(dataDir, 'history.json'));
    const { client } = await connect({ baseUrl: fast.url, env: {} });
    const task = await client.videos.create({ prompt: 'a detached cat' });
    const api = { host: new URL(fast.url).host, simulator: true, embedded: false };
    await history.save(
      historyEntry({
        id: 'local-lost',
        status: 'creating',
        params: { prompt: 'a lost create' },
        api,
      }),
    );
    await history.save(
      historyEntry({
        id: task.id,
        status: 'pending',
        params: { prompt: 'a detached cat' },
        api,
        createdAt: '2026-01-02T00:00:00.000Z',
        updatedAt: '2026-01-02T00:00:00.000Z',
      }),
    );

    const app = await renderReady({ simulator: fast });
    await app.press(keys.ctrlR);
    await app.sees(
      /› 01-02 00:00 pending {3}a detached cat \(simulator\)\n {2}01-01 00:00 creating {2}a lost create/,
    );
    expect(app.frame()).toMatch(/↑↓ move {2}enter open {2}n new {2}q quit/);
    await app.press(keys.down);
    await app.sees('The create never answered: the task may exist');
    await app.press(keys.up, keys.enter);
    await app.sees(`Download  saved videos/${task.id}.mp4`);
    expect(app.frame()).toContain('Prompt    a detached cat');
    expect(await history.find(task.id)).toMatchObject({
      status: 'completed',
      result: { file: join(cwd, 'videos', `${task.id}.mp4`) },
    });
  });
});

describe('a saved video from the history', () => {
  it('opens without asking the API, which may have forgotten it', async () => {
    const file = join(cwd, 'old.mp4');
    writeFileSync(file, 'not really a video');
    const history = new HistoryStore(join(dataDir, 'history.json'));
    await history.save(
      historyEntry({
        id: 'video_gone',
        status: 'completed',
        params: { prompt: 'an old cat' },
        api: { host: '127.0.0.1:1', simulator: true, embedded: true },
        result: { videoUrl: 'http://127.0.0.1:1/videos/video_gone.mp4', file },
      }),
    );
    const app = await renderReady({ simulator: fast });
    await app.press(keys.ctrlR);
    await app.sees('an old cat');
    await app.press(keys.enter);
    await app.sees(`Saved     ${file}`);
    expect(app.frame()).toContain('Task      video_gone');
    expect(app.frame()).toContain('Status    completed');
    expect(app.frame()).toMatch(jobKeys);
    await app.press('o');
    expect(app.openExternal).toHaveBeenCalledWith(file);
  });
});

describe.each([80, 60])('at %i columns', (columns) => {
  it('every screen fits', async () => {
    const app = await renderReady({ simulator: fast, columns });
    expect(widestLine(app.frame())).toBeLessThanOrEqual(columns);
    const id = await app.generate(
      'a lighthouse at dusk, waves crashing on the rocks below, cinematic',
    );
    // The vendor's task ids are long: at 60 columns the path wraps onto its own line.
    await app.sees(new RegExp(`saved\\s+videos/${id}\\.mp4`));
    expect(widestLine(app.frame())).toBeLessThanOrEqual(columns);
    await app.press('h');
    await app.sees('History');
    expect(widestLine(app.frame())).toBeLessThanOrEqual(columns);
  });
});
