import { VirtualClock } from '@lemonvideo/test-helpers/virtual-clock';
import { mostInAnyWindow } from '@lemonvideo/test-helpers/window-count';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LemonVideo } from '../client';
import { LemonVideoError } from '../errors';
import { type BatchOptions, runBatch } from '../run-batch';
import type { TaskState } from '../task-state';
import { prepareCreate, queuedTask } from '../task-transitions';
import { apiError } from './fake-fetch';
import { type Intercept, type Sent, type TaskPlan, virtualApi } from './virtual-api';

const models = ['kling-video', 'veo3.1'];

/** A small deterministic random source (for the faults a property run injects). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `plans[i]` is the task of prompt `i`. */
function batchOn(plans: readonly TaskPlan[], intercept?: Intercept) {
  const clock = new VirtualClock();
  const api = virtualApi(clock, (params) => plans[Number(params.prompt)] as TaskPlan, intercept);
  const client = new LemonVideo({
    apiKey: 'sk-test',
    baseURL: 'https://api.test',
    fetch: api.fetch,
    maxRetries: 0,
    // The virtual API serves tasks only; the model checks are tested with the client.
    checkModels: false,
    clock,
  });
  const tasks = plans.map((_, index) =>
    queuedTask(
      { model: models[index % models.length], prompt: String(index) },
      { key: `line ${index + 1}`, now: clock.now() },
    ),
  );
  const run = (states: readonly TaskState[], options: BatchOptions) =>
    clock.run(runBatch(client, states, { clock, ...options }));
  return { clock, api, client, tasks, run };
}

const posts = (sent: readonly Sent[]) => sent.filter((request) => request.method === 'POST');

