import { useEffect, useState } from 'react';

/** Whether this app's server talks to the simulator (it says so at /api/backend). */
export function useIsSimulator(): boolean {
  const [simulator, setSimulator] = useState(false);
  useEffect(() => {
    fetch('/api/backend')
      .then((response) => response.json() as Promise<{ simulator: boolean }>)
      .then((info) => setSimulator(info.simulator))
      .catch(() => undefined);
  }, []);
  return simulator;
}
