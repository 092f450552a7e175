import type { RouteMatch } from './match-route';

/** The URL to call: `base`, the matched path, and only the query parameters the operation accepts. */
export function upstreamURL(base: URL, { route, path }: RouteMatch, search: URLSearchParams): URL {
  const url = new URL(`${base.href.replace(/\/+$/, '')}${path}`);
  for (const name of route.query) {
    for (const value of search.getAll(name)) url.searchParams.append(name, value);
  }
  return url;
}
