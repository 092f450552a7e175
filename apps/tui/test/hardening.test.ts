import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';
import { historyEntry } from '../src/session/__tests__/history-entry';
import { CliProcess, type CliRun, cliDirs, cliEnv, cliPath, runCli } from './cli-harness';

const apiKey = 'sk-test-hardening-0123456789wxyz';
const maskedKey = 'sk-…wxyz';
let fast: Simulator;
const dirs = cliDirs('hardening', 'each');

beforeAll(async () => {
  fast = await startSimulator({ speed: 200, apiKey, seed: 51 });
});
afterAll(() => fast.close());

const env = () => cliEnv(dirs.dataDir, { LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: fast.url });
const cli = (args: string[]) => runCli(args, { env: env(), cwd: dirs.cwd });
const ofType = <T extends JsonEvent['type']>(run: CliRun, type: T) =>
  run.events.filter((event): event is Extract<JsonEvent, { type: T }> => event.type === type);
const historyText = () => readFileSync(join(dirs.dataDir, 'history.json'), 'utf8');
/** Lines of stderr that say why the command failed. */
const errorLines = (run: CliRun) =>
  run.stderrLines.filter((line) => line.startsWith('lemonvideo:'));
/** `.part` files left anywhere under `dir`. */
const partFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.part'));

/** A completed task of the simulator, not downloaded yet. */
async function completedTask(): Promise<string> {
  const run = await cli(['generate', 'a cat', '--no-download', '--json']);
  expect(run.code).toBe(0);
  return ofType(run, 'completed')[0]?.task.id as string;
}

/** `count` history entries, each readable. */
const many = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const at = new Date(1_700_000_000_000 + index * 1000).toISOString();
    return historyEntry({
      id: `task_${index}`,
      status: 'completed',
      params: { prompt: `prompt ${index}` },
      api: { host: '127.0.0.1:4010', simulator: true, embedded: false },
      createdAt: at,
      updatedAt: at,
    });
  });

