/**
 * A clock that starts at `now()` and runs `speed` times faster: with speed 60 a simulated
 * minute passes every real second. Returns Unix ms.
 */
export function simulatedClock(now: () => number, speed: number): () => number {
  const start = now();
  return () => start + (now() - start) * speed;
}
