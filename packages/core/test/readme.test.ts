import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { readmeExample } from '@lemonvideo/test-helpers/readme-example';
import { runNode } from '@lemonvideo/test-helpers/run-node';
import { afterAll, beforeAll, expect, it } from 'vitest';

let simulator: Simulator;
const apiKey = 'sk-readme-example';
// Inside the package, so that `@lemonvideo/core` resolves to this package's build.
const script = fileURLToPath(new URL('./readme-example.generated.mjs', import.meta.url));

beforeAll(async () => {
  simulator = await startSimulator({ apiKey, speed: 100, rateLimit: false });
});
afterAll(async () => {
  await simulator.close();
  await rm(script, { force: true });
});

it('the README example runs exactly as written and prints the video URL', async () => {
  const readme = new URL('../../../README.md', import.meta.url);
  await writeFile(script, await readmeExample(readme, '## Use it from code'));
  const { code, stdout, stderr } = await runNode([script], {
    env: { ...process.env, LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: simulator.url },
  });
  expect(stderr).toMatch(/^pending/m);
  expect(stderr).toMatch(/^completed 100/m);
  expect(code).toBe(0);
  expect(stdout.trim()).toMatch(new RegExp(`^${simulator.url}/videos/ldtask_[0-9a-f]{32}\\.mp4$`));
}, 60_000);
