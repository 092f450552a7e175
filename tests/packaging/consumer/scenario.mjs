// What esm.mjs and cjs.cjs both run, each with the packages loaded its own way (import or
// require), against a simulator started from the packed @lemonvideo/simulator.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const apiKey = 'sk-pack-test';
const params = { model: 'kling-video', prompt: 'A cat walking through a garden', duration: 5 };
const poll = { strategy: 'fixed', interval: 50 };

/** Runs the installed `lemonvideo` bin with `--json`: its exit code and the lines it printed. */
async function lemonvideo(args, baseURL) {
  const bin = join(process.cwd(), 'node_modules', '.bin', 'lemonvideo');
  const env = { ...process.env, LEMONDATA_API_KEY: apiKey };
  const outcome = await promisify(execFile)(bin, [...args, '--json', '--base-url', baseURL], {
    env,
  }).catch((error) => error);
  const events = outcome.stdout.trim().split('\n').filter(Boolean).map(JSON.parse);
  return { exitCode: outcome.code ?? 0, events };
}

async function rejection(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return error;
  }
}

export async function scenario({
  core,
  coreNode,
  proxy,
  proxyNode,
  react,
  simulator,
  cli,
  React,
  server,
}) {
  const sim = await simulator.startSimulator({ apiKey, speed: 500, rateLimit: false });
  const listener = createServer(proxyNode.createNodeProxyHandler({ apiKey, baseURL: sim.url }));
  try {
    const client = new core.LemonVideo({ apiKey, baseURL: sim.url, poll });
    const models = await client.models.list();

    const job = client.videos.job(params);
    const statuses = [];
    job.subscribe((snapshot) => {
      if (statuses.at(-1) !== snapshot.status) statuses.push(snapshot.status);
    });
    const task = await job.start();
    const file = join(await mkdtemp(join(tmpdir(), 'lemonvideo-download-')), 'video.mp4');
    const saved = await coreNode.downloadToFile(client, task, file);
    const mp4 = (await readFile(file)).subarray(4, 8).toString('latin1');

    const invalid = await rejection(client.videos.create({ ...params, fps: 500 }));
    const missing = await rejection(client.tasks.retrieve('ldtask_does_not_exist'));

    // The browser's side of the proxy: a key-less client whose fetch is the Fetch handler.
    const handler = proxy.createProxyHandler({ apiKey, baseURL: sim.url });
    const keyless = new core.LemonVideo({
      baseURL: 'http://app.test/api/lemonvideo',
      fetch: (input, init) => handler(new Request(input, init)),
      poll,
    });
    const viaProxy = await keyless.videos.generate(params);
    const denied = await handler(new Request('http://app.test/api/lemonvideo/v1/chat/completions'));

    await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address();
    const viaNode = new core.LemonVideo({ baseURL: `http://127.0.0.1:${port}/api/lemonvideo` });
    const nodeModels = await viaNode.models.list();

    function Status() {
      const generation = react.useVideoGeneration();
      const same = react.useLemonVideo() === client;
      return React.createElement('p', null, `${generation.status} ${same}`);
    }
    const html = server.renderToString(
      React.createElement(react.LemonVideoProvider, { client }, React.createElement(Status)),
    );

    const cliModels = await lemonvideo(['models'], sim.url);
    const cliUsage = await lemonvideo(['generate', 'A cat', '--fps', '500'], sim.url);

    return {
      models: models.length,
      statuses,
      status: task.status,
      url: task.video?.url,
      bytes: saved.bytes,
      mp4,
      invalid: invalid instanceof core.RequestValidationError && invalid.issues[0]?.field,
      missing: missing instanceof core.NotFoundError && missing.status,
      viaProxy: viaProxy.status,
      denied: denied.status,
      nodeModels: nodeModels.length,
      html,
      simulatorTasks: sim.stats().tasksCreated,
      cliModels:
        cliModels.exitCode === cli.exitCodes.ok &&
        cliModels.events.filter((event) => event.type === 'model').length,
      cliUsage: {
        exitCode: cliUsage.exitCode,
        exported: cliUsage.exitCode === cli.exitCodes.usage,
        error: cliUsage.events.find((event) => event.type === 'error')?.message,
      },
    };
  } finally {
    listener.close();
    await sim.close();
  }
}
