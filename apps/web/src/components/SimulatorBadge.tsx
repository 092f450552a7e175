import { useIsSimulator } from '../hooks/use-backend';

/** A plain badge whenever the server talks to the simulator, so no one mistakes it for the API. */
export function SimulatorBadge() {
  if (!useIsSimulator()) return null;
  return (
    <span className="badge" title="Videos come from the local lemonvideo simulator, not LemonData">
      SIMULATOR
    </span>
  );
}
