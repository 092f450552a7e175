import { apiResponseHeaders } from './generated/routes';

/**
 * Response headers passed back to the browser: the API's own, its content type, and the
 * simulator's mark. Everything else (`set-cookie`!) is dropped.
 */
const passedBack = new Set(['content-type', 'x-lemonvideo-simulator', ...apiResponseHeaders]);

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The headers sent upstream: the key, and only an allow-list of the browser's headers (never its
 * `Authorization` or `Cookie`). `X-Simulator-Fault` passes only to a simulator on loopback.
 */
export function upstreamHeaders(
  request: Request,
  apiKey: string,
  base: URL,
  body: boolean,
): Headers {
  const names = ['accept', 'accept-language'];
  if (body) names.push('content-type');
  if (loopbackHosts.includes(base.hostname)) names.push('x-simulator-fault');
  const headers = new Headers({ authorization: `Bearer ${apiKey}` });
  for (const name of names) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

/** The allowed headers of the API's answer, each passed through `clean`. */
export function responseHeaders(upstream: Response, clean: (value: string) => string): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream.headers) {
    if (passedBack.has(name)) headers.set(name, clean(value));
  }
  return headers;
}
