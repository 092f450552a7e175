/** Bad usage or invalid input, worded for the person at the terminal; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The person pressed Ctrl-C (or the process got SIGINT); exit code 130. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}
