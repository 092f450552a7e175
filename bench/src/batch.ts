import {
  type CreateVideoParams,
  LemonVideo,
  type PollOptions,
  queuedTask,
  runBatch,
} from '@lemonvideo/core';
import { seededRandom } from '@lemonvideo/simulator';
import { VirtualClock } from '@lemonvideo/test-helpers/virtual-clock';
import { lifecycleApi } from './lifecycle-api';
import { median, percentile } from './stats';
import { taskMix } from './task-mix';

export interface BatchResult {
  id: BatchStrategy['id'];
  strategy: string;
  tasks: number;
  completed: number;
  /** Tasks the API created: each exactly once. */
  created: number;
  /** Every request sent, 429s included. */
  requests: number;
  /** Requests the API refused with 429. */
  rate_limited: number;
  /** Virtual minutes from the first create to the last completion seen. */
  minutes: number;
  videos_per_minute: number;
  requests_per_video: number;
  /** From the end of a task to the poll that saw it. */
  median_delay_ms: number;
  p95_delay_ms: number;
}

/** How a batch is run: the budget-aware scheduler, or independent jobs behind the client's gate. */
export interface BatchStrategy {
  id: 'scheduler' | 'adaptive-pool' | 'fixed-pool' | 'adaptive-all' | 'fixed-all';
  name: string;
  /** Independent jobs: how they poll, and how many run at once (all, when undefined). */
  jobs?: { poll: PollOptions; concurrency?: number };
}

/**
 * The tasks a fixed 5 s poller can follow at `requestsPerMinute`: each costs a request every
 * 5 s. The pool a careful script sizes to its budget, so its jobs really poll every 5 s.
 */
const fittingJobs = (requestsPerMinute: number) => Math.floor((requestsPerMinute / 60) * 5);

export function batchStrategies(requestsPerMinute: number): BatchStrategy[] {
  const pool = fittingJobs(requestsPerMinute);
  const adaptive: PollOptions = { strategy: 'adaptive' };
  const fixed: PollOptions = { strategy: 'fixed', interval: 5_000 };
  return [
    { id: 'scheduler', name: 'budget-aware scheduler (`runBatch`)' },
    {
      id: 'adaptive-pool',
      name: `adaptive jobs, ${pool} at a time`,
      jobs: { poll: adaptive, concurrency: pool },
    },
    {
      id: 'fixed-pool',
      name: `fixed 5 s jobs, ${pool} at a time`,
      jobs: { poll: fixed, concurrency: pool },
    },
    { id: 'adaptive-all', name: 'adaptive jobs, all at once', jobs: { poll: adaptive } },
    { id: 'fixed-all', name: 'fixed 5 s jobs, all at once', jobs: { poll: fixed } },
  ];
}

/** Independent `generate` calls, `concurrency` at a time, through one client and its gate. */
async function runJobs(
  client: LemonVideo,
  mix: readonly CreateVideoParams[],
  concurrency: number,
  finished: (taskId: string) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < mix.length) {
      const params = mix[next++] as CreateVideoParams;
      const task = await client.videos.generate(params, { timeout: 86_400_000 });
      finished(task.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * `tasks` generations of the simulator's mix at a budget of `requestsPerMinute`, on a virtual
 * clock, against the simulator's lifecycle model, which answers 429 past the budget (a fixed
 * window of a minute, as the simulator does). Independent jobs share the client's gate at the
 * budget's rate per second (`maxRequestsPerSecond`, rounded down, so never past it).
 */
export async function measureBatch(
  strategy: BatchStrategy,
  tasks: number,
  requestsPerMinute: number,
  seed = 7,
): Promise<BatchResult> {
  const clock = new VirtualClock(0);
  const api = lifecycleApi(clock, seededRandom(seed), {
    rateLimit: { limit: requestsPerMinute, windowMs: 60_000 },
  });
  const mix = taskMix(tasks, seed);
  const start = clock.now();
  const delays: number[] = [];
  let last = start;
  const finished = (taskId: string, at = clock.now()) => {
    delays.push(at - api.endedAt(taskId));
    last = Math.max(last, at);
  };
  // The lifecycle model serves tasks only: no model details to check creates against.
  const common = {
    apiKey: 'sk-bench',
    baseURL: 'https://api.invalid',
    fetch: api.fetch,
    clock,
    checkModels: false,
  };
  let done = false;
  let run: Promise<void>;
  if (strategy.jobs === undefined) {
    const client = new LemonVideo({ ...common, maxRetries: 0 });
    const states = mix.map((params, i) => queuedTask(params, { key: String(i), now: start }));
    run = runBatch(client, states, { requestsPerMinute, clock }).then((ended) => {
      for (const state of ended) {
        if (state.phase === 'completed') finished(state.taskId as string, state.endedAt as number);
      }
    });
  } else {
    const client = new LemonVideo({
      ...common,
      poll: strategy.jobs.poll,
      maxRequestsPerSecond: Math.floor(requestsPerMinute / 60),
      // Jobs started all at once wait their turn at the gate for minutes: a call's time
      // counts that wait (on the virtual clock), so the default minute would fail the creates.
      timeout: 86_400_000,
    });
    run = runJobs(client, mix, strategy.jobs.concurrency ?? tasks, finished);
  }
  run = run.finally(() => {
    done = true;
  });
  await clock.runUntil(() => done);
  await run;
  const minutes = (last - start) / 60_000;
  return {
    id: strategy.id,
    strategy: strategy.name,
    tasks,
    completed: delays.length,
    created: api.created(),
    requests: api.requests(),
    rate_limited: api.rateLimited(),
    minutes,
    videos_per_minute: delays.length / minutes,
    requests_per_video: api.requests() / delays.length,
    median_delay_ms: median(delays),
    p95_delay_ms: percentile(delays, 0.95),
  };
}
