// Runs JOBS generations at once through one client with a request budget, against the
// simulator at SIMULATOR_URL; prints what completed and this process's peak memory as JSON.
import { LemonVideo } from '@lemonvideo/core';

const jobs = Number(process.env.JOBS);
/** When each request left, for the budget check. */
const sends = [];
const client = new LemonVideo({
  apiKey: process.env.SIMULATOR_API_KEY,
  baseURL: process.env.SIMULATOR_URL,
  maxRequestsPerSecond: Number(process.env.BUDGET),
  fetch: (input, init) => {
    sends.push(performance.now());
    return fetch(input, init);
  },
});
const started = performance.now();
const tasks = await Promise.all(
  Array.from({ length: jobs }, (_, i) =>
    client.videos.generate({ model: 'kling-video', prompt: `scale ${i}` }, { timeout: 1_800_000 }),
  ),
);
process.stdout.write(
  `${JSON.stringify({
    completed: tasks.filter((task) => task.status === 'completed').length,
    distinct: new Set(tasks.map((task) => task.id)).size,
    seconds: (performance.now() - started) / 1000,
    sends,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
