import { positiveOption } from './check-option';
import type { Clock } from './clock';

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

/** Options of one create: those of any call, and whether to check the model first. */
export interface CreateOptions extends CallOptions {
  /**
   * Check the params against the model's details before sending (read once per client from the
   * public catalogue). Default: the client's `checkModels` (true unless turned off).
   */
  checkModel?: boolean | undefined;
}

/** What a call falls back on: the client's timeout, and the clock it waits on. */
export interface CallDefaults {
  /** Milliseconds a call may take when its options do not say. */
  readonly timeout: number;
  readonly clock: Clock;
}

/**
 * Runs `run` with one signal that aborts on the caller's signal or, with a `CallTimeout`
 * reason, when the timeout passes on the client's clock; the wait and the listener are gone
 * once `run` settles.
 */
export async function withCallSignal<T>(
  options: CallOptions | undefined,
  defaults: CallDefaults,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const ms = positiveOption(options?.timeout, 'timeout', defaults.timeout);
  const unlink = abortWith(options?.signal, controller);
  const timer = new AbortController();
  if (Number.isFinite(ms)) {
    defaults.clock.sleep(ms, timer.signal).then(
      () => controller.abort(new CallTimeout(ms)),
      () => undefined,
    );
  }
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
