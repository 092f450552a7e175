import { mostInAnyWindow } from '@lemonvideo/test-helpers/window-count';
import { runScript, scriptResult } from './run-child';

export interface ScaleResult {
  jobs: number;
  budget: number;
  /** Tasks that completed, as the client saw them. */
  completed: number;
  /** Tasks the simulator created: each generation exactly once. */
  created: number;
  /** Most requests the client sent in any one-second window. */
  maxRequestsInAnySecond: number;
  seconds: number;
  peakRssMb: number;
}

export interface TrackedJobsResult {
  jobs: number;
  heapPerJobKb: number;
}

/**
 * `jobs` generations at once through one client with `maxRequestsPerSecond: budget`, against
 * a simulator in another process running `speed` times faster than real time.
 */
export async function measureScale(
  jobs: number,
  budget: number,
  speed = 2_000,
): Promise<ScaleResult> {
  const apiKey = 'sk-bench-scale';
  const simulator = runScript('simulator-process.mjs', {
    SIMULATOR_API_KEY: apiKey,
    SIMULATOR_SPEED: String(speed),
  });
  const lines = simulator.lines[Symbol.asyncIterator]();
  const url = (await lines.next()).value as string;
  const client = await scriptResult<{
    completed: number;
    distinct: number;
    seconds: number;
    peakRssMb: number;
    sends: number[];
  }>('scale-client.mjs', {
    SIMULATOR_URL: url,
    SIMULATOR_API_KEY: apiKey,
    JOBS: String(jobs),
    BUDGET: String(budget),
  });
  simulator.stop();
  const report = JSON.parse((await lines.next()).value as string) as {
    stats: { tasksCreated: number };
  };
  return {
    jobs,
    budget,
    completed: Math.min(client.completed, client.distinct),
    created: report.stats.tasksCreated,
    maxRequestsInAnySecond: mostInAnyWindow(client.sends, 1_000),
    seconds: client.seconds,
    peakRssMb: client.peakRssMb,
  };
}

/** Heap of `jobs` started jobs waiting for their next poll, in one process. */
export function measureTrackedJobs(jobs: number): Promise<TrackedJobsResult> {
  return scriptResult('tracked-jobs.mjs', { JOBS: String(jobs) }, ['--expose-gc']);
}