describe('runBatch', () => {
  it('never exceeds its budget, honours every Retry-After and creates each task once, whatever the mix, 429s and failures', async () => {
    const plan = fc.record({
      ms: fc.integer({ min: 5_000, max: 300_000 }),
      progress: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(plan, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 4, max: 240 }),
        fc.option(fc.integer({ min: 1, max: 6 })),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 8 })),
        fc.integer(),
        async (plans, perMinute, perSecond, share429, shareLost, retryAfter, seed) => {
          const random = lcg(seed);
          const { api, tasks, run } = batchOn(plans, () => {
            const roll = random();
            if (roll < share429) {
              const headers: Record<string, string> =
                retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
              return apiError(429, 'rate_limit_exceeded', headers);
            }
            if (roll < share429 + shareLost) return new TypeError('fetch failed');
            return undefined;
          });
          const states = await run(tasks, {
            requestsPerMinute: perMinute,
            requestsPerSecond: perSecond ?? undefined,
          });

          const times = api.sent.map((request) => request.at);
          expect(mostInAnyWindow(times, 60_000)).toBeLessThanOrEqual(perMinute);
          if (perSecond !== null) {
            expect(mostInAnyWindow(times, 1_000)).toBeLessThanOrEqual(perSecond);
          }
          for (const limited of api.sent.filter((request) => request.status === 429)) {
            const asked = (retryAfter ?? 0) * 1_000;
            const early = times.filter((at) => at > limited.at && at < limited.at + asked);
            expect(early).toEqual([]);
          }
          // A lost create may have created its task: it is reported, never sent again.
          const lostCreates = posts(api.sent).filter((request) => request.status === 0).length;
          const byPhase = (phase: string) => states.filter((state) => state.phase === phase).length;
          expect(byPhase('mayHaveCreatedTask')).toBe(lostCreates);
          expect(byPhase('completed')).toBe(plans.length - lostCreates);
          expect(api.created()).toBe(byPhase('completed'));
          states.forEach((state, index) => {
            const creates = posts(api.sent).filter((request) => request.prompt === String(index));
            expect(state.creates).toBe(creates.length);
            expect(creates.filter((request) => request.status === 200).length).toBeLessThanOrEqual(
              1,
            );
          });
          expect(new Set(states.map((state) => state.taskId).filter(Boolean)).size).toBe(
            byPhase('completed'),
          );
        },
      ),
      { numRuns: 50 },
    );
  }, 60_000);

  it('saves each create as creating before it is sent, and every state a step returns', async () => {
    const store = new Map<string, TaskState>();
    const atCreate: Array<string | undefined> = [];
    const { tasks, run } = batchOn(
      [
        { ms: 40_000, progress: true },
        { ms: 70_000, progress: false },
      ],
      async (request) => {
        if (request.method !== 'POST') return undefined;
        const { prompt } = (await request.clone().json()) as { prompt: string };
        atCreate.push(store.get(`line ${Number(prompt) + 1}`)?.phase);
        return undefined;
      },
    );
    const states = await run(tasks, {
      onState: async (state) => {
        await Promise.resolve();
        store.set(state.key, JSON.parse(JSON.stringify(state)) as TaskState);
      },
    });
    expect(atCreate).toEqual(['creating', 'creating']);
    expect(states.map((state) => state.phase)).toEqual(['completed', 'completed']);
    expect([...store.values()]).toEqual(states);
  });

  it('reports a create interrupted by a crash as mayHaveCreatedTask, and never sends it again', async () => {
    const { api, tasks, run } = batchOn([{ ms: 40_000, progress: true }]);
    const saved = JSON.parse(JSON.stringify(prepareCreate(tasks[0] as TaskState, 0))) as TaskState;
    const reported: TaskState[] = [];
    const states = await run([saved], { onState: (state) => reported.push(state) });
    expect(api.sent).toEqual([]);
    expect(states).toEqual([
      expect.objectContaining({ phase: 'mayHaveCreatedTask', key: 'line 1' }),
    ]);
    expect(reported).toEqual(states);
  });

  it('stops on its signal with every task resumable, and goes on from the saved states', async () => {
    const plans = Array.from({ length: 6 }, (_, i) => ({
      ms: 60_000 + i * 10_000,
      progress: i % 2 === 0,
    }));
    const controller = new AbortController();
    const store = new Map<string, TaskState>();
    const { api, clock, tasks, run } = batchOn(plans);
    void clock.sleep(45_000).then(() => controller.abort());
    const stopped = await run(tasks, {
      signal: controller.signal,
      requestsPerMinute: 30,
      onState: (state) => {
        store.set(state.key, state);
      },
    });
    expect(stopped.some((state) => state.phase === 'running')).toBe(true);
    expect(stopped.every((state) => state.phase === 'running' || state.phase === 'queued')).toBe(
      true,
    );
    const resumed = await run(
      [...store.values()].concat(stopped.filter((s) => !store.has(s.key))),
      {
        requestsPerMinute: 30,
      },
    );
    expect(resumed.every((state) => state.phase === 'completed')).toBe(true);
    expect(api.created()).toBe(6);
    expect(posts(api.sent)).toHaveLength(6);
  });

  it('spends a slack budget on polls near the end, and a tight one on polls likely to see it', async () => {
    const plans = Array.from({ length: 40 }, (_, i) => ({
      ms: 50_000 + (i % 7) * 20_000,
      progress: i % 3 !== 0,
    }));
    const figures = async (perMinute: number) => {
      const { api, tasks, run } = batchOn(plans);
      const states = await run(tasks, { requestsPerMinute: perMinute });
      expect(states.every((state) => state.phase === 'completed')).toBe(true);
      const delays = states.map(
        (state) => (state.endedAt as number) - api.endedAt(state.taskId as string),
      );
      return {
        requestsPerTask: api.sent.length / plans.length,
        worstDelay: Math.max(...delays),
      };
    };
    const slack = await figures(10_000);
    const tight = await figures(20);
    // Slack: the adaptive poller's timing, every second inside the window the task ends in.
    expect(slack.requestsPerTask).toBeGreaterThan(tight.requestsPerTask * 2);
    expect(tight.requestsPerTask).toBeLessThan(6);
    expect(slack.worstDelay).toBeLessThan(tight.worstDelay);
  });

  it('after a 429, sends at a lower rate for every task until the budget recovers', async () => {
    let limited = false;
    const { api, tasks, run } = batchOn(
      Array.from({ length: 100 }, () => ({ ms: 120_000, progress: true })),
      (_, sent) => {
        if (limited || sent.length < 40) return undefined;
        limited = true;
        return apiError(429, 'rate_limit_exceeded', { 'retry-after': '1' });
      },
    );
    await run(tasks, { requestsPerSecond: 4, requestsPerMinute: 10_000 });
    const at429 = api.sent.find((request) => request.status === 429)?.at as number;
    const inWindow = (from: number) =>
      api.sent.filter((request) => request.at >= from && request.at < from + 5_000).length;
    expect(inWindow(at429 - 5_000)).toBeGreaterThan(15);
    // Nothing for the 1 s Retry-After, then half of 4 a second.
    expect(inWindow(at429 + 1)).toBeLessThanOrEqual(9);
  });

  it('keeps no more than `concurrency` tasks active, and runs them all', async () => {
    const plans = Array.from({ length: 12 }, () => ({ ms: 30_000, progress: true }));
    const active = new Set<string>();
    let most = 0;
    const { api, tasks, run } = batchOn(plans);
    const states = await run(tasks, {
      requestsPerMinute: 10_000,
      concurrency: 3,
      onState: (state) => {
        if (state.phase === 'creating' || state.phase === 'running') active.add(state.key);
        else active.delete(state.key);
        most = Math.max(most, active.size);
      },
    });
    expect(states.every((state) => state.phase === 'completed')).toBe(true);
    expect(most).toBe(3);
    expect(api.created()).toBe(12);
    for (const concurrency of [0, 1.5]) {
      await expect(run(tasks, { concurrency })).rejects.toThrow(
        `concurrency: must be a whole number above 0 (got ${concurrency})`,
      );
    }
  });

  it('refuses a client that retries inside a call, and tasks sharing a key', async () => {
    const client = new LemonVideo({ apiKey: 'sk-test', baseURL: 'https://api.test' });
    await expect(runBatch(client, [])).rejects.toThrow(LemonVideoError);
    await expect(runBatch(client, [])).rejects.toThrow(
      'runBatch needs a client with maxRetries: 0 (it has 2)',
    );
    const single = new LemonVideo({
      apiKey: 'sk-test',
      baseURL: 'https://api.test',
      maxRetries: 0,
    });
    const same = [
      queuedTask({ prompt: 'a' }, { key: 'k' }),
      queuedTask({ prompt: 'b' }, { key: 'k' }),
    ];
    await expect(runBatch(single, same)).rejects.toThrow(
      'tasks[1].key: must be unique within a batch',
    );
  });
});
