import { Ticker } from '@lemonvideo/core';
import { useMemo, useSyncExternalStore } from 'react';
import { useLemonVideo } from './context';

/** How `useNow` moves. */
export interface UseNowOptions {
  /** Milliseconds between updates. Default 1 000. */
  intervalMs?: number | undefined;
  /** Whether the time moves; while false it holds where it was. Default true. */
  active?: boolean | undefined;
}

const still = () => () => undefined;

/**
 * The client's clock time (milliseconds), moving every `intervalMs` while `active`: for time
 * elapsed and for `remainingMs(snapshot, now)`, an ETA that counts down between polls. The
 * ticking is core's `Ticker` on the client's clock, so it stops when nothing shows it.
 */
export function useNow({ intervalMs = 1_000, active = true }: UseNowOptions = {}): number {
  const { clock } = useLemonVideo();
  const ticker = useMemo(() => new Ticker(clock, intervalMs), [clock, intervalMs]);
  return useSyncExternalStore(
    active ? ticker.subscribe : still,
    ticker.getSnapshot,
    ticker.getSnapshot,
  );
}
