import type { Middleware } from 'openapi-fetch';
import { isBrowser } from '../runtime';

declare const __VERSION__: string;

/** The package version, set by the build; `dev` when the source runs unbuilt. */
const userAgent = `lemonvideo-js/${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}`;

/** Names this client to the server; browsers set their own User-Agent, so it is left alone there. */
export function userAgentMiddleware(): Middleware {
  return {
    onRequest({ request }) {
      if (!isBrowser()) request.headers.set('User-Agent', userAgent);
    },
  };
}
