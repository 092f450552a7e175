import { sleep } from './sleep';

/**
 * Where the lifecycle reads time and waits. Injectable, so tests and benchmarks can run
 * polling on a virtual clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time, with timers looked up on the global at call time (so fake timers work). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep,
};
