import { useEffect, useState } from 'react';
import { backendInfoPath } from '../backend-paths';

/** Whether this app's server talks to the simulator (it says so at `backendInfoPath`). */
export function useIsSimulator(): boolean {
  const [simulator, setSimulator] = useState(false);
  useEffect(() => {
    fetch(backendInfoPath)
      .then((response) => response.json() as Promise<{ simulator: boolean }>)
      .then((info) => setSimulator(info.simulator))
      .catch(() => undefined);
  }, []);
  return simulator;
}
