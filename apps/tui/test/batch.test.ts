import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonEvent } from '../src/cli/json-events';
import { CliProcess, type CliRun, cliEnv, runCli, tempDir } from './cli-harness';

type Event<T extends JsonEvent['type']> = Extract<JsonEvent, { type: T }>;
const ofType = <T extends JsonEvent['type']>(run: Pick<CliRun, 'events'>, type: T) =>
  run.events.filter((event): event is Event<T> => event.type === type);

const apiKey = 'sk-test-batch-0123456789wxyz';
const dirs: string[] = [];
const dir = (name: string) => {
  const made = tempDir(name);
  dirs.push(made);
  return made;
};
afterAll(() => {
  for (const made of dirs) rmSync(made, { recursive: true, force: true });
});

/** Runs lemonvideo against `simulator` with its own data directory and working directory. */
function place(simulator: Simulator) {
  const cwd = dir('batch-cwd');
  const options = {
    env: cliEnv(dir('batch-data'), {
      LEMONDATA_API_KEY: apiKey,
      LEMONDATA_BASE_URL: simulator.url,
    }),
    cwd,
  };
  return {
    cwd,
    options,
    file: (name: string, text: string) => writeFileSync(join(cwd, name), text),
  };
}

describe('lemonvideo batch --dry-run', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ apiKey, seed: 5 });
  });
  afterAll(() => simulator.close());

  it("names all 10 bad lines of a file (the spec's rules and the model's details), each with its field and rule, creates nothing and exits 2", async () => {
    const { options, file } = place(simulator);
    const bad = [
      '{"prompt":"x","fps":500}',
      '{"prompt":"x","duration":"five"}',
      '{"prompt":"x","model":"veo3.1","duration":7}',
      'not json at all',
      '{"prompt":"x","aspect_ratio":"wide"}',
      '{"prompt":"x","seed":1.5}',
      '["a list"]',
      '{"prompt":"x","out":"../escape.mp4"}',
      '{"prompt":"x","image_url":"cat.png"}',
      '{"prompt":"x","id":"twice"}',
    ];
    const lines = bad.flatMap((line, i) => [`{"prompt":"good ${i}","id":"twice-${i}"}`, line]);
    lines.push('{"prompt":"y","id":"twice"}');
    file('tasks.jsonl', `${lines.join('\n')}\n`);
    const run = await runCli(['batch', 'tasks.jsonl', '--dry-run', '--json'], options);
    expect(run.code).toBe(2);
    const issues = ofType(run, 'batch-issue');
    // The bad lines are 2, 4, ..., 20, and 21 repeats line 20's id.
    expect([...new Set(issues.map((issue) => issue.line))]).toEqual([
      2, 4, 6, 8, 10, 12, 14, 16, 18, 21,
    ]);
    expect(issues.map((issue) => issue.field)).toEqual([
      'fps',
      'duration',
      'duration',
      'line',
      'aspect_ratio',
      'seed',
      'line',
      'out',
      'image_url',
      'id',
    ]);
    for (const issue of issues) expect(issue.message).not.toBe('');
    expect(ofType(run, 'batch-checked')).toEqual([
      { type: 'batch-checked', file: 'tasks.jsonl', tasks: 19, issues: 10 },
    ]);
    expect(run.stderrLines).toEqual([
      'lemonvideo: 10 lines of tasks.jsonl break a rule (each named above); nothing was sent',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The model's details were read (its third line asks veo3.1 for 7 s); nothing was created.
    expect(issues[2]?.message).toMatch(/^must be one of .* for veo3\.1/);
    expect(simulator.stats().byRoute.createVideoGeneration).toBeUndefined();
  });

  it('runs nothing either when it is not a dry run, and passes a good CSV file', async () => {
    const { options, file } = place(simulator);
    file('bad.csv', 'prompt,fps,duration\na cat,12,5\na dog,1000,5\n');
    const refused = await runCli(['batch', 'bad.csv', '--json'], options);
    expect(refused.code).toBe(2);
    expect(ofType(refused, 'batch-issue')).toEqual([
      {
        type: 'batch-issue',
        line: 3,
        field: 'fps',
        message: 'must be between 1 and 120 (got 1000)',
      },
    ]);
    file('good.csv', 'prompt,fps,duration\na cat,12,5\na dog,24,5\n');
    const checked = await runCli(['batch', 'good.csv', '--dry-run', '--json'], options);
    expect(checked.code).toBe(0);
    expect(ofType(checked, 'batch-checked')).toEqual([
      { type: 'batch-checked', file: 'good.csv', tasks: 2, issues: 0 },
    ]);
    expect(simulator.stats().byRoute.createVideoGeneration).toBeUndefined();
  });
});

