/** The abort reason of a call that ran out of its `timeout`. */
export class CallTimeout {
  constructor(readonly ms: number) {}
}

export interface CallOptions {
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds the whole call may take, retries included. Default: the client's `timeout`. */
  timeout?: number | undefined;
}

/**
 * Runs `run` with one signal that aborts on the caller's signal or, with a `CallTimeout`
 * reason, when the timeout passes; the timer and listener are gone once `run` settles.
 */
export async function withCallSignal<T>(
  options: CallOptions | undefined,
  defaultTimeout: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const outer = options?.signal;
  const ms = options?.timeout ?? defaultTimeout;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer = Number.isFinite(ms)
    ? globalThis.setTimeout(() => controller.abort(new CallTimeout(ms)), ms)
    : undefined;
  try {
    return await run(controller.signal);
  } finally {
    globalThis.clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}
