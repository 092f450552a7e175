#!/usr/bin/env node
import packageJson from '../package.json' with { type: 'json' };

const argv = process.argv.slice(2);
// `--version` alone answers before the rest of the app loads.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${packageJson.version}\n`);
} else {
  // Ink and chalk read these from the process as they load, before anything can be passed to
  // them: Ink draws only the last frame when CI is set (say, in a shell opened into a CI job),
  // and chalk heeds FORCE_COLOR, not NO_COLOR. The app is for a person at a terminal, and the
  // scripted commands load neither.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { main } = await import('./cli/program');
  const { stdin, stdout, stderr, env } = process;
  // Node exits once stdout and stderr have drained: `process.exit` would cut off a pipe.
  process.exitCode = await main({ argv, env, cwd: process.cwd(), stdin, stdout, stderr });
}
