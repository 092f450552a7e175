import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './stats';

let sessions = 0;
/**
 * A tmux server of the bench's own (`tmux -L`): nobody else's `kill-server` ends it, and a
 * session kept open for the whole run stops it from exiting (and a new session from racing its
 * exit) each time a measured pane closes.
 */
const socket = `lemonvideo-bench-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });

const cli = fileURLToPath(new URL('../../apps/tui/dist/cli.js', import.meta.url));

export interface StartupResult {
  runs: number;
  versionMs: number;
  /** Bare `node -e ""`, measured the same way in the same run. */
  nodeMs: number;
  firstFrameMs: number;
  /** A `console.log` in a fresh tmux pane, measured the same way in the same run. */
  nodeFrameMs: number;
}

function timeCommand(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return performance.now() - start;
}

/** Milliseconds from starting `command` in a new tmux pane until the pane shows `marker`. */
function timeFirstFrame(command: string, marker: string): number {
  sessions += 1;
  const session = `measured-${sessions}`;
  const start = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
  try {
    for (;;) {
      if (tmux('capture-pane', '-p', '-t', session).includes(marker)) {
        return performance.now() - start;
      }
      if (performance.now() - start > 20_000) throw new Error(`no "${marker}" from ${command}`);
    }
  } finally {
    tmux('kill-session', '-t', session);
  }
}

/**
 * `lemonvideo --version`, and the interactive app's first frame (its SIMULATOR badge, with
 * no key set) in a terminal, beside bare Node doing the least it can the same way.
 */
export function measureStartup(runs: number): StartupResult {
  const version: number[] = [];
  const node: number[] = [];
  const frame: number[] = [];
  const nodeFrame: number[] = [];
  const app = `env -u LEMONDATA_API_KEY -u LEMONDATA_BASE_URL ${process.execPath} ${cli}`;
  tmux('new-session', '-d', '-s', 'keep-alive', 'sleep 3600');
  try {
    for (let i = 0; i < runs; i++) {
      version.push(timeCommand([cli, '--version']));
      node.push(timeCommand(['-e', '']));
      frame.push(timeFirstFrame(app, 'SIMULATOR'));
      nodeFrame.push(
        timeFirstFrame(
          `${process.execPath} -e "console.log('ready'); setTimeout(() => {}, 60000)"`,
          'ready',
        ),
      );
    }
  } finally {
    const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
    tmux('kill-server');
    rmSync(socketPath, { force: true });
  }
  const versionMs = median(version);
  const nodeMs = median(node);
  const firstFrameMs = median(frame);
  const nodeFrameMs = median(nodeFrame);
  return {
    runs,
    versionMs,
    nodeMs,
    firstFrameMs,
    nodeFrameMs,
  };
}