describe('lemonvideo batch', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ apiKey, seed: 8, speed: 300, rateLimit: false });
  });
  afterAll(() => simulator.close());

  it('runs a CSV file to its videos, in the history, and finds it done when run again', async () => {
    const { cwd, options, file } = place(simulator);
    file('ads.csv', 'prompt,duration,id,out\na red car,5,red,cars/red.mp4\na blue car,5,blue,\n');
    const run = await runCli(['batch', 'ads.csv', '--json', '--out-dir', 'clips'], options);
    expect(run.code).toBe(0);
    const [started] = ofType(run, 'batch');
    expect(started).toMatchObject({ file: 'ads.csv', tasks: 2, resumed: false });
    const report = ofType(run, 'batch-report');
    expect(report).toMatchObject([
      {
        line: 2,
        id: 'red',
        status: 'completed',
        file: join(cwd, 'clips/cars/red.mp4'),
        error: null,
      },
      { line: 3, id: 'blue', status: 'completed', error: null },
    ]);
    const blue = report[1] as Event<'batch-report'>;
    expect(blue.file).toBe(join(cwd, 'clips', `${blue.taskId}.mp4`));
    for (const each of report) expect(existsSync(each.file as string)).toBe(true);
    expect(ofType(run, 'batch-done')).toMatchObject([
      { tasks: 2, completed: 2, failed: 0, unfinished: 0, exitCode: 0 },
    ]);

    const history = await runCli(['history', '--json'], options);
    expect(ofType(history, 'history').map((event) => event.entry)).toEqual(
      expect.arrayContaining(
        report.map((each) =>
          expect.objectContaining({
            id: each.taskId,
            status: 'completed',
            result: expect.objectContaining({ file: each.file }),
          }),
        ),
      ),
    );

    const created = simulator.stats().tasksCreated;
    const again = await runCli(['batch', 'ads.csv', '--json', '--out-dir', 'clips'], options);
    expect(again.code).toBe(0);
    expect(ofType(again, 'batch')).toMatchObject([{ id: started?.id, resumed: true }]);
    expect(ofType(again, 'batch-report')).toEqual(report);
    const resumed = await runCli(['batch', 'resume', started?.id as string, '--json'], options);
    expect(ofType(resumed, 'batch-report')).toEqual(report);
    expect(simulator.stats().tasksCreated).toBe(created);
  });

  it('says which batch id it does not know, in one line, exit 2', async () => {
    const { options } = place(simulator);
    const run = await runCli(['batch', 'resume', 'b000000000000', '--json'], options);
    expect(run.code).toBe(2);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(
        /^lemonvideo: no batch "b000000000000" here \(its journal would be .*b000000000000\.sqlite\)$/,
      ),
    ]);
  });
});

