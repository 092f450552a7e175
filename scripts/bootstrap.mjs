#!/usr/bin/env node
// Gets a fresh clone ready with nothing but Node and npm, then runs a task:
//   node scripts/bootstrap.mjs start   the terminal app against the built-in simulator
//   node scripts/bootstrap.mjs test    every check and test (what CI runs)
// It finds pnpm (or runs the pinned one through npx), installs the locked dependencies,
// and for tests installs Debian's headless Chromium and Redis when they are missing.
// Plain Node on purpose: it runs before any dependency is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');
const chromiumPath = '/usr/lib/chromium/chromium-headless-shell';

function say(line) {
  process.stderr.write(`\u203a ${line}\n`);
}

function pnpmCommand() {
  try {
    const version = execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (version.trim() === pnpmVersion) return ['pnpm'];
  } catch {}
  say(`pnpm ${pnpmVersion} is not on PATH: running it through npx`);
  return ['npx', '--yes', `pnpm@${pnpmVersion}`];
}

function run(command, args, env = {}) {
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TURBO_TELEMETRY_DISABLED: '1',
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      ...env,
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** What the tests run that Node cannot install: Debian's packages, by the file each provides. */
const debianPackages = [
  { name: 'chromium-headless-shell', path: chromiumPath, for: 'the browser tests' },
  { name: 'redis-server', path: '/usr/bin/redis-server', for: 'the queue tests' },
];

function ensureDebianPackages() {
  const missing = debianPackages.filter((pkg) => !existsSync(pkg.path));
  if (missing.length === 0) return;
  const names = missing.map((pkg) => pkg.name);
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  say(`installing Debian\u2019s ${missing.map((pkg) => `${pkg.name} (${pkg.for})`).join(' and ')}`);
  const install = (args) =>
    spawnSync(sudo[0] ?? args[0], [...sudo.slice(1), ...(isRoot ? args.slice(1) : args)], {
      stdio: 'inherit',
    });
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive'];
  if (
    install([...env, 'apt-get', 'update', '-qq']).status !== 0 ||
    install([...env, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...names])
      .status !== 0
  ) {
    say(
      `could not install them: run \`sudo apt-get install ${names.join(' ')}\` (the tests need ${missing.map((pkg) => pkg.path).join(' and ')})`,
    );
    process.exit(1);
  }
}

const task = process.argv[2];
const pnpm = pnpmCommand();
run(pnpm, ['install', '--frozen-lockfile', '--reporter=silent']);
switch (task) {
  case 'start':
    run(pnpm, ['run', '--silent', 'start:app', ...process.argv.slice(3)]);
    break;
  case 'test':
    ensureDebianPackages();
    run(pnpm, ['run', 'test:all']);
    break;
  default:
    say('usage: node scripts/bootstrap.mjs start|test');
    process.exit(2);
}
