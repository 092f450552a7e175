#!/usr/bin/env node
import packageJson from '../package.json' with { type: 'json' };

const argv = process.argv.slice(2);
// `--version` alone answers before the rest of the app loads.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${packageJson.version}\n`);
} else {
  const { main } = await import('./program');
  process.exit(await main({ argv, env: process.env, cwd: process.cwd() }));
}
