import type { ErrorKind } from '@lemonvideo/core';

/** Bad usage or invalid input, worded for the person at the terminal (kind `input`). */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly kind: ErrorKind = 'input';
}

/** The person pressed Ctrl-C (or the process got SIGINT) and the app let go (kind `detached`). */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly kind: ErrorKind = 'detached';
}
