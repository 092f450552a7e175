import { proxyError } from './proxy-error';
import { readText } from './read-text';

const invalid = (message: string) => proxyError(400, 'invalid_json', message);

/**
 * The body as text when it is a JSON object of at most `max` bytes, sent as `application/json`
 * (that media type exactly, with any parameters such as `; charset=utf-8`, in any case);
 * otherwise the answer that says why not. Stops reading as soon as the body passes `max`,
 * whatever Content-Length said.
 */
export async function readJsonBody(request: Request, max: number): Promise<string | Response> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return invalid('The body must be application/json.');
  }
  const text =
    Number(request.headers.get('content-length')) > max
      ? undefined
      : await readText(request.body, max);
  if (text === undefined)
    return proxyError(413, 'payload_too_large', `The body is over ${max} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return invalid('The body is not valid JSON.');
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? text
    : invalid('The body must be a JSON object.');
}
