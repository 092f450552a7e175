// Runs a script as a user would against the real API, with the environment pointing at a
// simulator started from the packed @lemonvideo/simulator instead.
import { pathToFileURL } from 'node:url';
import { startSimulator } from '@lemonvideo/simulator';

const apiKey = 'sk-readme-example';
const sim = await startSimulator({ apiKey, speed: 200, rateLimit: false });
process.env.LEMONDATA_API_KEY = apiKey;
process.env.LEMONDATA_BASE_URL = sim.url;
try {
  await import(pathToFileURL(process.argv[2]).href);
} finally {
  await sim.close();
}
