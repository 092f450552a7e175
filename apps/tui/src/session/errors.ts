import type { ErrorKind } from '@lemonvideo/core';

/** Bad usage or invalid input, worded for the person at the terminal (kind `input`). */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly kind: ErrorKind = 'input';
}

/**
 * The person pressed Ctrl-C, or the process got SIGINT or SIGTERM, and the app let go (kind
 * `detached`): a running task was detached (or cancelled on request), a download stopped.
 */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly kind: ErrorKind = 'detached';
  /** The signal that stopped it. */
  readonly signal: 'SIGINT' | 'SIGTERM';
  /** What became of the task was said already (a `detached` or `cancelled` line). */
  readonly reported: boolean;

  constructor(
    message: string,
    signal: 'SIGINT' | 'SIGTERM' = 'SIGINT',
    { reported = false }: { reported?: boolean } = {},
  ) {
    super(message);
    this.signal = signal;
    this.reported = reported;
  }
}
