import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

const waitMs = 10;
const giveUpMs = 5_000;

function holderIsGone(lock: string): boolean {
  try {
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (Number.isNaN(pid)) return Date.now() - statSync(lock).mtimeMs > 1_000;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ESRCH' || code === 'ENOENT';
  }
}

function acquire(lock: string): void {
  const deadline = Date.now() + giveUpMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (holderIsGone(lock)) {
      rmSync(lock, { force: true });
    } else if (Date.now() > deadline) {
      throw new Error(`${lock} is held by another lemonvideo process; remove it if none runs.`);
    } else {
      // A blocking pause: history writes are synchronous so that they land before anything else.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, waitMs);
    }
  }
}

/**
 * Runs `run` while holding `<path>.lock`, so that two processes updating the same file take
 * turns. A lock whose process is gone (even after `kill -9`) is taken over.
 */
export function withFileLock<T>(path: string, run: () => T): T {
  const lock = `${path}.lock`;
  acquire(lock);
  try {
    return run();
  } finally {
    rmSync(lock, { force: true });
  }
}