describe('lemonvideo batch, killed with kill -9 three times', () => {
  const lines = 200;
  let simulator: Simulator;
  beforeAll(async () => {
    // Fast tasks, no rate limit of its own (the batch keeps to --rpm), one request in ten a
    // fault: 500, 502, 503 with Retry-After, 504, a reset connection, or a slow answer.
    simulator = await startSimulator({
      apiKey,
      seed: 13,
      speed: 600,
      rateLimit: false,
      faultRate: 0.1,
    });
  });
  afterAll(() => simulator.close());

  it('ends every line completed or with a typed error, and creates each task at most once', async () => {
    const { options, file } = place(simulator);
    const marker = (line: number) => `[line ${line}]`;
    file(
      'many.jsonl',
      Array.from({ length: lines }, (_, i) =>
        JSON.stringify({ prompt: `a paper boat, take ${i + 1} ${marker(i + 1)}`, duration: 5 }),
      ).join('\n'),
    );
    const args = [
      'batch',
      'many.jsonl',
      '--json',
      '--rpm',
      '6000',
      '--concurrency',
      '30',
      '--no-download',
    ];
    const kills: number[] = [];
    const times: number[] = [Date.now()];
    for (let kill = 0; kill < 3; kill++) {
      const cli = new CliProcess(args, options);
      // Killed once 30 more tasks were created: others are being created, or running, then.
      // (Counted on each new chunk: the simulator shares this process, and must keep up.)
      await new Promise<void>((resolve, reject) => {
        let created = 0;
        let rest = '';
        cli.child.stdout?.on('data', (chunk: Buffer) => {
          const lines = (rest + chunk.toString()).split('\n');
          rest = lines.pop() ?? '';
          created += lines.filter((line) => line.includes('"phase":"running"')).length;
          if (created >= 30) resolve();
        });
        cli.child.once('close', () => reject(new Error(`It exited first: ${cli.stderr}`)));
      });
      cli.child.kill('SIGKILL');
      expect((await cli.done).signal).toBe('SIGKILL');
      kills.push(simulator.stats().tasksCreated);
      times.push(Date.now());
    }
    const final = await runCli(args, options);
    times.push(Date.now());
    expect([0, 1]).toContain(final.code);
    expect(ofType(final, 'batch')).toMatchObject([{ tasks: lines, resumed: true }]);

    const report = ofType(final, 'batch-report');
    expect(report.map((each) => each.line)).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    const byLine = new Map<number, string[]>();
    for (const task of simulator.tasks()) {
      const line = Number(/\[line (\d+)\]/.exec(String(task.request.prompt))?.[1]);
      byLine.set(line, [...(byLine.get(line) ?? []), task.id]);
    }
    const figures = { completed: 0, failed: 0, mayHaveCreatedTask: 0, createdTwice: 0 };
    const causes: Record<string, number> = {};
    for (const each of report) {
      const created = byLine.get(each.line) ?? [];
      if (created.length > 1) figures.createdTwice += 1;
      if (each.status === 'completed') {
        figures.completed += 1;
        expect(created).toEqual([each.taskId]);
        expect(each.error).toBeNull();
      } else {
        expect(['failed', 'cancelled', 'mayHaveCreatedTask']).toContain(each.status);
        expect(each.error?.name).toMatch(/Error$/);
        expect(created.length).toBeLessThanOrEqual(1);
        const cause = `${each.status} ${each.error?.name}`;
        causes[cause] = (causes[cause] ?? 0) + 1;
        if (each.status === 'mayHaveCreatedTask') figures.mayHaveCreatedTask += 1;
        else figures.failed += 1;
      }
    }
    expect(figures.createdTwice).toBe(0);
    expect(simulator.stats().tasksCreated).toBe(
      [...byLine.values()].reduce((sum, ids) => sum + ids.length, 0),
    );
    expect(figures.completed).toBeGreaterThan(lines / 2);
    console.info(
      `batch of ${lines} lines, killed 3 times (tasks created at each kill: ${kills.join(', ')}; runs took ${times
        .slice(1)
        .map((t, i) => t - (times[i] as number))
        .join(
          ', ',
        )} ms): ${JSON.stringify(figures)} ${JSON.stringify(causes)}, ${simulator.stats().tasksCreated} tasks created, ${simulator.stats().requests} requests`,
    );
    expect(readdirSync(join(options.cwd))).toEqual(['many.jsonl']);
  }, 120_000);
});
