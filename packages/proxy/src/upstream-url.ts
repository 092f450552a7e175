import type { RouteMatch } from './match-route';

/** The URL to call: `base`, the matched path, and only the query parameters the operation accepts. */
export function upstreamURL(base: URL, { route, path }: RouteMatch, search: URLSearchParams) {
  const query = new URLSearchParams();
  for (const name of route.query) {
    for (const value of search.getAll(name)) query.append(name, value);
  }
  const rest = `${query}`;
  return `${base.href.replace(/\/+$/, '')}${path}${rest ? `?${rest}` : ''}`;
}
