/** Time as the simulator sees it: task timelines run on it, answers show the wall clock. */
export interface SimulatedClock {
  /** Simulated Unix ms. */
  now(): number;
  /** The wall-clock Unix ms at which the simulated instant `ms` happens (or happened). */
  wallTime(ms: number): number;
}

/**
 * A clock that starts at `now()` and runs `speed` times faster: with speed 60 a simulated
 * minute passes every real second.
 */
export function simulatedClock(now: () => number, speed: number): SimulatedClock {
  const start = now();
  return {
    now: () => start + (now() - start) * speed,
    wallTime: (ms) => start + (ms - start) / speed,
  };
}
