/** Where the page reaches the API, through the proxy on this app's server. */
export const apiPrefix = '/api/lemonvideo';
/**
 * A script this app's server answers with what it says of itself (`BackendInfo`), which the
 * page runs before the app (see index.html): the page asks nothing for it.
 */
export const backendInfoPath = '/api/backend.js';

/**
 * The largest request body this app's proxy forwards: 1 MiB, what the simulator reads, so a
 * small image picked from disk can go inline as a data URL (the proxy's default is 64 KiB).
 * The value of @lemonvideo/shared's `simulatorMaxBodyBytes`, not imported: the Vite config
 * reads this file and leaves that package to Node, which cannot load its TypeScript.
 */
export const maxBodyBytes = 1024 * 1024;

/** What this app's server says of itself. */
export interface BackendInfo {
  /** It talks to the simulator, not to the API. */
  simulator: boolean;
}

/** The global the script at `backendInfoPath` sets. */
export const backendInfoGlobal = 'lemonvideoBackend';
