import { type BackendInfo, backendInfoGlobal } from './backend-paths';

/** What this app's server said of itself, as the page loaded; a plain API when it said nothing. */
export function backendInfo(): BackendInfo {
  const said = (globalThis as Record<string, unknown>)[backendInfoGlobal] as
    | Partial<BackendInfo>
    | undefined;
  return { simulator: said?.simulator === true };
}
