import { backendInfo } from '../backend-info';

/** A plain badge whenever the server talks to the simulator, so no one mistakes it for the API. */
export function SimulatorBadge() {
  if (!backendInfo().simulator) return null;
  return (
    <span className="badge" title="Videos come from the local lemonvideo simulator, not LemonData">
      SIMULATOR
    </span>
  );
}
