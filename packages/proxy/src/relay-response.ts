import { responseHeaders } from './forward-headers';
import { proxyError } from './proxy-error';
import { readText } from './read-text';

/**
 * The largest answer relayed, in bytes: 1 MiB. The API answers with small JSON (the model list,
 * the largest, is a few kB); anything longer is a fault, refused after reading this much, so a
 * request never holds more than this in memory.
 */
const maxAnswerBytes = 1 << 20;

/**
 * The API's answer for the browser, with its status: the body read whole (at most
 * `maxAnswerBytes`, else 502 `upstream_too_large`) and every occurrence of the key replaced with
 * `[redacted]`, the headers allow-listed.
 */
export async function relayResponse(upstream: Response, apiKey: string): Promise<Response> {
  const redact = (text: string) => text.split(apiKey).join('[redacted]');
  const text = await readText(upstream.body, maxAnswerBytes);
  if (text === undefined)
    return proxyError(502, 'upstream_too_large', `The answer is over ${maxAnswerBytes} bytes.`);
  return new Response(redact(text) || null, {
    status: upstream.status,
    headers: responseHeaders(upstream, redact),
  });
}
