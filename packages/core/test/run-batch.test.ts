import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LemonVideo, queuedTask, runBatch, type TaskState } from '../src/index';

let simulator: Simulator;
const apiKey = 'sk-batch-test';

beforeAll(async () => {
  // Tasks of a minute or two end in a few hundred milliseconds; 8 requests a second pass.
  simulator = await startSimulator({
    speed: 400,
    apiKey,
    rateLimit: { limit: 8, windowMs: 1_000 },
  });
});
afterAll(() => simulator.close());

describe('runBatch, over real HTTP against the simulator', () => {
  it('completes every task once, fails the ones that fail, and rides out the 429s of a budget set too high', async () => {
    const statuses: number[] = [];
    const client = new LemonVideo({
      apiKey,
      baseURL: simulator.url,
      maxRetries: 0,
      debug: (line) => {
        const status = /\s(\d{3})\s/.exec(line)?.[1];
        if (status !== undefined) statuses.push(Number(status));
      },
    });
    const prompts = Array.from({ length: 16 }, (_, i) => `A cat, take ${i + 1}`);
    prompts[3] = 'A cat that will not render [fail]';
    const tasks = prompts.map((prompt, i) =>
      queuedTask({ model: i % 2 ? 'kling-video' : 'veo3.1', prompt }, { key: `line ${i + 1}` }),
    );
    // Nothing to send; and a create the API refuses (this model needs an image).
    tasks.push(queuedTask({ model: 'kling-video', prompt: 'x', fps: 500 }, { key: 'bad line' }));
    tasks.push(queuedTask({ model: 'wan2.6-i2v', prompt: 'x' }, { key: 'refused line' }));
    const saved = new Map<string, string>();

    // Five times what the simulator allows, whatever the machine's speed: it answers 429, and the
    // batch slows down for every task.
    const states = await runBatch(client, tasks, {
      requestsPerSecond: 40,
      poll: { min: 20, max: 200 },
      onState: (state) => {
        saved.set(state.key, JSON.stringify(state));
      },
    });

    const phases = Object.fromEntries(states.map((state) => [state.key, state.phase]));
    expect(phases).toMatchObject({
      'line 4': 'failed',
      'bad line': 'failed',
      'refused line': 'failed',
    });
    expect(states.filter((state) => state.phase === 'completed')).toHaveLength(15);
    expect(states.find((state) => state.key === 'line 4')?.error).toMatchObject({
      name: 'TaskFailedError',
    });
    expect(states.find((state) => state.key === 'bad line')).toMatchObject({
      creates: 0,
      error: { name: 'RequestValidationError', message: expect.stringContaining('fps') },
    });
    // Refused for good (a 429 before it may have made it try twice): never created.
    expect(states.find((state) => state.key === 'refused line')).toMatchObject({
      taskId: null,
      error: { name: 'BadRequestError', status: 400 },
    });
    for (const state of states.filter((s) => s.phase === 'completed')) {
      expect(state.video?.url).toMatch(/^http/);
    }
    // Each task the simulator created once; every saved state is the final one.
    expect(simulator.tasks()).toHaveLength(16);
    expect(new Set(states.map((state) => state.taskId).filter(Boolean)).size).toBe(16);
    expect(states.map((state) => JSON.parse(saved.get(state.key) ?? '{}') as TaskState)).toEqual(
      states,
    );
    expect(statuses).toContain(429);
  }, 60_000);
});
