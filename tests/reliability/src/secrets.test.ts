// One recognisable key, and everything a user or a log could ever see, searched for it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { LemonVideo } from '@lemonvideo/core';
import { createProxyHandler } from '@lemonvideo/proxy';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliPath, runCli } from './cli';

const key = 'sk-CANARY-7f3a9d2c41e8b6';
let simulator: Simulator;
let otherKeySimulator: Simulator;
/** Every text a person or a log could see, by where it came from. */
const seen = new Map<string, string>();
const collect = (source: string, text: string) => seen.set(source, text);
const describeError = (error: unknown) =>
  [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join(
    '\n',
  );

beforeAll(async () => {
  simulator = await startSimulator({ apiKey: key, speed: 300, rateLimit: false });
  otherKeySimulator = await startSimulator({ apiKey: 'sk-someone-else', rateLimit: false });
});
afterAll(async () => {
  await simulator.close();
  await otherKeySimulator.close();
});

it('the SDK: errors, debug lines and the client itself', async () => {
  const debug: string[] = [];
  const client = new LemonVideo({
    apiKey: key,
    baseURL: simulator.url,
    poll: { strategy: 'fixed', interval: 50 },
    debug: (line) => debug.push(line),
  });
  await client.videos.generate({ prompt: 'a cat' });
  collect('debug lines', debug.join('\n'));
  collect('inspect(client)', inspect(client, { depth: 10, showHidden: true }));
  const failures = await Promise.all([
    new LemonVideo({ apiKey: key, baseURL: otherKeySimulator.url }).models
      .list()
      .catch((e: unknown) => e),
    new LemonVideo({ apiKey: key, baseURL: 'http://127.0.0.1:9', maxRetries: 0 }).models
      .list()
      .catch((e: unknown) => e),
    client.videos.generate({ prompt: 'a cat [fail]' }).catch((e: unknown) => e),
    client.videos.create({ prompt: '' }).catch((e: unknown) => e),
    client.tasks.retrieve('video_missing').catch((e: unknown) => e),
  ]);
  failures.forEach((error, index) => {
    expect(error).toBeInstanceOf(Error);
    collect(`SDK error ${index}`, describeError(error));
  });
});

it('the proxy: answers, refusals, and an upstream that echoes the key', async () => {
  const proxy = createProxyHandler({ apiKey: key, baseURL: simulator.url });
  const request = (path: string, init?: RequestInit) =>
    proxy(new Request(`https://app.test/api/lemonvideo${path}`, init));
  const answers = await Promise.all([
    request('/v1/models'),
    request('/v1/videos/generations', {
      method: 'POST',
      body: '{"prompt":"x"}',
      headers: { 'content-type': 'application/json' },
    }),
    request('/v1/tasks/video_missing'),
    request('/v1/admin'),
    request('/v1/videos/generations', {
      method: 'POST',
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    }),
  ]);
  const echoing = createProxyHandler({
    apiKey: key,
    baseURL: 'https://api.invalid',
    fetch: async (_url, init) =>
      new Response(
        JSON.stringify({
          error: { message: `bad key ${new Headers(init?.headers).get('authorization')}` },
        }),
        {
          status: 401,
          headers: { 'content-type': 'application/json', 'x-request-id': key },
        },
      ),
  });
  answers.push(await echoing(new Request('https://app.test/api/lemonvideo/v1/models')));
  for (const [index, answer] of answers.entries()) {
    collect(`proxy answer ${index}`, `${[...answer.headers].join('\n')}\n${await answer.text()}`);
  }
});

it('the CLI: output, errors and the history file', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lemonvideo-secrets-'));
  const cwd = await mkdtemp(join(tmpdir(), 'lemonvideo-secrets-cwd-'));
  const env = { LEMONDATA_API_KEY: key, LEMONVIDEO_DATA_DIR: dataDir };
  const runs = [
    await runCli(['generate', 'a cat', '--json', '--base-url', simulator.url], env, cwd),
    await runCli(['generate', 'a cat', '--base-url', simulator.url], env, cwd),
    await runCli(['models', '--base-url', simulator.url], env, cwd),
    await runCli(['history', '--json'], env, cwd),
    await runCli(['models', '--base-url', otherKeySimulator.url], env, cwd),
    await runCli(['status', 'video_missing', '--base-url', simulator.url], env, cwd),
    await runCli(['generate', 'x', '--fps', '500', '--base-url', simulator.url], env, cwd),
  ];
  expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 3, expect.any(Number), 2]);
  for (const [index, run] of runs.entries())
    collect(`CLI run ${index}`, `${run.stdout}\n${run.stderr}`);
  for (const file of await readdir(dataDir))
    collect(`data file ${file}`, await readFile(join(dataDir, file), 'utf8'));
  expect([...seen.keys()].some((source) => source.startsWith('data file'))).toBe(true);
}, 60_000);

it('the terminal app: every screen it shows', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lemonvideo-secrets-tui-'));
  const session = 'secrets';
  // A tmux server of this test's own: no one else's sessions are touched, nor it by theirs.
  const socket = `lemonvideo-secrets-${process.pid}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '100',
    '-y',
    '30',
    '-c',
    dataDir,
    `env LEMONDATA_API_KEY=${key} LEMONVIDEO_DATA_DIR=${dataDir} NO_COLOR=1 ${process.execPath} ${cliPath} --base-url ${simulator.url}`,
  );
  const frames: string[] = [];
  const capture = () => frames.push(tmux('capture-pane', '-p', '-t', session));
  const waitFor = async (text: string) => {
    for (let i = 0; i < 200; i++) {
      capture();
      if (frames.at(-1)?.includes(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the app never showed "${text}"`);
  };
  try {
    await waitFor('Prompt');
    tmux('send-keys', '-t', session, 'a cat', 'Enter');
    await waitFor('completed');
    tmux('send-keys', '-t', session, 'h');
    await waitFor('History');
  } finally {
    const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
    tmux('kill-server');
    await rm(socketPath, { force: true });
  }
  collect('terminal frames', frames.join('\n'));
  expect(frames.join('\n')).toContain('sk-…');
}, 60_000);

it('nothing anyone can see holds the key', () => {
  expect(seen.size).toBeGreaterThanOrEqual(20);
  console.log(`searched ${seen.size} sources: ${[...seen.keys()].join(', ')}`);
  for (const [source, text] of seen) {
    expect(text.length, source).toBeGreaterThan(0);
    expect(text.includes(key), `${source} shows the key`).toBe(false);
    expect(text.includes(key.slice(3)), `${source} shows most of the key`).toBe(false);
  }
});
