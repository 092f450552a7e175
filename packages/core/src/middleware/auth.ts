import type { Middleware } from 'openapi-fetch';

/** Sends the API key as a bearer token, the only auth the API accepts. */
export function authMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${apiKey}`);
    },
  };
}
