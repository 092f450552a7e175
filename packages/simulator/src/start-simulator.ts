import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiRoute, apiOperations, publicOperations } from './api-operations';
import { bearerToken, isAcceptedKey, ownerOf } from './authorize';
import { deliverReply } from './deliver-reply';
import { apiError } from './errors';
import {
  type Fault,
  FaultQueue,
  faultRouteOf,
  htmlFaultReply,
  type ResolvedFault,
  statusFaultReply,
} from './faults';
import { homePage } from './home-page';
import { matchRoute } from './match-route';
import { MaterialLibrary } from './material-library';
import { seededRandom } from './random';
import { type RateLimit, RateLimiter, rateLimitedReply } from './rate-limiter';
import { type Reply, writeReply } from './reply';
import { clipPath, serveVideo } from './serve-video';
import { simulatedClock } from './simulated-clock';
import { type SimulatedTask, TaskStore } from './task-store';

/** How `startSimulator` runs: each option with its default. */
export interface SimulatorOptions {
  /** Port to listen on. Default 0: a free port (the CLI's default is 4010). */
  port?: number;
  /** Interface to listen on. Default '127.0.0.1' (loopback only). */
  host?: string;
  /**
   * How many times faster simulated time runs (task timelines and their 48 h expiry).
   * Default 1; 60 makes one simulated minute pass per second.
   */
  speed?: number;
  /** The only API key accepted. Default undefined: any bearer key starting with 'sk-'. */
  apiKey?: string;
  /**
   * Models each listed key may not use: hidden from that key's `GET /v1/models`, and 403
   * `model_not_allowed` on create. Keyed by the API key itself (kept only as a digest).
   * Default: none, every key may use every model.
   */
  deniedModels?: Readonly<Record<string, readonly string[]>>;
  /**
   * Simulated ms a material asset stays `PROCESSING` after its upload before it turns
   * `ACTIVE` (or `FAILED`). Default 20_000.
   */
  assetProcessingMs?: number;
  /** Seed of the random source (task ids, timelines, random faults). Default 1: runs replay. */
  seed?: number;
  /**
   * Requests allowed per window and API key, on the real clock.
   * Default `{ limit: 600, windowMs: 60_000 }`; `false` disables the limit and its headers.
   */
  rateLimit?: RateLimit | false;
  /**
   * Probability in 0..1 that an API request gets a random fault (500, 502, 503, 504, a reset
   * or a slow answer). Default 0.
   */
  faultRate?: number;
  /** The real clock in Unix ms. Default `Date.now`; inject one to drive time in tests. */
  now?: () => number;
  /** Receives one line per request (method, path, status, fault), never headers or keys. Default: none. */
  log?: (line: string) => void;
}

/** What a simulator has answered since it started (`stats()`, or `GET /__simulator/stats`). */
export interface SimulatorStats {
  /** Tasks created, whatever became of them. */
  tasksCreated: number;
  /** Every request it answered, faults and refusals included. */
  requests: number;
  /** Requests per route: the spec's operationId, or `home`, `video`, `not-found`, `method-not-allowed`. */
  byRoute: Record<string, number>;
}

/** A running simulator, from `startSimulator`. */
export interface Simulator {
  /** Base URL, e.g. 'http://127.0.0.1:43121'. */
  readonly url: string;
  /** The port it listens on (the one chosen when `port` was 0). */
  readonly port: number;
  /** Stops listening and closes every socket, so a test process can exit. */
  close(): Promise<void>;
  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault): void;
  /** Its counts so far. */
  stats(): SimulatorStats;
  /** A snapshot of every task, for test assertions. */
  tasks(): ReadonlyArray<SimulatedTask>;
}

const defaultRateLimit: RateLimit = { limit: 600, windowMs: 60_000 };

