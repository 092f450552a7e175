import type { paths } from '@lemonvideo/shared';
import { readEnv } from '@lemonvideo/shared/read-env';
import { defaultBaseURL as specBaseURL } from '@lemonvideo/shared/servers';
import createClient, { type Client } from 'openapi-fetch';
import { checkOption, positiveOption, wholeOption } from './check-option';
import type { ClientContext } from './client-context';
import { type Clock, systemClock } from './clock';
import { DurationStats } from './duration-stats';
import { LemonVideoError } from './errors';
import { type PollOptions, pollStrategy } from './poll-strategy';
import { RequestGate } from './request-gate';
import { Assets } from './resources/assets';
import { Models } from './resources/models';
import { Tasks } from './resources/tasks';
import { Videos } from './resources/videos';
import { createRetryingFetch } from './retrying-fetch';
import { isBrowser } from './runtime';
import type { VideoModel } from './video-model';

/**
 * Where the API lives (spec: the first of servers). A value of its own here, so the
 * declaration files hold it rather than an import of the unpublished package.
 */
export const defaultBaseURL = specBaseURL;

/** Milliseconds one call may take, retries included, unless the client or call says otherwise. */
export const defaultCallTimeout = 60_000;

export interface LemonVideoOptions {
  /** API key (`sk-...`). Default: the `LEMONDATA_API_KEY` environment variable; none behind a proxy. */
  apiKey?: string | undefined;
  /**
   * Where the API lives: a URL, or a path such as `/api/lemonvideo` for a same-origin proxy.
   * Default: `LEMONDATA_BASE_URL`, then `https://api.lemondata.cc`.
   */
  baseURL?: string | undefined;
  /** The `fetch` to send requests with. Default: the global `fetch`, looked up per request. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Retries of a failed read or cancel (a create only when the server refused it). Default 2. */
  maxRetries?: number | undefined;
  /** Milliseconds one call may take, retries included; `Infinity` for no limit. Default 60 000. */
  timeout?: number | undefined;
  /**
   * Allow an `sk-` key in a web page, where every visitor can read it. Default false: use
   * `@lemonvideo/proxy` on your server instead.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Requests per second this client may send, shared fairly by all its jobs and never
   * exceeded. Default: no limit (a 429 still holds every job back for its Retry-After).
   */
  maxRequestsPerSecond?: number | undefined;
  /** How jobs poll, unless a job says otherwise. Default: adaptive between 1 s and 10 s. */
  poll?: PollOptions | undefined;
  /** Where time comes from. Default: the system clock. Inject one to poll on virtual time. */
  clock?: Clock | undefined;
  /**
   * Receives one line per request attempt and retry (method, path, status, time, request id),
   * e.g. `console.error`. Never a header, a body or the key. Default: none.
   */
  debug?: ((line: string) => void) | undefined;
  /**
   * Check a create that names a model against the model's details before sending it: its
   * details are fetched once per client (`models.details`), and a duration, resolution,
   * aspect ratio or operation the model does not offer, or a retired model, is refused with a
   * `RequestValidationError` listing what it allows; an unknown model is the API's
   * `NotFoundError`; nothing is sent. Details that cannot be fetched for another reason
   * (network, 5xx) do not hold the create back: the API checks it then. Default true.
   */
  checkModels?: boolean | undefined;
  /**
   * Receives a warning about a create, once per model and client: a deprecated model, with
   * its replacement. Default: `console.warn(message)`.
   */
  onWarning?: ((message: string, model: VideoModel) => void) | undefined;
}

declare const __VERSION__: string;

/** The package version, set by the build; `dev` when the source runs unbuilt. */
const userAgent = `lemonvideo-js/${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}`;

/**
 * Sent with every request: the key as a bearer token (the only auth the API accepts), and
 * this client's name, except in browsers, which set their own User-Agent.
 */
function requestHeaders(apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = isBrowser() ? {} : { 'User-Agent': userAgent };
  if (apiKey !== undefined) headers.Authorization = `Bearer ${apiKey}`;
  return headers;
}

/** The LemonData video API client. */
export class LemonVideo {
  /** The base URL every request goes to, without a trailing slash. */
  readonly baseURL: string;
  readonly timeout: number;
  /** Where this client reads time and waits: the `clock` option, else the system clock. */
  readonly clock: Clock;
  readonly maxRetries: number;
  /** The typed openapi-fetch client, with this client's auth, retries and errors. */
  readonly openapi: Client<paths>;
  readonly videos: Videos;
  readonly tasks: Tasks;
  readonly models: Models;
  /** The Seedance material library: assets and groups named in creates. */
  readonly assets: Assets;

  constructor(options: LemonVideoOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('LEMONDATA_API_KEY');
    if (apiKey !== undefined && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new LemonVideoError(
        'An API key in a web page is readable by everyone who opens it: keep it on your server with @lemonvideo/proxy (then `baseURL: "/api/lemonvideo"`, no key), or pass `dangerouslyAllowBrowser: true`.',
      );
    }
    this.baseURL = checkOption(
      options.baseURL ?? readEnv('LEMONDATA_BASE_URL'),
      'baseURL',
      defaultBaseURL,
      (url) => /^(https?:\/\/[^/]|\/)/.test(url),
      'must be an http(s) URL or a path starting with "/"',
    ).replace(/\/+$/, '');
    this.timeout = positiveOption(options.timeout, 'timeout', defaultCallTimeout);
    this.maxRetries = wholeOption(options.maxRetries, 'maxRetries', 2, 0);
    const maxRequestsPerSecond = wholeOption(
      options.maxRequestsPerSecond,
      'maxRequestsPerSecond',
      undefined,
      1,
    );
    // Checks the poll options now rather than at the first job.
    pollStrategy(options.poll);
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    const custom = options.fetch;
    const fetch: typeof globalThis.fetch = (input, init) =>
      (custom ?? globalThis.fetch)(input, init);
    this.openapi = createClient<paths>({
      baseUrl: this.baseURL,
      headers: requestHeaders(apiKey),
      fetch: createRetryingFetch({
        fetch,
        maxRetries: this.maxRetries,
        clock,
        gate: new RequestGate(clock, maxRequestsPerSecond),
        debug: options.debug,
      }),
    });
    const context: ClientContext = {
      openapi: this.openapi,
      timeout: this.timeout,
      clock,
      fetch,
      stats: new DurationStats(),
      poll: options.poll,
      client: this,
      checkModels: options.checkModels ?? true,
      onWarning: options.onWarning ?? ((message) => console.warn(message)),
    };
    this.videos = new Videos(context);
    this.tasks = new Tasks(context, this.baseURL);
    this.models = new Models(context);
    this.assets = new Assets(context);
  }
}
