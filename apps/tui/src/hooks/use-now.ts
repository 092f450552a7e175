import { useEffect, useState } from 'react';

/**
 * The time, ticking every `intervalMs` while `active`: for "elapsed" and the sweeping bar.
 * Display only; the job's own timing lives in core.
 */
export function useNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
