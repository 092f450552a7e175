import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';
import { CliProcess, type CliRun, cliDirs, cliEnv, runCli } from './cli-harness';

const apiKey = 'sk-test-cli-0123456789wxyz';
let fast: Simulator;
let slow: Simulator;
const dirs = cliDirs('cli', 'each');

beforeAll(async () => {
  fast = await startSimulator({ speed: 200, apiKey, seed: 11 });
  // Tasks that stay queued for seconds: time to interrupt or cancel them.
  slow = await startSimulator({ speed: 1, apiKey, seed: 12 });
});
afterAll(async () => {
  await Promise.all([fast.close(), slow.close()]);
});
beforeEach(() => {
  writeFileSync(join(dirs.cwd, 'notes.txt'), 'not an image');
});

const env = (extra: Record<string, string> = {}) =>
  cliEnv(dirs.dataDir, { LEMONDATA_API_KEY: apiKey, ...extra });
const on = (simulator: Simulator, args: string[], extra: Record<string, string> = {}) =>
  runCli([...args, '--base-url', simulator.url], { env: env(extra), cwd: dirs.cwd });
/** `lemonvideo generate <prompt> --model <model> ...flags` on `simulator`. */
const generate = (simulator: Simulator, prompt: string, model: string, ...flags: string[]) =>
  on(simulator, ['generate', prompt, '--model', model, ...flags]);
const start = (simulator: Simulator, args: string[]) =>
  new CliProcess([...args, '--base-url', simulator.url], { env: env(), cwd: dirs.cwd });
const history = () =>
  JSON.parse(readFileSync(join(dirs.dataDir, 'history.json'), 'utf8')) as {
    entries: Array<Record<string, unknown>>;
  };
const ofType = <T extends JsonEvent['type']>(run: CliRun, type: T) =>
  run.events.filter((event): event is Extract<JsonEvent, { type: T }> => event.type === type);
const created = (event: JsonEvent) => event.type === 'created';

