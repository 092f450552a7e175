/** How `createProxyHandler` (and the node adapter) forward requests: each option with its default. */
export interface ProxyOptions {
  /** The API key (`sk-...`) sent upstream. Default: `LEMONDATA_API_KEY`, read per request. */
  apiKey?: string | undefined;
  /** Where the API lives. Default: `LEMONDATA_BASE_URL`, then `https://api.lemondata.cc`. */
  baseURL?: string | undefined;
  /** The path the handler is mounted on, stripped before matching. Default `/api/lemonvideo`. */
  prefix?: string | undefined;
  /**
   * Decides whether a request may use the proxy at all (a session check, say); false answers
   * 401 before the body is read or anything is forwarded. Default: every request is allowed.
   */
  authorize?: ((request: Request) => boolean | Promise<boolean>) | undefined;
  /** The largest request body forwarded, in bytes. Default 65 536 (64 KiB). */
  maxBodyBytes?: number | undefined;
  /** The `fetch` that calls the API. Default: the global `fetch`, looked up per request. */
  fetch?: typeof globalThis.fetch | undefined;
}
