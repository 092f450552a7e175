import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerToken, digest, isAcceptedKey } from './authorize';
import { apiError, invalidRequest, taskNotFound } from './errors';
import {
  type Fault,
  FaultQueue,
  faultRouteOf,
  htmlFaultReply,
  type ResolvedFault,
  statusFaultReply,
} from './faults';
import { homePage } from './home-page';
import { matchRoute, type Route } from './match-route';
import { closestModelId, findModel, modelBody, modelListBody } from './models';
import { seededRandom } from './random';
import { type RateLimit, RateLimiter } from './rate-limiter';
import { maxBodyBytes, readBody } from './read-body';
import { encodeReply, type Reply, writeReply } from './reply';
import { clipPath, serveVideo } from './serve-video';
import { simulatedClock } from './simulated-clock';
import { taskBody } from './task-body';
import { type SimulatedTask, TaskStore } from './task-store';
import { createRequestValidator, modelIssues } from './validate-request';

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

export interface SimulatorStats {
  tasksCreated: number;
  requests: number;
  /** Requests per route: the spec's operationId, or `home`, `video`, `not-found`, `method-not-allowed`. */
  byRoute: Record<string, number>;
}

export interface Simulator {
  /** Base URL, e.g. 'http://127.0.0.1:43121'. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every socket, so a test process can exit. */
  close(): Promise<void>;
  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault): void;
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
  if (rateLimit && !(rateLimit.limit >= 0 && rateLimit.windowMs > 0)) {
    throw new RangeError('rateLimit needs limit >= 0 and windowMs > 0');
  }

  const clip = await readFile(clipPath);
  const validateCreate = createRequestValidator();
  const store = new TaskStore(simulatedClock(now, speed), seededRandom(seed));
  // A stream of its own, so random faults never shift task ids and timelines.
  const faults = new FaultQueue(seededRandom(seed + 0x9e3779b9), faultRate);
  const limiter = rateLimit ? new RateLimiter(rateLimit, now) : undefined;
  const counts: SimulatorStats = { tasksCreated: 0, requests: 0, byRoute: {} };
  const timers = new Set<NodeJS.Timeout>();

  const note = (req: IncomingMessage, outcome: number | string, fault?: ResolvedFault) => {
    const path = new URL(req.url ?? '/', 'http://simulator.invalid').pathname;
    log?.(`${req.method} ${path} -> ${outcome}${fault ? ` [fault: ${fault.kind}]` : ''}`);
  };

  let url = '';
  /** The origin the client used (its Host header), so links work through any alias of the host. */
  const origin = (req: IncomingMessage) => {
    const hostHeader = req.headers.host ?? '';
    return /^[A-Za-z0-9.[\]:-]+$/.test(hostHeader) ? `http://${hostHeader}` : url;
  };

  const createTask = async (req: IncomingMessage): Promise<Reply> => {
    const text = await readBody(req);
    if (text === undefined) {
      return apiError(
        413,
        'payload_too_large',
        `The request body is too large (over ${maxBodyBytes} bytes).`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return invalidRequest([
        { field: 'body', message: 'is not valid JSON', code: 'invalid_json' },
      ]);
    }
    const check = validateCreate(body);
    if (!check.ok) return invalidRequest(check.issues);
    const model = findModel(check.request.model);
    if (!model) {
      return apiError(
        404,
        'model_not_found',
        `The model '${check.request.model}' does not exist.`,
        {
          param: 'model',
          did_you_mean: closestModelId(check.request.model),
        },
      );
    }
    const issues = modelIssues(model, check.request);
    if (issues.length > 0) return invalidRequest(issues);
    const task = store.create(model, check.request);
    counts.tasksCreated += 1;
    return { status: 200, body: taskBody(task, store.now(task), origin(req)) };
  };

  const cancelTask = (req: IncomingMessage, id: string): Reply => {
    const result = store.cancel(id);
    switch (result.kind) {
      case 'cancelled':
        return { status: 200, body: taskBody(result.task, store.now(result.task), origin(req)) };
      case 'not-found':
        return taskNotFound();
      case 'unsupported':
        return apiError(
          400,
          'unsupported_task_cancel',
          'Cancellation is not supported for this task.',
        );
      case 'not-cancellable':
        return apiError(
          409,
          'task_not_cancellable',
          'The task is no longer queued and can no longer be cancelled.',
        );
    }
  };

  const operate = async (
    req: IncomingMessage,
    route: Extract<Route, { kind: 'api' }>,
    query: URLSearchParams,
  ): Promise<Reply> => {
    switch (route.operation) {
      case 'createVideoGeneration':
        return createTask(req);
      case 'getTask':
      case 'getVideoGeneration': {
        const task = store.find(route.param);
        if (!task) return taskNotFound();
        return { status: 200, body: taskBody(task, store.now(task), origin(req)) };
      }
      case 'cancelTask':
        return cancelTask(req, route.param);
      case 'listModels':
        return { status: 200, body: modelListBody(query.get('category')) };
      case 'retrieveModel': {
        const model = findModel(route.param);
        if (model) return { status: 200, body: modelBody(model) };
        return apiError(404, 'model_not_found', `The model '${route.param}' does not exist.`, {
          param: 'model',
          did_you_mean: closestModelId(route.param),
        });
      }
    }
  };

  /** Writes `reply`, bent by the fault that asked for a slow, lost, cut or truncated answer. */
  const deliver = (
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply,
    fault: ResolvedFault | undefined,
  ) => {
    const send = () => {
      if (res.destroyed) return;
      note(req, fault?.kind === 'reset-after-create' ? 'reset' : reply.status, fault);
      if (fault?.kind === 'reset-after-create') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'cut' || fault?.kind === 'truncated') {
        const { headers, bytes } = encodeReply(reply);
        const half = bytes.subarray(0, Math.floor(bytes.length / 2));
        if (fault.kind === 'truncated') {
          res.writeHead(reply.status, { ...headers, 'Content-Length': String(half.length) });
          res.end(half);
        } else {
          res.writeHead(reply.status, headers);
          res.write(half, () => res.destroy());
        }
        return;
      }
      writeReply(res, reply);
    };
    if (fault?.kind !== 'slow') return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, fault.delayMs);
    timers.add(timer);
  };

  const handleApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<Route, { kind: 'api' }>,
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
      return deliver(
        req,
        res,
        apiError(400, 'invalid_request_error', `X-Simulator-Fault: ${reason}`, {
          param: 'X-Simulator-Fault',
        }),
        undefined,
      );
    }
    if (fault?.kind === 'reset') {
      note(req, 'reset', fault);
      req.socket.destroy();
      return;
    }
    const token = bearerToken(req.headers.authorization);
    const rate = limiter?.consume(
      token ? `key:${digest(token).toString('hex')}` : `address:${req.socket.remoteAddress}`,
    );
    for (const [name, value] of Object.entries(rate?.headers ?? {})) res.setHeader(name, value);

    let reply: Reply;
    if (rate && !rate.allowed) {
      const seconds = rate.retryAfterSeconds;
      reply = apiError(
        429,
        'rate_limit_exceeded',
        `Rate limit exceeded. Retry after ${seconds} seconds.`,
        { retry_after: seconds },
      );
    } else if (fault?.kind === 'status') {
      reply = statusFaultReply(fault);
    } else if (fault?.kind === 'html') {
      reply = htmlFaultReply(fault);
    } else if (!isAcceptedKey(token, apiKey)) {
      reply = apiError(
        401,
        'invalid_api_key',
        req.headers.authorization === undefined
          ? 'Missing API key: send `Authorization: Bearer sk-...`.'
          : 'Invalid API key provided.',
      );
    } else {
      reply = await operate(req, route, query);
    }
    deliver(req, res, reply, fault);
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
        return deliver(req, res, homePage(), undefined);
      case 'video': {
        const task = store.find(route.taskId);
        if (task && store.now(task).status === 'completed') {
          note(req, 'video');
          return serveVideo(req, res, clip);
        }
        return deliver(req, res, apiError(404, 'not_found', 'No video at this URL.'), undefined);
      }
      case 'method-not-allowed': {
        const reply = apiError(405, 'method_not_allowed', `Use ${route.allow} on this path.`);
        return deliver(req, res, { ...reply, headers: { Allow: route.allow } }, undefined);
      }
      case 'not-found':
        return deliver(
          req,
          res,
          apiError(404, 'not_found', `The simulator has no route ${req.method} ${pathname}.`),
          undefined,
        );
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
    stats: () => ({ ...counts, byRoute: { ...counts.byRoute } }),
    tasks: () => store.snapshot(),
  };
}
