#!/usr/bin/env node
import { parseCliArgs, usage } from './cli-args';
import { startSimulator } from './start-simulator';

let parsed: ReturnType<typeof parseCliArgs>;
try {
  parsed = parseCliArgs(process.argv.slice(2));
} catch (error) {
  console.error(
    `lemonvideo-simulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  console.error(usage);
  process.exit(2);
}

if (parsed.help) {
  console.log(usage);
} else {
  const { options } = parsed;
  const simulator = await startSimulator({ ...options, log: (line) => console.log(`  ${line}`) });
  // Listen for the signals before saying where it listens, so a quick Ctrl+C still stops it.
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`
  lemonvideo SIMULATOR — not the real LemonData API

  listening on ${simulator.url}
  speed ${options.speed}x, seed ${options.seed}, ${options.apiKey ? 'only the key given with --api-key' : 'any key starting with sk-'}
  point a client at it with LEMONDATA_BASE_URL=${simulator.url}
  Ctrl+C stops it
`);
}
