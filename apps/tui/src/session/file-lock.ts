import lockfile from 'proper-lockfile';

/**
 * A lock whose holder stopped refreshing it (it refreshes every `staleMs / 2`) for this long is
 * taken over: a process killed with `kill -9` holds it up for at most this long.
 */
const staleMs = 5_000;

/** How long to wait for the lock, polling with a growing pause (10 ms to 100 ms): about 30 s. */
const retries = { retries: 320, factor: 1.1, minTimeout: 10, maxTimeout: 100, randomize: true };

/** The lock of another lemonvideo process was held for longer than it waited. */
export class FileLockError extends Error {
  override name = 'FileLockError';
}

/**
 * Runs `run` while holding `<path>.lock`, so that processes updating the same file take turns.
 * The lock is proper-lockfile's: a directory made atomically, kept fresh while held, and taken
 * over once stale (its holder died); waiting never blocks the event loop. Throws
 * `FileLockError` when it cannot be had in about 30 s, or when it was lost while `run` ran.
 */
export async function withFileLock<T>(path: string, run: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: staleMs,
      retries,
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new FileLockError(
      `${path} is locked by another lemonvideo process, which has held it for over 30 s; try again.`,
    );
  }
  try {
    const result = await run();
    if (compromised) {
      throw new FileLockError(`Lost the lock on ${path} while writing: ${compromised.message}`);
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