/** Starts a local SIMULATOR of the LemonData video API (not the real API) and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const {
    port = 0,
    host = '127.0.0.1',
    speed = 1,
    apiKey,
    deniedModels = {},
    assetProcessingMs = 20_000,
    seed = 1,
    rateLimit = defaultRateLimit,
    faultRate = 0,
    now = Date.now,
    log,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError('port must be an integer in 0..65535');
  }
  if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError('speed must be > 0');
  if (!(faultRate >= 0 && faultRate <= 1)) throw new RangeError('faultRate must be in 0..1');
  if (!(assetProcessingMs >= 0)) throw new RangeError('assetProcessingMs must be >= 0');
  if (rateLimit && !(rateLimit.limit >= 0 && rateLimit.windowMs > 0)) {
    throw new RangeError('rateLimit needs limit >= 0 and windowMs > 0');
  }

  const clip = await readFile(clipPath);
  const clock = simulatedClock(now, speed);
  const store = new TaskStore(clock, seededRandom(seed));
  // A stream of its own, so uploads never shift task ids and timelines.
  const library = new MaterialLibrary(clock, seededRandom(seed + 0x51ed27), assetProcessingMs);
  const operate = apiOperations({
    store,
    library,
    deniedModels: new Map(
      Object.entries(deniedModels).map(([key, models]) => [ownerOf(key), new Set(models)]),
    ),
  });
  // A stream of its own, so random faults never shift task ids and timelines.
  const faults = new FaultQueue(seededRandom(seed + 0x9e3779b9), faultRate);
  const limiter = rateLimit ? new RateLimiter(rateLimit, now) : undefined;
  const counts = { requests: 0, byRoute: {} as Record<string, number> };
  const timers = new Set<NodeJS.Timeout>();
  const stats = (): SimulatorStats => ({
    tasksCreated: store.size,
    requests: counts.requests,
    byRoute: { ...counts.byRoute },
  });
  const hold = (send: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, ms);
    timers.add(timer);
  };

  /** Logs and writes one answer (or, for `reset`, none). */
  const finish = (
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply | 'reset',
    fault?: ResolvedFault,
  ) => {
    const path = new URL(req.url ?? '/', 'http://simulator.invalid').pathname;
    const lost = reply === 'reset' || fault?.kind === 'reset-after-create';
    const outcome = lost ? 'reset' : reply.status;
    log?.(`${req.method} ${path} -> ${outcome}${fault ? ` [fault: ${fault.kind}]` : ''}`);
    if (reply === 'reset') res.destroy();
    else deliverReply(res, reply, fault, hold);
  };

  let url = '';
  /** The origin the client used (its Host header), so links work through any alias of the host. */
  const originOf = (req: IncomingMessage) => {
    const hostHeader = req.headers.host ?? '';
    return /^[A-Za-z0-9.[\]:-]+$/.test(hostHeader) ? `http://${hostHeader}` : url;
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    route: ApiRoute,
    query: URLSearchParams,
  ) => {
    let fault: ResolvedFault | undefined;
    try {
      const header = req.headers['x-simulator-fault'];
      fault = faults.take(
        faultRouteOf[route.operation],
        typeof header === 'string' ? header : undefined,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const reply = apiError(400, 'invalid_request_error', `X-Simulator-Fault: ${reason}`, {
        param: 'X-Simulator-Fault',
      });
      return finish(req, res, reply);
    }
    if (fault?.kind === 'reset') return finish(req, res, 'reset', fault);
    const token = bearerToken(req.headers.authorization);
    // The vendor limits its public catalogue apart from the task routes: a model lookup never
    // spends a key's budget for creates and polls.
    const bucket = publicOperations.has(route.operation) ? 'catalogue' : 'tasks';
    const rate = limiter?.consume(
      `${bucket}:${token ? `key:${ownerOf(token)}` : `address:${req.socket.remoteAddress}`}`,
    );
    for (const [name, value] of Object.entries(rate?.headers ?? {})) res.setHeader(name, value);

    let reply: Reply;
    if (rate && !rate.allowed) {
      reply = rateLimitedReply(rate);
    } else if (fault?.kind === 'status') {
      reply = statusFaultReply(fault);
    } else if (fault?.kind === 'html') {
      reply = htmlFaultReply(fault);
    } else if (
      (req.headers.authorization !== undefined || !publicOperations.has(route.operation)) &&
      !isAcceptedKey(token, apiKey)
    ) {
      // The catalogue answers without a key, but a key that is sent must be valid.
      reply = apiError(
        401,
        'invalid_api_key',
        req.headers.authorization === undefined
          ? 'Missing API key: send `Authorization: Bearer sk-...`.'
          : 'Invalid API key provided.',
      );
    } else {
      const owner = token === undefined ? undefined : ownerOf(token);
      reply = await operate(route, { req, query, origin: originOf(req), owner });
    }
    finish(req, res, reply, fault);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    counts.requests += 1;
    res.setHeader('X-LemonVideo-Simulator', '1');
    res.setHeader('X-Request-Id', `req_sim_${randomUUID().replaceAll('-', '')}`);
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://simulator.invalid');
    const route = matchRoute(req.method ?? 'GET', pathname);
    const name = route.kind === 'api' ? route.operation : route.kind;
    counts.byRoute[name] = (counts.byRoute[name] ?? 0) + 1;
    switch (route.kind) {
      case 'api':
        return handleApi(req, res, route, searchParams);
      case 'home':
        return finish(req, res, homePage());
      case 'stats':
        return finish(req, res, { status: 200, body: stats() });
      case 'video': {
        const task = store.find(route.taskId);
        if (!task || store.now(task).status !== 'completed') {
          return finish(req, res, apiError(404, 'not_found', 'No video at this URL.'));
        }
        let fault: ResolvedFault | undefined;
        try {
          const header = req.headers['x-simulator-fault'];
          fault = faults.takeVideo(typeof header === 'string' ? header : undefined);
        } catch {}
        if (fault?.kind === 'status') return finish(req, res, statusFaultReply(fault), fault);
        if (fault?.kind === 'html') return finish(req, res, htmlFaultReply(fault), fault);
        if (fault?.kind === 'reset' || fault?.kind === 'reset-after-create') {
          return finish(req, res, 'reset', fault);
        }
        log?.(`${req.method} ${pathname} -> video${fault ? ` [fault: ${fault.kind}]` : ''}`);
        if (fault?.kind === 'slow') return hold(() => serveVideo(req, res, clip), fault.delayMs);
        return serveVideo(req, res, clip, fault);
      }
      case 'method-not-allowed': {
        const reply = apiError(405, 'method_not_allowed', `Use ${route.allow} on this path.`);
        return finish(req, res, { ...reply, headers: { Allow: route.allow } });
      }
      case 'not-found': {
        const message = `The simulator has no route ${req.method} ${pathname}.`;
        return finish(req, res, apiError(404, 'not_found', message));
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log?.(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else
        writeReply(res, apiError(500, 'simulator_error', 'The simulator failed on this request.'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${shownHost}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
    inject: (fault) => faults.inject(fault),
    stats,
    tasks: () => store.snapshot(),
  };
}
