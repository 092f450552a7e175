import { responseHeaders } from './forward-headers';

/**
 * The API's answer for the browser, with its status: the body buffered (the API's bodies are
 * small JSON) and every occurrence of the key replaced with `[redacted]`, the headers allow-listed.
 */
export async function relayResponse(upstream: Response, apiKey: string): Promise<Response> {
  const redact = (text: string) => text.split(apiKey).join('[redacted]');
  const text = redact(await upstream.text());
  return new Response(text || null, {
    status: upstream.status,
    headers: responseHeaders(upstream, redact),
  });
}
