// Tracks JOBS tasks at once in one process (each job started and waiting for its next poll)
// and prints the heap they take, per job, as JSON. Run with --expose-gc.
import { LemonVideo } from '@lemonvideo/core';

const jobs = Number(process.env.JOBS);
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');
let polls = 0;
const client = new LemonVideo({
  apiKey: 'sk-bench',
  baseURL: 'https://api.invalid',
  poll: { strategy: 'fixed', interval: 600_000 },
  fetch: async (input) => {
    polls += 1;
    const id = new URL(input.url).pathname.split('/').pop();
    return new Response(JSON.stringify({ id, status: 'processing', progress: 10 }), {
      headers: { 'content-type': 'application/json' },
    });
  },
});
gc();
const before = process.memoryUsage().heapUsed;
const tracked = Array.from({ length: jobs }, (_, i) => client.tasks.job(`task_${i}`));
for (const job of tracked) void job.start();
while (polls < jobs) await new Promise((resolve) => setTimeout(resolve, 10));
await new Promise((resolve) => setTimeout(resolve, 50));
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({ jobs, heapPerJobKb: (after - before) / jobs / 1024 })}\n`);
for (const job of tracked) job.detach();
