/** Where the page reaches the API, through the proxy on this app's server. */
export const apiPrefix = '/api/lemonvideo';
/** Where the page asks whether this app's server talks to the simulator. */
export const backendInfoPath = '/api/backend';
