// A simulator in a process of its own, so the client's memory is measured alone. Prints its
// URL; on SIGTERM prints its counts as JSON.
import { startSimulator } from '@lemonvideo/simulator';

const simulator = await startSimulator({
  apiKey: process.env.SIMULATOR_API_KEY,
  speed: Number(process.env.SIMULATOR_SPEED ?? 1),
  rateLimit: false,
});
process.stdout.write(`${simulator.url}\n`);
process.once('SIGTERM', async () => {
  const stats = simulator.stats();
  await simulator.close();
  process.stdout.write(`${JSON.stringify({ stats })}\n`);
  process.exit(0);
});
