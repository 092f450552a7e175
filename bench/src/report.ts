import type { BatchResult } from './batch';
import type { PollerResult } from './polling';
import type { QueueMemoryResult } from './queue-memory';
import type { SizeResult } from './size';

export interface Results {
  command: string;
  date: string;
  machine: { node: string; cpus: number; cpu: string };
  polling: {
    tasks: number;
    seeds: number[];
    progress: { delay_ratio: number; request_ratio: number; pollers: PollerResult[] };
    no_progress: { delay_ratio: number; request_ratio: number; pollers: PollerResult[] };
  };
  batch: {
    tasks: number;
    requests_per_minute: number;
    /** The budget-aware scheduler and the baselines (`batchStrategies`). */
    strategies: BatchResult[];
  };
  overhead: {
    calls: number;
    runs: number;
    ratio: number;
    client_median_ms: number;
    fetch_median_ms: number;
    /** Bare fetch with an abort signal and a timer, as each client call has, over bare fetch. */
    abortable_fetch_ratio: number;
    /** openapi-fetch alone over bare fetch, in the same run. */
    openapi_fetch_ratio: number;
    openapi_fetch_median_ms: number;
  };
  scale: {
    jobs: number;
    completed: number;
    created: number;
    max_requests_in_any_second: number;
    budget: number;
    peak_rss_mb: number;
    seconds: number;
    tracked_jobs: number;
    heap_per_job_kb: number;
  };
  /** `@lemonvideo/queue`: Redis memory per task tracked in BullMQ's delayed set. */
  queue: QueueMemoryResult;
  size: {
    core_gzip_bytes: number;
    react_gzip_bytes: number;
    proxy_gzip_bytes: number;
    all: SizeResult[];
  };
  startup: {
    runs: number;
    version_ms: number;
    first_frame_ms: number;
    node_ms: number;
    node_frame_ms: number;
  };
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The results as the Markdown table the README shows. */
export function markdownReport(r: Results): string {
  const { progress, no_progress: none } = r.polling;
  const batchOf = (id: BatchResult['id']) =>
    r.batch.strategies.find((b) => b.id === id) as BatchResult;
  const scheduler = batchOf('scheduler');
  const fixedPool = batchOf('fixed-pool');
  const throughputRatio = scheduler.videos_per_minute / fixedPool.videos_per_minute;
  const batchRows = r.batch.strategies.map(
    (b) =>
      `| ${b.strategy} | ${fixed(b.videos_per_minute, 1)} | ${fixed(b.requests_per_video)} | ${fixed(b.median_delay_ms / 1000, 1)} s | ${fixed(b.p95_delay_ms / 1000, 1)} s | ${b.rate_limited} | ${b.completed} (created ${b.created}) |`,
  );
  const baseline = (list: PollerResult[]) =>
    list.find((p) => p.poller === 'fixed 5 s') as PollerResult;
  const pollerRows = (label: string, list: PollerResult[]) =>
    list.map(
      (p) =>
        `| ${label} | ${p.poller} | ${fixed(p.medianDelayMs / 1000)} s | ${fixed(p.p95DelayMs / 1000)} s | ${fixed(p.requestsPerTask, 1)} |`,
    );
  const lines = [
    `Measured with \`${r.command}\` on ${r.date.slice(0, 10)} (Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpu}). Every figure is a median (a batch is one run); each ratio is against a baseline measured in the same run.`,
    '',
    '| what | figure | goal | |',
    '| --- | --- | --- | --- |',
    `| polling with progress: delay / fixed 5 s | ${fixed(progress.delay_ratio)} × | ≤ 0.25 × | ${mark(progress.delay_ratio <= 0.25)} |`,
    `| polling with progress: requests / fixed 5 s | ${fixed(progress.request_ratio)} × | ≤ 1.0 × | ${mark(progress.request_ratio <= 1)} |`,
    `| polling without progress: delay / fixed 5 s | ${fixed(none.delay_ratio)} × | ≤ 0.5 × | ${mark(none.delay_ratio <= 0.5)} |`,
    `| polling without progress: requests / fixed 5 s | ${fixed(none.request_ratio)} × | ≤ 1.0 × | ${mark(none.request_ratio <= 1)} |`,
    `| batch of ${r.batch.tasks} at ${r.batch.requests_per_minute} requests a minute: videos a minute, budget-aware scheduler / fixed 5 s poller | ${fixed(throughputRatio, 1)} × (${fixed(scheduler.videos_per_minute, 1)} vs ${fixed(fixedPool.videos_per_minute, 1)}) | ≥ 5 × | ${mark(throughputRatio >= 5)} |`,
    `| batch: requests per completed video, budget-aware scheduler (floor 2) | ${fixed(scheduler.requests_per_video)} | ≤ 4 | ${mark(scheduler.requests_per_video <= 4)} |`,
    `| batch: median detection delay, budget-aware scheduler | ${fixed(scheduler.median_delay_ms / 1000, 1)} s | reported | |`,
    `| client overhead: \`tasks.retrieve\` / bare fetch (${r.overhead.calls} calls × ${r.overhead.runs}) | ${fixed(r.overhead.ratio)} × (${fixed(r.overhead.client_median_ms * 1000, 0)} µs vs ${fixed(r.overhead.fetch_median_ms * 1000, 0)} µs) | ≤ 1.10 × | ${mark(r.overhead.ratio <= 1.1)} |`,
    `| for reference: bare fetch with an abort signal and timeout timer / bare fetch | ${fixed(r.overhead.abortable_fetch_ratio)} × | reported | |`,
    `| for reference: openapi-fetch alone / bare fetch, same calls | ${fixed(r.overhead.openapi_fetch_ratio)} × (${fixed(r.overhead.openapi_fetch_median_ms * 1000, 0)} µs) | reported | |`,
    `| scale: ${r.scale.jobs} concurrent generations completed, once each | ${r.scale.completed} (simulator created ${r.scale.created}) | all | ${mark(r.scale.completed === r.scale.jobs && r.scale.created === r.scale.jobs)} |`,
    `| scale: most requests sent in any second | ${r.scale.max_requests_in_any_second} | ≤ ${r.scale.budget} (the budget) | ${mark(r.scale.max_requests_in_any_second <= r.scale.budget)} |`,
    `| scale: peak RSS of the client process | ${fixed(r.scale.peak_rss_mb, 0)} MB | ≤ 200 MB | ${mark(r.scale.peak_rss_mb <= 200)} |`,
    `| ${r.scale.tracked_jobs} tracked jobs: heap per job | ${fixed(r.scale.heap_per_job_kb, 1)} kB | reported | |`,
    `| queue: Redis memory per tracked task (${r.queue.tasks.toLocaleString('en-US')} rendering tasks in BullMQ's delayed set) | ${fixed(r.queue.bytes_per_task / 1000, 2)} kB (${fixed(r.queue.used_memory_bytes / 1e6, 1)} MB in all) | reported | |`,
    `| size: \`{ LemonVideo }\` from core, min + gzip, with openapi-fetch | ${kb(r.size.core_gzip_bytes)} | ≤ 6.0 kB | ${mark(r.size.core_gzip_bytes <= 6000)} |`,
    `| size: \`@lemonvideo/react\` on top of core and React | ${kb(r.size.react_gzip_bytes)} | ≤ 1.5 kB | ${mark(r.size.react_gzip_bytes <= 1500)} |`,
    `| size: \`@lemonvideo/proxy\` | ${kb(r.size.proxy_gzip_bytes)} | ≤ 2 kB | ${mark(r.size.proxy_gzip_bytes <= 2000)} |`,
    `| startup: \`lemonvideo --version\` (bare \`node -e ""\`: ${fixed(r.startup.node_ms, 0)} ms) | ${fixed(r.startup.version_ms, 0)} ms | ≤ 150 ms | ${mark(r.startup.version_ms <= 150)} |`,
    `| startup: first interactive frame (bare Node printing a line: ${fixed(r.startup.node_frame_ms, 0)} ms) | ${fixed(r.startup.first_frame_ms, 0)} ms | ≤ 500 ms | ${mark(r.startup.first_frame_ms <= 500)} |`,
    '',
    `Pollers over ${r.polling.tasks} tasks × ${r.polling.seeds.length} seeds of the simulator's lifecycle model, on a virtual clock (plot: [bench/polling.svg](bench/polling.svg)):`,
    '',
    '| progress | poller | median delay | p95 delay | requests per task |',
    '| --- | --- | --- | --- | --- |',
    ...pollerRows('reported', progress.pollers),
    ...pollerRows('none', none.pollers),
    '',
    `Batches of ${r.batch.tasks} tasks of the simulator's mix at a budget of ${r.batch.requests_per_minute} requests a minute, on a virtual clock; the API answers 429 past the budget. The scheduler is \`runBatch\`, the engine \`lemonvideo batch\` runs (which also saves each state to its journal); the jobs are \`videos.generate\` calls through one client whose gate holds them to the budget (\`maxRequestsPerSecond\`), either as many at a time as a fixed 5 s poller can follow within the budget, or all at once (where the gate's queue, not the poller, sets the pace):`,
    '',
    '| strategy | videos a minute | requests per video | median delay | p95 delay | 429s | completed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...batchRows,
    '',
    `Bundle sizes in the same run (size-limit, esbuild, min + gzip): ${r.size.all.map((s) => `${s.name} ${kb(s.gzipBytes)}`).join(', ')}. Fixed 5 s baseline: ${fixed(baseline(progress.pollers).medianDelayMs / 1000)} s median delay.`,
    '',
  ];
  return lines.join('\n');
}
