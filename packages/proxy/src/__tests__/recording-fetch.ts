import { createProxyHandler, type ProxyOptions } from '../index';

/** What the proxy would have sent upstream. */
export interface UpstreamCall {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  redirect: RequestRedirect | undefined;
  signal: AbortSignal | null | undefined;
}

export const apiKey = 'sk-proxy-test-secret-0123456789';
export const baseURL = 'https://api.lemondata.test';

/** A `fetch` that records every call and answers with `answer` (default: 200 `{"ok":true}`). */
export function recordingFetch(answer?: (call: UpstreamCall) => Response | Promise<Response>) {
  const calls: UpstreamCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const call: UpstreamCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : init?.body == null ? null : '<stream>',
      redirect: init?.redirect,
      signal: init?.signal,
    };
    calls.push(call);
    return answer ? answer(call) : Response.json({ ok: true });
  };
  return { fetch, calls };
}

/** A proxy on a recording `fetch`, with a key and base URL, and `send(path, init)` to call it. */
export function proxy(
  options: ProxyOptions = {},
  answer?: (call: UpstreamCall) => Response | Promise<Response>,
) {
  const upstream = recordingFetch(answer);
  const handler = createProxyHandler({ apiKey, baseURL, fetch: upstream.fetch, ...options });
  const send = (path: string, init?: RequestInit) =>
    handler(new Request(`http://app.test${path}`, init));
  return { handler, send, calls: upstream.calls };
}

/** The `error` of the API's envelope in `response`. */
export async function envelope(response: Response) {
  const body = (await response.json()) as {
    error: { message: string; type: string; code: string };
  };
  return body.error;
}

/**
 * What the proxy answered to a request it refused: the status, the envelope's `error`, and
 * `forwarded`, how many calls went upstream (none, for a refusal).
 */
export async function refusal(response: Response, calls: readonly UpstreamCall[]) {
  return { status: response.status, ...(await envelope(response)), forwarded: calls.length };
}

export const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
