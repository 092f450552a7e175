import { proxyError } from './proxy-error';

const tooLarge = (max: number) =>
  proxyError(413, 'payload_too_large', `The body is over ${max} bytes.`);
const invalid = (message: string) => proxyError(400, 'invalid_json', message);

/**
 * The body as text when it is a JSON object of at most `max` bytes; otherwise the answer that
 * says why not. Stops reading as soon as the body passes `max`, whatever Content-Length said.
 */
export async function readJsonBody(request: Request, max: number): Promise<string | Response> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return invalid('The body must be application/json.');
  }
  if (Number(request.headers.get('content-length')) > max) return tooLarge(max);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  // Leaving the loop early cancels the stream.
  for await (const chunk of request.body ?? []) {
    bytes += chunk.byteLength;
    if (bytes > max) return tooLarge(max);
    chunks.push(chunk);
  }
  const text = await new Blob(chunks).text();
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
