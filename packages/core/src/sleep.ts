/**
 * The longest delay a timer takes: 2^31 − 1 ms (about 24.8 days). A longer one fires at once
 * in Node and browsers, so a longer wait is a chain of them (`Infinity`: one after the other,
 * for ever, until the signal aborts).
 */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. The timer
 * is looked up on the global at call time, so fake timers can drive it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms > maxTimerMs) return sleep(maxTimerMs, signal).then(() => sleep(ms - maxTimerMs, signal));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      globalThis.clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = globalThis.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
