import { LemonVideo, type PollOptions } from '@lemonvideo/core';
import { seededRandom } from '@lemonvideo/simulator';
import { VirtualClock } from '@lemonvideo/test-helpers/virtual-clock';
import { lifecycleApi } from './lifecycle-api';
import { median, percentile } from './stats';
import { taskMix } from './task-mix';

export interface PollerResult {
  poller: string;
  medianDelayMs: number;
  p95DelayMs: number;
  requestsPerTask: number;
}

export const pollers: Record<string, PollOptions> = {
  adaptive: { strategy: 'adaptive' },
  'fixed 5 s': { strategy: 'fixed', interval: 5_000 },
  'fixed 10 s': { strategy: 'fixed', interval: 10_000 },
  'fixed 0.5 s': { strategy: 'fixed', interval: 500 },
};

/**
 * Runs `tasks` generations one after another through one client (so the adaptive poller
 * learns as a long-running process would), across the simulator's models, durations and
 * resolutions, on a virtual clock; the same seed gives every poller the same tasks.
 */
export async function measurePoller(
  poller: string,
  tasks: number,
  reportsProgress: boolean,
  seed = 7,
): Promise<PollerResult> {
  const clock = new VirtualClock(0);
  const api = lifecycleApi(clock, seededRandom(seed), { reportsProgress });
  const client = new LemonVideo({
    apiKey: 'sk-bench',
    baseURL: 'https://api.invalid',
    fetch: api.fetch,
    clock,
    // The lifecycle model serves tasks only: no model details to check creates against.
    checkModels: false,
    poll: pollers[poller],
  });
  const delays: number[] = [];
  for (const params of taskMix(tasks, seed)) {
    let settled = false;
    const result = client.videos.generate(params, { timeout: 3_600_000 }).finally(() => {
      settled = true;
    });
    await clock.runUntil(() => settled);
    const task = await result;
    delays.push(clock.now() - api.endedAt(task.id));
  }
  return {
    poller,
    medianDelayMs: median(delays),
    p95DelayMs: percentile(delays, 0.95),
    requestsPerTask: api.polls() / tasks,
  };
}
