import { maskKey } from './mask-key';

/** Each string in `value` (of parsed JSON) with `mask` applied, keys of objects included. */
function maskStrings(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, mask));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [mask(key), maskStrings(item, mask)]),
    );
  }
  return value;
}

/** Answers read whole to be masked: JSON and text, the API's own; never a video's bytes. */
const textual = /json|^\s*text\//i;

/**
 * `fetch` whose answers never hold `apiKey`: wherever an answer of the API (JSON or text)
 * echoes it (a task's error, a status, a model name, an error envelope, in any JSON escaping),
 * it reads `sk-…abcd` instead, before the client, and so anything that prints, logs or saves,
 * sees it. The one place where the API's words enter the app. Other answers (a video) pass
 * untouched, streamed.
 */
export function maskingFetch(
  apiKey: string,
  send: typeof globalThis.fetch,
): typeof globalThis.fetch {
  const masked = maskKey(apiKey);
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  const mask = (text: string) => text.split(apiKey).join(masked).split(escaped).join(masked);
  return async (input, init) => {
    const response = await send(input, init);
    if (!textual.test(response.headers.get('content-type') ?? '')) return response;
    const text = await response.clone().text();
    let maskedText = mask(text);
    if (/json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        maskedText = JSON.stringify(maskStrings(JSON.parse(text), mask));
        if (maskedText === JSON.stringify(JSON.parse(text))) maskedText = text;
      } catch {}
    }
    if (maskedText === text) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    const copy = new Response(maskedText, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
}