/** What holds for every run: no colour codes, no key, no stack trace. */
function expectClean(run: CliRun) {
  expect(run.stdout + run.stderr).not.toContain('\u001B[');
  expect(run.stdout + run.stderr).not.toContain(apiKey);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** A bad-input run: exit 2 and exactly one line on stderr. */
function expectUsageError(run: CliRun, pattern: RegExp) {
  expectClean(run);
  expect(run.code).toBe(2);
  expect(run.stderrLines).toHaveLength(1);
  expect(run.stderrLines[0]).toMatch(pattern);
  expect(ofType(run, 'error')).toEqual([expect.objectContaining({ exitCode: 2 })]);
}

describe('help and version', () => {
  it('prints the version', async () => {
    const run = await runCli(['--version'], { env: env(), cwd: dirs.cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    'generate',
    'status',
    'wait',
    'cancel',
    'download',
    'models',
    'history',
    'batch',
    'worker',
    'simulator',
  ])('has --help for %s, with the global options', async (command) => {
    const run = await runCli([command, '--help'], { env: env(), cwd: dirs.cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: lemonvideo ${command}`);
    expect(run.stdout).toContain('--base-url');
  });

  it('says in --help that a video already at ./videos/<task id>.mp4 is kept', async () => {
    const run = await runCli(['download', '--help'], { env: env(), cwd: dirs.cwd });
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain("a ./videos/<task id>.mp4 already there is kept as that task's video");
    expect(help).not.toMatch(/always replaced/);
  });

  it('prints the help instead of starting the app when there is no terminal', async () => {
    const run = await runCli([], { env: env(), cwd: dirs.cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: lemonvideo');
    expect(run.stderr).toMatch(/the interactive app needs a terminal/);
    expect(run.stderr).not.toMatch(/Raw mode/);
  });
});

describe('generate', () => {
  it('creates, waits, saves the video and records it all in history', async () => {
    const run = await generate(fast, 'a lighthouse', 'veo3.1', '--duration', '4', '--json');
    expectClean(run);
    expect(run.code).toBe(0);
    expect(run.events.map((event) => event.type)).toEqual(['created', 'completed', 'downloaded']);
    const [createdEvent] = ofType(run, 'created');
    expect(createdEvent?.task).toMatchObject({ status: 'pending', model: 'veo3.1' });
    expect(createdEvent?.api).toEqual({ host: new URL(fast.url).host, simulator: false });
    const [downloaded] = ofType(run, 'downloaded');
    const file = join(dirs.cwd, 'videos', `${createdEvent?.task.id}.mp4`);
    expect(downloaded).toMatchObject({ taskId: createdEvent?.task.id, file });
    expect(statSync(file).size).toBe(downloaded?.bytes);

    const [entry] = history().entries;
    expect(entry).toMatchObject({
      id: createdEvent?.task.id,
      status: 'completed',
      params: { prompt: 'a lighthouse', model: 'veo3.1', duration: 4 },
      api: { host: new URL(fast.url).host, simulator: false, embedded: false },
      result: { file },
    });
    expect(readFileSync(join(dirs.dataDir, 'history.json'), 'utf8')).not.toContain(apiKey);
    expect(statSync(join(dirs.dataDir, 'history.json')).mode & 0o777).toBe(0o600);
  });

  it('--no-wait prints the task; status, wait and download finish it', async () => {
    const generated = await on(fast, ['generate', 'a cat', '--no-wait', '--json']);
    expect(generated.code).toBe(0);
    const [createdEvent] = ofType(generated, 'created');
    const id = createdEvent?.task.id as string;
    expect(generated.stderr).toContain(`lemonvideo wait ${id}`);

    const status = await on(fast, ['status', id, '--json']);
    expect(status.code).toBe(0);
    expect(ofType(status, 'status')[0]?.task.id).toBe(id);

    const waited = await on(fast, ['wait', id, '--no-download', '--json']);
    expectClean(waited);
    expect(waited.code).toBe(0);
    expect(waited.events.map((event) => event.type)).toEqual(['completed']);

    const downloaded = await on(fast, ['download', id, '--out', 'clip.mp4', '--json']);
    expect(downloaded.code).toBe(0);
    expect(ofType(downloaded, 'downloaded')[0]?.file).toBe(join(dirs.cwd, 'clip.mp4'));
    expect(existsSync(join(dirs.cwd, 'clip.mp4'))).toBe(true);
    expect(history().entries).toMatchObject([
      { id, status: 'completed', result: { file: join(dirs.cwd, 'clip.mp4') } },
    ]);
  });

  it('waits again for a task whose video is saved: keeps the video, as a killed run left it', async () => {
    const generated = await on(fast, ['generate', 'a cat', '--json']);
    expect(generated.code).toBe(0);
    const [saved] = ofType(generated, 'downloaded');
    const again = await on(fast, ['wait', saved?.taskId as string, '--json']);
    expectClean(again);
    expect(again.code).toBe(0);
    expect(ofType(again, 'downloaded')).toEqual([saved]);
    const download = await on(fast, ['download', saved?.taskId as string, '--json']);
    expect(ofType(download, 'downloaded')).toEqual([saved]);
    // A path of the person's own is never replaced.
    writeFileSync(join(dirs.cwd, 'mine.mp4'), 'mine');
    const out = await on(fast, ['download', saved?.taskId as string, '--out', 'mine.mp4']);
    expect(out.code).toBe(2);
    expect(readFileSync(join(dirs.cwd, 'mine.mp4'), 'utf8')).toBe('mine');
  });

  it('exits 1 when the task fails, with the failure as an event and one line', async () => {
    const run = await on(fast, ['generate', '[fail] a cat', '--json']);
    expectClean(run);
    expect(run.code).toBe(1);
    expect(run.events.map((event) => event.type)).toEqual(['created', 'failed', 'error']);
    expect(run.stderr).toMatch(/lemonvideo: Task \S+ failed: .*\(content_policy_violation\)/);
    expect(history().entries).toMatchObject([
      { status: 'failed', error: { code: 'content_policy_violation' } },
    ]);
  });

  it('takes the common fields as flags and any other as --param, typed by its rule', async () => {
    const run = await generate(
      fast,
      'a cat',
      'seedance-2.0',
      '--audio-output',
      '--reference-image',
      'https://a.example/1.png',
      '--reference-image',
      'https://a.example/2.png',
      '--service-tier',
      'default',
      '--last-frame',
      '--param',
      'watermark=false',
      '--param',
      'execution_expires_after=7200',
      '--no-wait',
      '--json',
    );
    expectClean(run);
    expect(run.code).toBe(0);
    expect(history().entries).toMatchObject([
      {
        params: {
          prompt: 'a cat',
          model: 'seedance-2.0',
          output_audio: true,
          reference_images: ['https://a.example/1.png', 'https://a.example/2.png'],
          service_tier: 'default',
          return_last_frame: true,
          watermark: false,
          execution_expires_after: 7200,
        },
      },
    ]);
  });

  it('sends a local image file inline, and a URL as image_url', async () => {
    const frame = join(dirs.cwd, 'frame.png');
    writeFileSync(frame, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const withImage = (image: string) =>
      generate(fast, 'walk', 'wan2.6-i2v', '--image', image, '--no-wait', '--json');
    const file = await withImage('frame.png');
    expectClean(file);
    expect(file.code).toBe(0);
    const url = await withImage('https://a.example/frame.png');
    expect(url.code).toBe(0);
    const [first, second] = history().entries;
    // The history keeps what the image was, not its bytes.
    expect(first?.params).toEqual({
      prompt: 'walk',
      model: 'wan2.6-i2v',
      image: expect.stringMatching(/^data:image\/png;base64,… \(\d+ characters, not kept\)$/),
    });
    expect(second?.params).toEqual({
      prompt: 'walk',
      model: 'wan2.6-i2v',
      image_url: 'https://a.example/frame.png',
    });
  });

  it('takes a list of objects as JSON in --param (kling_elements)', async () => {
    const elements = [
      { name: 'cat', element_input_urls: ['https://a.example/1.png', 'https://a.example/2.png'] },
    ];
    const run = await generate(
      fast,
      'the @cat walks',
      'kling-3.0-video',
      '--image',
      'https://a.example/first.png',
      '--param',
      `kling_elements=${JSON.stringify(elements)}`,
      '--no-wait',
      '--json',
    );
    expectClean(run);
    expect(run.code).toBe(0);
    expect(history().entries[0]?.params).toMatchObject({ kling_elements: elements });
  });

  it('keeps the tasks of processes that write the history at the same time', async () => {
    const runs = await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((prompt) =>
        on(fast, ['generate', prompt, '--no-wait', '--json']),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 0]);
    const ids = runs.map((run) => ofType(run, 'created')[0]?.task.id).sort();
    const entries = history().entries;
    expect(entries.map((entry) => entry.id).sort()).toEqual(ids);
    expect(entries.every((entry) => entry.status !== 'creating')).toBe(true);
  });
});

describe('bad input: exit 2, one line naming the flag, nothing sent', () => {
  it.each([
    [['--fps', '12abc'], /--fps must be an integer \(got "12abc"\)/],
    [['--cfg-scale', '30'], /--cfg-scale must be between 0 and 20 \(got 30\)/],
    [['--motion-strength', '1.5'], /--motion-strength must be between 0 and 1/],
    [['--seed', '4.2'], /--seed must be an integer/],
    [['--image', 'not-a-file.png'], /^lemonvideo: --image: there is no file not-a-file\.png/],
    [['--end-image', 'notes.txt'], /--end-image: notes\.txt is not an image/],
    [
      ['--reference-image', 'https://a.example/1.png', '--reference-image', 'x.png'],
      /--reference-image: there is no file x\.png/,
    ],
    [['--video', 'not a url'], /--video must be an absolute URL/],
    [
      ['--aspect-ratio', '16x9'],
      /--aspect-ratio must be one of "adaptive", "16:9", "9:16", .* \(got "16x9"\)/,
    ],
    [
      ['--operation', 'make-a-video'],
      /--operation must be one of "text-to-video", "image-to-video", .* \(got "make-a-video"\)/,
    ],
    [['--param', 'fps'], /--param takes key=value/],
    [['--param', 'priority=10'], /--param priority must be between 0 and 9 \(got 10\)/],
    [['--param', 'kling_elements=[{"name":'], /--param kling_elements must be an array/],
    [['--fps', '24', '--param', 'fps=25'], /--param fps: --fps is given already/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--timeout', 'soon'], /--timeout must be a number \(got "soon"\)/],
    [
      ['--out', 'x.mp4', '--no-download'],
      /--out saves the video, so it cannot go with --no-download/,
    ],
  ])('%j', async (flags, pattern) => {
    const run = await on(fast, ['generate', 'a cat', ...flags]);
    expectUsageError(run, pattern);
  });

  it('names the flag of a value the model does not offer (the API refuses it)', async () => {
    const run = await generate(fast, 'a cat', 'kling-video', '--duration', '7');
    expectUsageError(run, /--duration must be one of 5, 10 for kling-video/);
    expect(history().entries).toMatchObject([{ status: 'failed' }]);
  });

  it('names --model, and suggests the closest, for an unknown model', async () => {
    const run = await generate(fast, 'a cat', 'kling-vidoe');
    expectUsageError(run, /--model: .*kling-vidoe.*Did you mean kling-video\?/);
  });

  it('names --model and the replacement of a retired model; nothing sent', async () => {
    const run = await generate(fast, 'a cat', 'veo3.1-pro');
    expectUsageError(run, /^lemonvideo: --model veo3\.1-pro is retired; use veo3\.1$/);
  });

  it("shows the API's allowed values as a suggestion", async () => {
    // The API's own 400 (these checks happen there too): an operation the model does not offer.
    const run = await generate(fast, 'a cat', 'wan2.6-i2v');
    expectUsageError(run, /--image is required for image-to-video/);
  });

  it('names --base-url when it is no URL', async () => {
    const run = await runCli(['models', '--base-url', 'ftp://nowhere'], {
      env: env(),
      cwd: dirs.cwd,
    });
    expectUsageError(run, /--base-url must be an http\(s\) URL/);
  });

  it('wants a prompt', async () => {
    expectUsageError(await on(fast, ['generate']), /missing required argument 'prompt'/);
    // A blank prompt is left out; the model at the API needs one (the schema does not).
    expectUsageError(await on(fast, ['generate', ' ']), /the prompt is required by veo3\.1/);
  });
});

describe('exit codes of the API and the network', () => {
  it('exits 3 on a wrong key, showing it masked only', async () => {
    const wrong = 'sk-wrong-0123456789abcd';
    const run = await on(fast, ['models', '--json'], { LEMONDATA_API_KEY: wrong });
    expect(run.code).toBe(3);
    expect(run.stderrLines).toHaveLength(1);
    expect(run.stderr).toContain('sk-…abcd');
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });

  it('records a create refused for its key without the key, even masked', async () => {
    const wrong = 'sk-wrong-0123456789abcd';
    const run = await on(fast, ['generate', 'a cat', '--json'], { LEMONDATA_API_KEY: wrong });
    expect(run.code).toBe(3);
    expect(history().entries).toMatchObject([
      { status: 'failed', error: { code: 'invalid_api_key' } },
    ]);
    const file = readFileSync(join(dirs.dataDir, 'history.json'), 'utf8');
    expect(file).not.toContain(wrong);
    expect(file).not.toContain('abcd');
  });

  it('exits 4 when nobody listens at the base URL', async () => {
    const run = await runCli(
      ['status', 'video_x', '--timeout', '2', '--base-url', 'http://127.0.0.1:9'],
      {
        env: env(),
        cwd: dirs.cwd,
      },
    );
    expectClean(run);
    expect(run.code).toBe(4);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(/connection to the API failed|timed out/),
    ]);
  });

  it('exits 4 when the task is not done within --timeout', async () => {
    const generated = await on(slow, ['generate', 'a cat', '--no-wait', '--json']);
    const id = ofType(generated, 'created')[0]?.task.id as string;
    const run = await on(slow, ['wait', id, '--timeout', '1', '--json']);
    expectClean(run);
    expect(run.code).toBe(4);
    expect(ofType(run, 'error')[0]?.message).toMatch(/Gave up waiting for task .* after 1000 ms/);
    expect(history().entries).toMatchObject([{ id, status: 'pending' }]);
  });

  it('exits 4 when the API keeps failing', async () => {
    const flaky = await startSimulator({ speed: 200, apiKey, seed: 14 });
    try {
      const generated = await on(flaky, ['generate', 'a cat', '--no-wait', '--json']);
      const id = ofType(generated, 'created')[0]?.task.id as string;
      flaky.inject({ kind: 'status', status: 503, route: 'task', times: 1000 });
      const status = await on(flaky, ['status', id, '--json']);
      expectClean(status);
      expect(status.code).toBe(4);
      expect(ofType(status, 'error')[0]?.message).toMatch(/HTTP 503 all_channels_failed/);
      // A wait keeps polling through the failures until its own timeout, losing nothing.
      const wait = await on(flaky, ['wait', id, '--timeout', '2', '--json']);
      expectClean(wait);
      expect(wait.code).toBe(4);
      expect(ofType(wait, 'error')[0]?.message).toMatch(/Gave up waiting for task/);
    } finally {
      await flaky.close();
    }
  });
});

describe('cancel', () => {
  it('cancels a queued task of a model that allows it', async () => {
    const generated = await generate(slow, 'a cat', 'seedance-1.5-pro', '--no-wait');
    const id = ofType(generated, 'created')[0]?.task.id as string;
    const run = await on(slow, ['cancel', id, '--json']);
    expectClean(run);
    expect(run.code).toBe(0);
    expect(ofType(run, 'cancelled')[0]?.task).toMatchObject({ id, status: 'failed' });
    expect(history().entries).toMatchObject([{ id, status: 'cancelled' }]);
  });

  it('exits 2 with the reason when the model cannot cancel', async () => {
    const generated = await generate(slow, 'a cat', 'kling-video', '--no-wait');
    const id = ofType(generated, 'created')[0]?.task.id as string;
    expectUsageError(await on(slow, ['cancel', id, '--json']), /unsupported_task_cancel/);
  });
});

describe('Ctrl-C (SIGINT) during a job', () => {
  it('detaches: exit 130, the task stays in history, and it says how to resume', async () => {
    const cli = start(slow, ['generate', 'a cat', '--json']);
    const createdEvent = (await cli.event(created)) as Extract<JsonEvent, { type: 'created' }>;
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expectClean(run);
    expect(run.code).toBe(130);
    const id = createdEvent.task.id;
    expect(ofType(run, 'detached')).toEqual([
      {
        type: 'detached',
        taskId: id,
        resume: `lemonvideo wait ${id}`,
        task: expect.objectContaining({ id, status: 'pending' }),
        file: null,
      },
    ]);
    expect(run.stderr).toContain(`lemonvideo wait ${id}`);
    expect(history().entries).toMatchObject([{ id, status: 'pending' }]);
  });

  it('--cancel-on-exit cancels it where the model allows', async () => {
    const cli = start(slow, [
      'generate',
      'a cat',
      '--model',
      'seedance-1.5-pro',
      '--cancel-on-exit',
    ]);
    const createdEvent = (await cli.event(created)) as Extract<JsonEvent, { type: 'created' }>;
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    expect(ofType(run, 'cancelled')[0]?.task.id).toBe(createdEvent.task.id);
    expect(history().entries).toMatchObject([{ id: createdEvent.task.id, status: 'cancelled' }]);
  });

  it('--cancel-on-exit says so, and detaches, when the model cannot cancel', async () => {
    const cli = start(slow, ['generate', 'a cat', '--model', 'kling-video', '--cancel-on-exit']);
    const createdEvent = (await cli.event(created)) as Extract<JsonEvent, { type: 'created' }>;
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/Cannot cancel: .*unsupported_task_cancel.*Detaching instead/);
    expect(ofType(run, 'detached')[0]?.taskId).toBe(createdEvent.task.id);
  });
});

describe('models and history', () => {
  it('lists one model per line', async () => {
    const run = await on(fast, ['models', '--json']);
    expectClean(run);
    expect(run.code).toBe(0);
    const models = ofType(run, 'model');
    expect(models.length).toBeGreaterThan(1);
    expect(models.length).toBe(run.events.length);
    const kling = models.find((model) => model.id === 'kling-video');
    expect(kling).toMatchObject({
      type: 'model',
      id: 'kling-video',
      ownedBy: 'kling (simulated)',
      operations: ['text-to-video', 'image-to-video'],
      durations: [5, 10],
      resolutions: ['720p', '1080p'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      lifecycle: { stage: 'active', replacement: null },
      pricing: { currency: 'USD', per_second: '0.07' },
      detailed: true,
    });
    expect(kling?.byOperation['text-to-video']?.durations).toEqual([5, 10]);
    expect(models.find((model) => model.id === 'seedance-1.0-pro')?.lifecycle).toMatchObject({
      stage: 'deprecated',
      replacement: 'seedance-1.5-pro',
    });
  });

  it('warns about a deprecated model with a warning event', async () => {
    const json = await generate(fast, 'a cat', 'seedance-1.0-pro', '--no-wait', '--json');
    expect(json.code).toBe(0);
    expect(ofType(json, 'warning')).toEqual([
      {
        type: 'warning',
        message: expect.stringContaining('use seedance-1.5-pro'),
        model: 'seedance-1.0-pro',
        replacement: 'seedance-1.5-pro',
      },
    ]);
  });

  it('lists one history entry per line, newest first', async () => {
    await on(fast, ['generate', 'first', '--no-wait']);
    await on(fast, ['generate', 'second', '--no-wait']);
    const run = await runCli(['history', '--json'], { env: env(), cwd: dirs.cwd });
    expect(run.code).toBe(0);
    expect(ofType(run, 'history').map((event) => event.entry.params?.prompt)).toEqual([
      'second',
      'first',
    ]);
  });
});

describe('the simulator', () => {
  it('runs one in-process when no key and no base URL are set, and says so once', async () => {
    const run = await runCli(['generate', 'a cat', '--no-wait', '--json'], {
      env: cliEnv(dirs.dataDir),
      cwd: dirs.cwd,
    });
    expectClean(run);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/SIMULATOR/g)).toHaveLength(1);
    expect(ofType(run, 'created')[0]?.api.simulator).toBe(true);
    expect(history().entries).toMatchObject([{ api: { simulator: true, embedded: true } }]);
  });

  it('does not promise a resume on Ctrl-C, since its simulator stops with it', async () => {
    const cli = new CliProcess(['generate', 'a cat', '--json'], {
      env: cliEnv(dirs.dataDir),
      cwd: dirs.cwd,
    });
    const createdEvent = (await cli.event(created)) as Extract<JsonEvent, { type: 'created' }>;
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(130);
    expect(ofType(run, 'detached')).toEqual([
      {
        type: 'detached',
        taskId: createdEvent.task.id,
        resume: null,
        task: expect.objectContaining({ id: createdEvent.task.id }),
        file: null,
      },
    ]);
    expect(run.stderr).toMatch(/built-in simulator, which stops with lemonvideo/);
    expect(run.stderr).not.toContain('lemonvideo wait');
  });

  it('sends the placeholder key to a simulator on a loopback base URL', async () => {
    const open = await startSimulator({ speed: 200, seed: 13 });
    try {
      const run = await runCli(['models', '--json', '--base-url', open.url], {
        env: cliEnv(dirs.dataDir),
        cwd: dirs.cwd,
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/SIMULATOR: .*placeholder key/);
    } finally {
      await open.close();
    }
  });

  it('runs in the foreground and stops on Ctrl-C', async () => {
    const cli = new CliProcess(['simulator', '--port', '0', '--speed', '50', '--json'], {
      env: cliEnv(dirs.dataDir),
      cwd: dirs.cwd,
    });
    const listening = (await cli.event((event) => event.type === 'listening')) as Extract<
      JsonEvent,
      { type: 'listening' }
    >;
    const models = await runCli(['models', '--json', '--base-url', listening.url], {
      env: cliEnv(dirs.dataDir),
      cwd: dirs.cwd,
    });
    expect(ofType(models, 'model').length).toBeGreaterThan(1);
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/GET \/v1\/models -> 200/);
  });
});
