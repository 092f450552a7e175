import { positiveOption } from './check-option';
import { sleep } from './sleep';

/** The abort reason of a call that ran out of its `timeout`. */
export class CallTimeout {
  constructor(readonly ms: number) {}
}

export interface CallOptions {
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds the whole call may take, retries included; `Infinity` for no limit. Default:
   * the client's `timeout`.
   */
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
  const ms = positiveOption(options?.timeout, 'timeout', defaultTimeout);
  const unlink = abortWith(options?.signal, controller);
  const timer = new AbortController();
  sleep(ms, timer.signal).then(
    () => controller.abort(new CallTimeout(ms)),
    () => undefined,
  );
  try {
    return await run(controller.signal);
  } finally {
    timer.abort();
    unlink();
  }
}

/** Aborts `controller` when `outer` aborts (at once if it has), with its reason; returns the unlink. */
export function abortWith(outer: AbortSignal | undefined, controller: AbortController): () => void {
  if (outer === undefined) return () => undefined;
  const onAbort = () => controller.abort(outer.reason);
  if (outer.aborted) onAbort();
  else outer.addEventListener('abort', onAbort, { once: true });
  return () => outer.removeEventListener('abort', onAbort);
}
