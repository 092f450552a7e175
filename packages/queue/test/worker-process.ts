/**
 * One worker process of the scale test (`scale.test.ts`), as `lemonvideo worker` would run one:
 * a `createVideoWorker` on the queue, against the simulator. Prints `ready` once it takes jobs.
 *
 * With HANG_CREATES_AFTER=n, every create after its n-th asks the simulator (by its
 * `X-Simulator-Fault` header) to create the task and hold the answer: the create is in flight
 * when the test kills this process, and prints `hanging` when it is sent.
 */
import { LemonVideo } from '@lemonvideo/core';
import { createVideoWorker } from '../src/index';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const hangAfter = Number(process.env.HANG_CREATES_AFTER ?? Number.POSITIVE_INFINITY);
let creates = 0;
const fetchWithFaults: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  if (request.method !== 'POST' || !request.url.endsWith('/v1/videos/generations')) {
    return fetch(request);
  }
  creates += 1;
  if (creates <= hangAfter) return fetch(request);
  const headers = new Headers(request.headers);
  headers.set('X-Simulator-Fault', 'slow; delay=600000');
  process.stdout.write('hanging\n');
  return fetch(new Request(request, { headers }));
};

const client = new LemonVideo({
  apiKey: env('API_KEY'),
  baseURL: env('SIMULATOR_URL'),
  maxRetries: 0,
  // A held create stays in flight until the process is killed.
  timeout: 600_000,
  fetch: fetchWithFaults,
});

const worker = createVideoWorker({
  client,
  connection: env('REDIS_URL'),
  queueName: env('QUEUE'),
  requestsPerMinute: Number(env('RPM')),
  concurrency: 20,
  wake: 'eager',
  poll: { min: 200, max: 1_000 },
  lockDuration: 3_000,
  stalledInterval: 1_000,
  onError: (error) => process.stderr.write(`[worker ${process.pid}] ${error.message}\n`),
});
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  worker.close().then(() => process.exit(0));
});
