import { STATUS_CODES } from 'node:http';
import type { operations } from '@lemonvideo/shared';
import { apiError } from './errors';
import { between, type Random } from './random';
import type { Reply } from './reply';

export const faultKinds = [
  'status',
  'slow',
  'reset',
  'reset-after-create',
  'cut',
  'html',
  'truncated',
  'stall',
] as const;

/**
 * - `status`: answer with `status` in the documented envelope and code.
 * - `slow`: hold the answer for `delayMs`.
 * - `reset`: destroy the connection before doing anything.
 * - `reset-after-create`: do the work (a create creates its task), then destroy the connection.
 * - `cut`: send the headers and half the body, then destroy the connection.
 * - `html`: a 502 HTML page, as a proxy in front of the API would send.
 * - `truncated`: a complete answer whose JSON body stops halfway.
 * - `stall`: the headers and the first bytes of the body (1,000, or half of a shorter one),
 *   then nothing, the connection held open until the client gives up or the simulator closes.
 */
export type FaultKind = (typeof faultKinds)[number];

/** `video`: a completed task's video (`GET /videos/<id>.mp4`), as a CDN serves it. */
export type FaultRoute = 'create' | 'task' | 'cancel' | 'models' | 'assets' | 'video' | 'any';

/** A fault to inject into the simulator's answers (`inject`, or the `X-Simulator-Fault` header). */
export interface Fault {
  /** What goes wrong (see `FaultKind`). */
  readonly kind: FaultKind;
  /** Which requests it hits. Default 'any' ('create' for `reset-after-create`). */
  readonly route?: FaultRoute;
  /** How many matching requests it hits. Default 1. */
  readonly times?: number;
  /** The HTTP status of `status` (default 500) and `html` (default 502). */
  readonly status?: number;
  /** Seconds for `Retry-After` on a 429 (default 1) or 503 (default none). */
  readonly retryAfter?: number;
  /** How long `slow` holds the answer, in real ms. Default 3000. */
  readonly delayMs?: number;
}

/** The fault route of each operation of the spec. */
export const faultRouteOf: Record<keyof operations, Exclude<FaultRoute, 'any' | 'video'>> = {
  createVideoGeneration: 'create',
  getTask: 'task',
  getVideoGeneration: 'task',
  cancelTask: 'cancel',
  listModels: 'models',
  retrieveModel: 'models',
  retrieveModelPricing: 'models',
  createMaterialAsset: 'assets',
  listMaterialAssets: 'assets',
  retrieveMaterialAsset: 'assets',
  updateMaterialAsset: 'assets',
  deleteMaterialAsset: 'assets',
  createMaterialAssetGroup: 'assets',
  listMaterialAssetGroups: 'assets',
  retrieveMaterialAssetGroup: 'assets',
  updateMaterialAssetGroup: 'assets',
  deleteMaterialAssetGroup: 'assets',
};

/** The documented code and message of each status a `status` fault can answer with. */
const statusErrors: Record<number, { code: string; message: string }> = {
  401: { code: 'invalid_api_key', message: 'Invalid API key provided.' },
  402: { code: 'insufficient_balance', message: 'Insufficient balance to run this task.' },
  403: { code: 'access_denied', message: 'This API key may not use this route.' },
  404: { code: 'async_task_not_found', message: 'Task not found or no longer available.' },
  429: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded.' },
  500: { code: 'server_error', message: 'An internal error occurred.' },
  502: { code: 'upstream_error', message: 'The upstream provider returned an error.' },
  503: { code: 'all_channels_failed', message: 'All available channels failed.' },
  504: { code: 'timeout_error', message: 'The upstream provider timed out.' },
};

const defaultDelayMs = 3000;

/** A fault with its defaults filled in. */
export type ResolvedFault = Required<Omit<Fault, 'retryAfter'>> & Pick<Fault, 'retryAfter'>;

/** `fault` with its defaults, or a RangeError saying what is wrong with it. */
function checked(fault: Fault): ResolvedFault {
  if (!faultKinds.includes(fault.kind)) {
    throw new RangeError(`unknown fault kind '${fault.kind}' (one of ${faultKinds.join(', ')})`);
  }
  const status = fault.status ?? (fault.kind === 'html' ? 502 : 500);
  if (fault.kind === 'status' && !(status in statusErrors)) {
    throw new RangeError(`status ${status} is not one of ${Object.keys(statusErrors).join(', ')}`);
  }
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be an integer >= 1');
  const delayMs = fault.delayMs ?? defaultDelayMs;
  if (!(delayMs >= 0)) throw new RangeError('delayMs must be >= 0');
  if (fault.retryAfter !== undefined && !(fault.retryAfter >= 0)) {
    throw new RangeError('retryAfter must be >= 0');
  }
  return {
    kind: fault.kind,
    route: fault.route ?? (fault.kind === 'reset-after-create' ? 'create' : 'any'),
    times,
    status,
    delayMs,
    ...(fault.retryAfter !== undefined && { retryAfter: fault.retryAfter }),
  };
}

