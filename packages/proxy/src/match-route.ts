import { type AllowedRoute, allowedRoutes } from './generated/routes';
import { proxyError } from './proxy-error';

export interface RouteMatch {
  readonly route: AllowedRoute;
  /**
   * The path to call upstream: the route's template with each parameter decoded, checked and
   * encoded again (never the path the browser sent).
   */
  readonly path: string;
}

export const routeNotAllowed = () =>
  proxyError(404, 'route_not_allowed', 'Not a route the proxy forwards.');

export const invalidPath = () => proxyError(400, 'invalid_path', 'Unsafe path.');

/**
 * A path with a raw segment that a URL parser would resolve or rewrite (`.`, `..`, `%2e%2e`,
 * `\`), or an empty one (`//`).
 */
const unsafePath = /\\|\/(\.|%2e){0,2}(\/|$)/i;

/** True when a raw pathname has a segment that is refused before any matching. */
export const hasUnsafeSegment = (pathname: string): boolean => unsafePath.test(pathname);

/**
 * A decoded path parameter that is empty or `.`, or could climb out of its place upstream: a
 * `..` segment (`..%2f`), a backslash (`..%5c`), a control character (CR/LF, NUL), or a `%`
 * left after decoding (`%252e%252e`, `%252f`), which a server that decodes twice would read as
 * a dot segment or a slash. No task or model id has one.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const unsafeParam = /^\.?$|[\\%]|[\x00-\x1f\x7f]|(^|\/)\.\.(\/|$)/;

/** Percent-decoded, or empty (and so refused) when malformed. */
const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
};

const templateOf = (route: AllowedRoute) => route.path.split('/').slice(1);

/**
 * The allowed route of `method` and `path` (the pathname below the prefix) and the path to call
 * upstream, or the answer refusing it: 400 for an unsafe path, 404 for a route the spec does
 * not have, 405 (with `Allow`) for a method it does not have on that path.
 */
export function matchRoute(method: string, path: string): RouteMatch | Response {
  if (unsafePath.test(path)) return invalidPath();
  const segments = path.split('/').slice(1);
  const candidates = allowedRoutes.filter((route) => {
    const template = templateOf(route);
    return (
      template.length === segments.length &&
      template.every((part, i) => part[0] === '{' || part === segments[i])
    );
  });
  const route = candidates.find((candidate) => candidate.method === method);
  if (!route) {
    if (candidates.length === 0) return routeNotAllowed();
    const allow = candidates.map((candidate) => candidate.method).join(', ');
    return proxyError(405, 'method_not_allowed', `Use ${allow} on this path.`, { allow });
  }
  let upstreamPath = '';
  for (const [i, part] of templateOf(route).entries()) {
    let segment = part;
    if (part[0] === '{') {
      segment = decode(segments[i] as string);
      if (unsafeParam.test(segment)) return invalidPath();
      segment = encodeURIComponent(segment);
    }
    upstreamPath += `/${segment}`;
  }
  return { route, path: upstreamPath };
}