describe('piped output (item 2)', () => {
  it('a 5,000-entry history reaches a slow reader whole', () => {
    const entries = many(5_000);
    writeFileSync(join(dirs.dataDir, 'history.json'), JSON.stringify({ version: 1, entries }));
    const counted = execFileSync(
      'sh',
      ['-c', `"${process.execPath}" "${cliPath}" history --json | (sleep 1; wc -l)`],
      { env: env(), cwd: dirs.cwd, encoding: 'utf8' },
    );
    expect(counted.trim()).toBe('5000');
  });

  it('a reader that stops early ends it quietly, with no stack trace', () => {
    writeFileSync(
      join(dirs.dataDir, 'history.json'),
      JSON.stringify({ version: 1, entries: many(5_000) }),
    );
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${cliPath}" history --json 2>err.txt | head -1; cat err.txt >&2`,
      ],
      { env: env(), cwd: dirs.cwd, encoding: 'utf8' },
    );
    expect(result.stdout).toMatch(/^\{"type":"history"/);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe('downloads (items 3 to 6)', () => {
  it('a download that stalls ends after --timeout: exit 4, one error line, no .part', async () => {
    const id = await completedTask();
    fast.inject({ kind: 'stall', route: 'video' });
    const run = await cli(['download', id, '--timeout', '3', '--json']);
    expect(run.code).toBe(4);
    expect(errorLines(run)).toEqual([
      expect.stringMatching(
        /^lemonvideo: The download from \S+ timed out after 3000 ms \(1000 of \d+ bytes received\)\.$/,
      ),
    ]);
    expect(ofType(run, 'error')).toHaveLength(1);
    expect(partFiles(dirs.cwd)).toEqual([]);
  });

  it('wait ends a stalled download the same way', async () => {
    const id = await completedTask();
    fast.inject({ kind: 'stall', route: 'video' });
    const run = await cli(['wait', id, '--timeout', '3', '--json']);
    expect(run.code).toBe(4);
    expect(errorLines(run)).toHaveLength(1);
    expect(partFiles(dirs.cwd)).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a download exits %i and removes the .part file', async (signal, code) => {
    const id = await completedTask();
    fast.inject({ kind: 'stall', route: 'video' });
    const running = new CliProcess(['download', id, '--json'], { env: env(), cwd: dirs.cwd });
    // The .part file exists once the first bytes are written.
    await expect
      .poll(() => existsSync(join(dirs.cwd, 'videos')) && partFiles(dirs.cwd).length, {
        timeout: 10_000,
      })
      .toBe(1);
    running.child.kill(signal);
    const run = await running.done;
    expect(run.code).toBe(code);
    expect(run.signal).toBeNull();
    expect(partFiles(dirs.cwd)).toEqual([]);
    expect(existsSync(join(dirs.cwd, 'videos', `${id}.mp4`))).toBe(false);
  });

  it('a body cut off exits 4 with a readable line', async () => {
    const id = await completedTask();
    fast.inject({ kind: 'cut', route: 'video' });
    const run = await cli(['download', id, '--json']);
    expect(run.code).toBe(4);
    expect(errorLines(run)).toEqual([expect.stringMatching(/broke off/)]);
    expect(run.stderr).not.toContain('TypeError');
  });

  it('a page instead of the video is refused with a typed error, nothing saved', async () => {
    const id = await completedTask();
    fast.inject({ kind: 'html', route: 'video', status: 200 });
    const run = await cli(['download', id, '--json']);
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual([expect.stringMatching(/not a video|text\/html/i)]);
    expect(existsSync(join(dirs.cwd, 'videos', `${id}.mp4`))).toBe(false);
  });

  it('replaces an existing --out file only with --overwrite, keeping its mode', async () => {
    const id = await completedTask();
    const file = join(dirs.cwd, 'clip.mp4');
    writeFileSync(file, 'mine');
    chmodSync(file, 0o444);
    const refused = await cli(['download', id, '--out', 'clip.mp4', '--json']);
    expect(refused.code).toBe(2);
    expect(errorLines(refused)).toEqual([
      expect.stringMatching(/clip\.mp4 already exists; pass --overwrite to replace it/),
    ]);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const replaced = await cli(['download', id, '--out', 'clip.mp4', '--overwrite', '--json']);
    expect(replaced.code).toBe(0);
    expect(statSync(file).size).toBe(ofType(replaced, 'downloaded')[0]?.bytes);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('never replaces what is not a regular file, even with --overwrite', async () => {
    const id = await completedTask();
    const fifo = join(dirs.cwd, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const target = join(dirs.cwd, 'target.mp4');
    writeFileSync(target, 'mine');
    symlinkSync(target, join(dirs.cwd, 'link.mp4'));
    for (const out of ['pipe', 'link.mp4']) {
      const run = await cli(['download', id, '--out', out, '--overwrite', '--json']);
      expect(run.code).toBe(2);
      expect(errorLines(run)).toEqual([expect.stringMatching(/is not a regular file/)]);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(join(dirs.cwd, 'link.mp4')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });

  it('saves the same task to its own ./videos/<id>.mp4 again, replacing it', async () => {
    const id = await completedTask();
    expect((await cli(['download', id, '--json'])).code).toBe(0);
    const again = await cli(['download', id, '--json']);
    expect(again.code).toBe(0);
    expect(ofType(again, 'downloaded')[0]?.file).toBe(join(dirs.cwd, 'videos', `${id}.mp4`));
  });

  it('--out - writes only the video to stdout, and the JSON lines to stderr', async () => {
    const id = await completedTask();
    const run = await new Promise<{ status: number | null; stdout: Buffer; stderr: Buffer }>(
      (done) => {
        const child = spawn(process.execPath, [cliPath, 'download', id, '--out', '-', '--json'], {
          env: env(),
          cwd: dirs.cwd,
        });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        child.once('close', (status) =>
          done({ status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }),
        );
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const lines = run.stderr
      .toString()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const downloaded = lines.map((line) => JSON.parse(line)).find((e) => e.type === 'downloaded');
    expect(downloaded).toMatchObject({ file: '-', bytes: run.stdout.length });
  });
});

describe('--timeout (item 6)', () => {
  it.each(['2147484', 'Infinity'])('%s waits as long as it takes, and no longer', async (value) => {
    const run = await cli(['generate', 'a cat', '--no-download', '--timeout', value, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/Gave up|TimeoutOverflowWarning|Warning/);
    expect(historyText()).not.toContain('"creating"');
  });

  it.each(['NaN', '-1', 'abc', '0'])('%s is refused naming the option', async (value) => {
    const run = await cli(['generate', 'a cat', '--timeout', value, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderrLines).toEqual([
      `lemonvideo: --timeout must be a number (got "${value}"): seconds above 0, or Infinity for no limit`,
    ]);
    expect(fast.tasks().length).toBeGreaterThanOrEqual(0);
  });
});

describe('the API key echoed by the API (item 7)', () => {
  it('is masked in every line, in --json, and in the history, also after status', async () => {
    const run = await cli(['generate', '[echo-key] a cat', '--json']);
    expect(run.code).toBe(1);
    const [failed] = ofType(run, 'failed');
    expect(failed?.task.error?.message).toContain(`Incorrect API key provided: ${maskedKey}`);
    const id = failed?.task.id as string;
    const status = await cli(['status', id, '--json']);
    const escaped = JSON.stringify(apiKey).slice(1, -1);
    for (const text of [run.stdout, run.stderr, status.stdout, status.stderr, historyText()]) {
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(escaped);
    }
    expect(ofType(status, 'status')[0]?.task.error?.message).toContain(maskedKey);
    expect(historyText()).toContain(maskedKey);
  });
});

describe('escape sequences from the API (item 8)', () => {
  it('never reach stderr; --json stays exact', async () => {
    const run = await cli(['generate', '[escape-codes] a cat', '--json']);
    expect(run.code).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it looks for control characters.
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(run.stderr).not.toContain('PWNED');
    const [failed] = ofType(run, 'failed');
    expect(failed?.task.error?.message).toBe('Rejected \u001B[31mby policy\u001B[0m\r\nEVIL\u0007');
  });
});

describe('a history with bad entries, or a link (item 9)', () => {
  it('skips bad entries with one warning, loses nothing, and generate still records', async () => {
    const good = historyEntry({
      id: 'task_good',
      status: 'completed',
      params: { prompt: 'kept' },
      api: { host: '127.0.0.1:4010', simulator: true, embedded: false },
    });
    const bad = [null, { ...good, id: 'task_bad', createdAt: 5 }, 'text'];
    writeFileSync(
      join(dirs.dataDir, 'history.json'),
      JSON.stringify({ version: 1, entries: [bad[0], good, bad[1], bad[2]] }),
    );
    const listed = await cli(['history', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stderrLines).toEqual([
      expect.stringMatching(/^Skipped 3 entries of .*history\.json/),
    ]);
    expect(ofType(listed, 'history').map((event) => event.entry.id)).toEqual(['task_good']);

    const generated = await cli(['generate', 'a cat', '--no-wait', '--json']);
    expect(generated.code).toBe(0);
    expect(generated.stderr.match(/Skipped 3 entries/g)).toHaveLength(1);
    const id = ofType(generated, 'created')[0]?.task.id;
    const file = JSON.parse(historyText()) as { entries: unknown[] };
    expect(file.entries).toHaveLength(5);
    expect(file.entries).toEqual(
      expect.arrayContaining([null, 'text', expect.objectContaining({ id: 'task_bad' })]),
    );
    expect(file.entries).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
  });

  it('refuses a history file that is a link, writing nothing through it and creating no task', async () => {
    const elsewhere = join(dirs.cwd, 'elsewhere.json');
    writeFileSync(elsewhere, '{"version":1,"entries":[]}');
    mkdirSync(dirs.dataDir, { recursive: true });
    symlinkSync(elsewhere, join(dirs.dataDir, 'history.json'));
    const before = fast.tasks().length;
    for (const args of [['history'], ['generate', 'a cat', '--no-wait']]) {
      const run = await cli([...args, '--json']);
      expect(run.code).toBe(2);
      expect(errorLines(run)).toEqual([expect.stringMatching(/history\.json is a symbolic link/)]);
    }
    expect(fast.tasks().length).toBe(before);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{"version":1,"entries":[]}');
  });
});

describe('the last --json line of generate (item 13)', () => {
  const last = (run: CliRun) => run.events.at(-1) as JsonEvent & { task?: unknown; file?: unknown };

  it('carries the task and the file, downloaded', async () => {
    const run = await cli(['generate', 'a cat', '--json']);
    expect(last(run)).toMatchObject({
      type: 'downloaded',
      task: { status: 'completed', videoUrl: expect.stringMatching(/^http/) },
      file: expect.stringMatching(/\.mp4$/),
    });
  });

  it('carries the task and no file, failed', async () => {
    const run = await cli(['generate', '[fail] a cat', '--json']);
    expect(last(run)).toMatchObject({ type: 'error', task: { status: 'failed' }, file: null });
  });

  it('carries the completed task and no file when the download failed', async () => {
    fast.inject({ kind: 'cut', route: 'video' });
    const run = await cli(['generate', 'a cat', '--json']);
    expect(run.code).toBe(4);
    expect(last(run)).toMatchObject({
      type: 'error',
      task: { status: 'completed', videoUrl: expect.stringMatching(/^http/) },
      file: null,
    });
  });

  it('carries the task, detached', async () => {
    const running = new CliProcess(['generate', '[queued] a cat', '--json'], {
      env: env(),
      cwd: dirs.cwd,
    });
    await running.event((event) => event.type === 'created');
    running.child.kill('SIGINT');
    const run = await running.done;
    expect(run.code).toBe(130);
    expect(last(run)).toMatchObject({ type: 'detached', task: { status: 'pending' }, file: null });
  });
});
