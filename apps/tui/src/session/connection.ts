import { randomInt } from 'node:crypto';
import {
  defaultBaseURL,
  LemonVideo,
  type LemonVideoOptions,
  type VideoModel,
} from '@lemonvideo/core';
import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import type { Simulator } from '@lemonvideo/simulator';
import { describeError } from './describe-error';
import { UsageError } from './errors';
import type { HistoryApi } from './history-store';
import { maskKey } from './mask-key';
import { maskingFetch } from './masking-fetch';

/** Sent to a simulator on this machine when no key is configured; never valid on the real API. */
const simulatorKey = 'sk-lemonvideo-simulator';

/** How fast the embedded simulator runs: a minute-long generation takes six seconds. */
const embeddedSpeed = 10;

export interface ConnectOptions {
  /** `--base-url`; else `LEMONDATA_BASE_URL`. */
  baseUrl?: string | undefined;
  env: Env;
  /** Milliseconds one API call may take. Default: the client's (60 s). */
  timeoutMs?: number | undefined;
  /** Receives the client's warnings (a deprecated model). Default: none are shown. */
  onWarning?: ((message: string, model: VideoModel) => void) | undefined;
}

/** Where requests go and how the app may speak of it. Holds the key, and never shows it. */
export interface Connection {
  client: LemonVideo;
  /** Another client for the same API and key, with other options (a batch's `maxRetries: 0`). */
  clientWith(options: Pick<LemonVideoOptions, 'maxRetries'>): LemonVideo;
  api: HistoryApi;
  baseURL: string;
  /** `sk-…abcd`, or null when no key is sent. */
  maskedKey: string | null;
  /** Any error as one line, its fields named by `fieldName`, with the key masked. */
  describe(error: unknown, fieldName: (field: string) => string): string;
  /** Stops the embedded simulator, if any. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A base URL this app can use: an absolute http(s) URL (the client also takes a path). */
function parseBaseUrl(value: string, source: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (url === undefined || !/^https?:$/.test(url.protocol)) {
    throw new UsageError(`${source} must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
  return url;
}

/**
 * The client from `LEMONDATA_API_KEY`, `--base-url` and `LEMONDATA_BASE_URL`. With no key and
 * no base URL it starts the SIMULATOR in this process; with no key and a base URL on this
 * machine it sends the simulator's placeholder key.
 */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const { env } = options;
  const configuredKey = readEnv('LEMONDATA_API_KEY', env);
  const flagUrl = options.baseUrl?.trim() || undefined;
  const given = flagUrl ?? readEnv('LEMONDATA_BASE_URL', env);
  let simulator: Simulator | undefined;
  let url: URL;
  if (given) {
    url = parseBaseUrl(given, flagUrl ? '--base-url' : 'LEMONDATA_BASE_URL');
  } else if (configuredKey) {
    url = new URL(defaultBaseURL);
  } else {
    // Loaded only when it runs: a command against the real API never pays for it.
    const { startSimulator } = await import('@lemonvideo/simulator');
    // A seed of its own, so that its task ids never repeat those of an earlier run in history.
    simulator = await startSimulator({ speed: embeddedSpeed, seed: randomInt(1, 2 ** 31) });
    url = new URL(simulator.url);
  }
  const isLocal = loopbackHosts.has(url.hostname) || url.hostname.startsWith('127.');
  const onSimulator = simulator !== undefined || (configuredKey === undefined && isLocal);
  const apiKey = configuredKey ?? (onSimulator ? simulatorKey : undefined);
  // Without a query or fragment; the client itself drops trailing slashes (its rule, in core).
  const baseURL = `${url.origin}${url.pathname}`;
  // Every answer of the API reaches the app with the key masked (see `maskingFetch`). The
  // client's transport, looked up per request as core does: it sends nothing of its own.
  const send: typeof globalThis.fetch = (input, init) =>
    // biome-ignore lint/nursery/noJsRestrictedProperties: the client's own fetch, wrapped to mask the key in its answers.
    globalThis.fetch(input, init);
  const clientWith = (extra: Pick<LemonVideoOptions, 'maxRetries'>) =>
    new LemonVideo({
      apiKey,
      baseURL,
      timeout: options.timeoutMs,
      fetch: apiKey ? maskingFetch(apiKey, send) : undefined,
      // Never the console: it would break into the app's screen.
      onWarning: options.onWarning ?? (() => undefined),
      ...extra,
    });
  const client = clientWith({});
  return {
    client,
    clientWith,
    api: { host: url.host, simulator: onSimulator, embedded: simulator !== undefined },
    baseURL: client.baseURL,
    maskedKey: apiKey ? maskKey(apiKey) : null,
    describe: (error, fieldName) => describeError(error, { apiKey, fieldName }),
    close: async () => simulator?.close(),
  };
}