/**
 * Parses `X-Simulator-Fault: <kind>[; status=503][; retry-after=2][; delay=3000]`; throws a
 * RangeError naming the problem.
 */
export function parseFaultHeader(value: string): ResolvedFault {
  const [kind = '', ...parameters] = value.split(';').map((part) => part.trim());
  const fault: { -readonly [K in keyof Fault]: Fault[K] } = { kind: kind as FaultKind };
  for (const parameter of parameters) {
    const [name, raw = ''] = parameter.split('=').map((part) => part.trim());
    const number = Number(raw);
    if (raw === '' || !Number.isFinite(number)) {
      throw new RangeError(`'${parameter}' needs a number`);
    }
    if (name === 'status') fault.status = number;
    else if (name === 'retry-after') fault.retryAfter = number;
    else if (name === 'delay') fault.delayMs = number;
    else throw new RangeError(`unknown parameter '${name}' (status, retry-after, delay)`);
  }
  return checked(fault);
}

/** Faults waiting for requests: injected ones, per-request headers and random ones. */
export class FaultQueue {
  readonly #queued: { fault: ResolvedFault; remaining: number }[] = [];

  /** `rate`: probability that a request gets a random fault; drawn from `random`. */
  constructor(
    private readonly random: Random,
    private readonly rate: number,
  ) {}

  inject(fault: Fault): void {
    const queued = checked(fault);
    this.#queued.push({ fault: queued, remaining: queued.times });
  }

  /**
   * The fault for one request on `route`: the one its `X-Simulator-Fault` header asks for, else
   * the next injected one for the route, else (at `rate`) a random one.
   */
  take(
    route: Exclude<FaultRoute, 'any' | 'video'>,
    header: string | undefined,
  ): ResolvedFault | undefined {
    if (header !== undefined) return parseFaultHeader(header);
    const index = this.#queued.findIndex(
      ({ fault }) => fault.route === 'any' || fault.route === route,
    );
    const entry = this.#queued[index];
    if (entry) {
      entry.remaining -= 1;
      if (entry.remaining === 0) this.#queued.splice(index, 1);
      return entry.fault;
    }
    return this.rate > 0 && this.random() < this.rate ? this.#randomFault() : undefined;
  }

  /**
   * The fault for one video download: the one its `X-Simulator-Fault` header asks for, else
   * the next one injected for route `video`. Faults for `any` route and random ones never hit
   * videos, which are a CDN's, not the API's.
   */
  takeVideo(header: string | undefined): ResolvedFault | undefined {
    if (header !== undefined) return parseFaultHeader(header);
    const index = this.#queued.findIndex(({ fault }) => fault.route === 'video');
    const entry = this.#queued[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#queued.splice(index, 1);
    return entry.fault;
  }

  #randomFault(): ResolvedFault {
    const faults: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'status', status: 503, retryAfter: 1 },
      { kind: 'status', status: 504 },
      { kind: 'reset' },
      { kind: 'slow', delayMs: Math.round(between(this.random, [1000, 4000])) },
    ];
    return checked(faults[Math.floor(this.random() * faults.length)] ?? { kind: 'reset' });
  }
}

/** The answer of a `status` fault, in the envelope and with the code the spec documents. */
export function statusFaultReply(fault: ResolvedFault): Reply {
  const { status } = fault;
  const { code, message } = statusErrors[status] ?? { code: 'upstream_error', message: 'Error.' };
  const retryAfter = fault.retryAfter ?? (status === 429 ? 1 : undefined);
  return apiError(status, code, `${message} (simulated fault)`, {
    ...(retryAfter !== undefined &&
      (status === 429 || status === 503) && {
        retry_after: retryAfter,
      }),
    ...(status === 402 && { balance_usd: 0 }),
  });
}

/** The answer of an `html` fault: the error page of a proxy, not JSON. */
export function htmlFaultReply({ status }: ResolvedFault): Reply {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return {
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<html>
<head><title>${title}</title></head>
<body>
<center><h1>${title}</h1></center>
<hr><center>lemonvideo SIMULATOR (simulated proxy error page)</center>
</body>
</html>
`,
  };
}
