/**
 * An answer the proxy makes itself, in the API's error envelope, so `@lemonvideo/core` turns it
 * into the same error classes as the API's own.
 */
export function proxyError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  const type =
    status === 401
      ? 'authentication_error'
      : status >= 500
        ? 'server_error'
        : 'invalid_request_error';
  return Response.json({ error: { message, type, code } }, { status, headers });
}
