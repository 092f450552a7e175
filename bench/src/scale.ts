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

/** The most timestamps (ms) in any window of `windowMs`. */
export function maxInWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
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
    maxRequestsInAnySecond: maxInWindow(client.sends),
    seconds: client.seconds,
    peakRssMb: client.peakRssMb,
  };
}

/** Heap of `jobs` started jobs waiting for their next poll, in one process. */
export function measureTrackedJobs(jobs: number): Promise<TrackedJobsResult> {
  return scriptResult('tracked-jobs.mjs', { JOBS: String(jobs) }, ['--expose-gc']);
}
