import { readEnv } from '@lemonvideo/shared/read-env';
import { defaultBaseURL } from '@lemonvideo/shared/servers';
import { upstreamHeaders } from './forward-headers';
import { matchRoute, routeNotAllowed } from './match-route';
import type { ProxyOptions } from './options';
import { proxyError } from './proxy-error';
import { readJsonBody } from './read-json-body';
import { relayResponse } from './relay-response';
import { upstreamURL } from './upstream-url';

/** A Fetch-standard handler: Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers. */
export type ProxyHandler = (request: Request) => Promise<Response>;

/** Longer URLs answer 414 (the text of the refusal says the same number). */
const maxURLLength = 2048;

/**
 * A handler that forwards the API's own routes (and nothing else) to the LemonData API with the
 * server's key, so the browser never holds it. Deny by default: see the README for every rule.
 */
export function createProxyHandler(options: ProxyOptions = {}): ProxyHandler {
  const prefix = (options.prefix ?? '/api/lemonvideo').replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;

  const handle = async (request: Request): Promise<Response> => {
    if (request.url.length > maxURLLength) {
      return proxyError(414, 'uri_too_long', 'URL over 2048 characters.');
    }
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return routeNotAllowed();
    const match = matchRoute(request.method, pathname.slice(prefix.length));
    if (match instanceof Response) return match;
    if (options.authorize && !(await options.authorize(request))) {
      return proxyError(401, 'unauthorized', 'Not authorized.');
    }
    const apiKey = options.apiKey ?? readEnv('LEMONDATA_API_KEY');
    if (!apiKey) {
      return proxyError(
        500,
        'proxy_misconfigured',
        'The proxy has no API key: set LEMONDATA_API_KEY.',
      );
    }
    const { route } = match;
    const hasBody = route.method === 'POST';
    const body = hasBody ? await readJsonBody(request, maxBodyBytes) : undefined;
    if (body instanceof Response) return body;

    try {
      // An unparsable baseURL lands in the catch: the API is as unreachable as with a dead host.
      const base = new URL(options.baseURL ?? readEnv('LEMONDATA_BASE_URL') ?? defaultBaseURL);
      const upstream = await (options.fetch ?? globalThis.fetch)(
        upstreamURL(base, match, url.searchParams),
        {
          method: route.method,
          headers: upstreamHeaders(request, apiKey, base, hasBody),
          body,
          // A redirect is passed back, not followed: the key only ever goes to `baseURL`.
          redirect: 'manual',
          signal: request.signal,
        },
      );
      return await relayResponse(upstream, apiKey);
    } catch {
      return proxyError(502, 'upstream_unreachable', 'The proxy cannot reach the API.');
    }
  };

  // Whatever failed (an `authorize` that threw, a body that broke off), no detail leaves.
  return (request) =>
    handle(request).catch(() => proxyError(500, 'proxy_error', 'The proxy failed.'));
}
