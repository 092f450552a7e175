// `pnpm bench [--quick]`: every benchmark side by side, written to bench/results.json, a
// Markdown table (bench/results.md, also in the README) and a plot. --quick runs small
// versions only to prove the benchmarks still work, and writes to a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BatchResult, batchStrategies, measureBatch } from './batch';
import { measureOverhead } from './overhead';
import { plotPollers } from './plot';
import { measurePoller, type PollerResult, pollers } from './polling';
import { measureQueueMemory } from './queue-memory';
import { markdownReport, type Results } from './report';
import { measureScale, measureTrackedJobs } from './scale';
import { measureSizes } from './size';
import { measureStartup } from './startup';
import { median } from './stats';

const quick = process.argv.includes('--quick');
// The batch runs at the vendor's default budget (1,000 requests a minute) with enough tasks that
// the budget, not how long the tasks take, binds for most of the run: the mix's tasks take about
// 4 to 5 minutes, so a batch of 2,000 is created within 3.5 minutes and its last minutes have
// budget to spare, which the scheduler spends, as designed, on detecting ends sooner.
const plan = quick
  ? {
      tasks: 60,
      seeds: [7],
      calls: 300,
      repeats: 1,
      jobs: 100,
      tracked: 1_000,
      startupRuns: 2,
      batchTasks: 200,
      batchRpm: 100,
      queueTasks: 10_000,
    }
  : {
      tasks: 500,
      seeds: [7, 8, 9],
      calls: 2_000,
      repeats: 3,
      jobs: 1_000,
      tracked: 10_000,
      startupRuns: 10,
      batchTasks: 5_000,
      batchRpm: 1_000,
      queueTasks: 100_000,
    };
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = quick ? await mkdtemp(join(tmpdir(), 'lemonvideo-bench-')) : benchDir;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Each poller's figures, the median over the seeds. */
async function pollingScenario(reportsProgress: boolean): Promise<PollerResult[]> {
  const results: PollerResult[] = [];
  for (const poller of Object.keys(pollers)) {
    const runs = [];
    for (const seed of plan.seeds)
      runs.push(await measurePoller(poller, plan.tasks, reportsProgress, seed));
    results.push({
      poller,
      medianDelayMs: median(runs.map((r) => r.medianDelayMs)),
      p95DelayMs: median(runs.map((r) => r.p95DelayMs)),
      requestsPerTask: median(runs.map((r) => r.requestsPerTask)),
    });
    log(`polling ${reportsProgress ? 'with' : 'without'} progress: ${poller} done`);
  }
  return results;
}

const withProgress = await pollingScenario(true);
const withoutProgress = await pollingScenario(false);
const batchRuns: BatchResult[] = [];
for (const strategy of batchStrategies(plan.batchRpm)) {
  batchRuns.push(await measureBatch(strategy, plan.batchTasks, plan.batchRpm));
  log(`batch: ${strategy.name} done`);
}
const overheadRuns = [];
for (let i = 0; i < plan.repeats; i++) overheadRuns.push(await measureOverhead(plan.calls));
log('overhead done');
const scale = await measureScale(plan.jobs, 200);
const tracked = await measureTrackedJobs(plan.tracked);
log('scale done');
const queueMemory = await measureQueueMemory(plan.queueTasks);
log('queue memory done');
const sizes = await measureSizes();
log('size done');
const startup = measureStartup(plan.startupRuns);
log('startup done');

const ratioTo = (results: PollerResult[]) => {
  const adaptive = results.find((r) => r.poller === 'adaptive') as PollerResult;
  const fixed = results.find((r) => r.poller === 'fixed 5 s') as PollerResult;
  return {
    delay_ratio: adaptive.medianDelayMs / fixed.medianDelayMs,
    request_ratio: adaptive.requestsPerTask / fixed.requestsPerTask,
    pollers: results,
  };
};
const sizeOf = (name: string) => sizes.find((s) => s.name === name)?.gzipBytes as number;
const results: Results = {
  command: quick ? 'pnpm bench --quick' : 'pnpm bench',
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
  polling: {
    tasks: plan.tasks,
    seeds: plan.seeds,
    progress: ratioTo(withProgress),
    no_progress: ratioTo(withoutProgress),
  },
  batch: {
    tasks: plan.batchTasks,
    requests_per_minute: plan.batchRpm,
    strategies: batchRuns,
  },
  overhead: {
    calls: plan.calls,
    runs: plan.repeats,
    ratio: median(overheadRuns.map((r) => r.ratio)),
    client_median_ms: median(overheadRuns.map((r) => r.clientMedianMs)),
    fetch_median_ms: median(overheadRuns.map((r) => r.fetchMedianMs)),
    abortable_fetch_ratio: median(overheadRuns.map((r) => r.abortableFetchRatio)),
    openapi_fetch_ratio: median(overheadRuns.map((r) => r.openapiFetchRatio)),
    openapi_fetch_median_ms: median(overheadRuns.map((r) => r.openapiFetchMedianMs)),
  },
  scale: {
    jobs: scale.jobs,
    completed: scale.completed,
    created: scale.created,
    max_requests_in_any_second: scale.maxRequestsInAnySecond,
    budget: scale.budget,
    peak_rss_mb: scale.peakRssMb,
    seconds: scale.seconds,
    tracked_jobs: tracked.jobs,
    heap_per_job_kb: tracked.heapPerJobKb,
  },
  queue: queueMemory,
  size: {
    core_gzip_bytes: sizeOf('@lemonvideo/core'),
    react_gzip_bytes: sizeOf('@lemonvideo/react'),
    proxy_gzip_bytes: sizeOf('@lemonvideo/proxy'),
    all: sizes,
  },
  startup: {
    runs: startup.runs,
    version_ms: startup.versionMs,
    first_frame_ms: startup.firstFrameMs,
    node_ms: startup.nodeMs,
    node_frame_ms: startup.nodeFrameMs,
  },
};

const table = markdownReport(results);
await writeFile(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(outDir, 'results.md'), table);
await writeFile(
  join(outDir, 'polling.svg'),
  plotPollers([
    { name: 'progress reported', color: '#b45309', points: withProgress },
    { name: 'no progress', color: '#1d4ed8', points: withoutProgress },
  ]),
);
if (!quick) {
  const readmePath = join(benchDir, '..', 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const updated = readme.replace(
    /<!-- bench:start -->[\s\S]*<!-- bench:end -->/,
    `<!-- bench:start -->\n${table}<!-- bench:end -->`,
  );
  await writeFile(readmePath, updated);
  // In the repository's own Markdown style, so the lint keeps passing.
  const biome = join(benchDir, '..', 'node_modules', '.bin', 'biome');
  const written = ['results.md', 'results.json'].map((file) => join(outDir, file));
  execFileSync(biome, ['format', '--write', readmePath, ...written], { stdio: 'ignore' });
}
process.stdout.write(table);
log(`written to ${outDir}`);
