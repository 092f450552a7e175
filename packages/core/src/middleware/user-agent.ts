import type { Middleware } from 'openapi-fetch';
import { isBrowser } from '../runtime';

declare const __VERSION__: string;

export const userAgent = `lemonvideo-js/${__VERSION__}`;

/** Names this client to the server; browsers set their own User-Agent, so it is left alone there. */
export function userAgentMiddleware(): Middleware {
  return {
    onRequest({ request }) {
      if (!isBrowser()) request.headers.set('User-Agent', userAgent);
    },
  };
}
