import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createProxyHandler } from './create-proxy-handler';
import { hasUnsafeSegment, invalidPath } from './match-route';
import type { ProxyOptions } from './options';
import { proxyError } from './proxy-error';

export type { ProxyOptions } from './options';

/** A node:http request listener that is also Express middleware. */
export type NodeProxyHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** Express adds these; plain node:http has neither. */
type MaybeExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * The request body as a web stream, read only on demand (so a body the proxy never reads is left
 * to node:http, which discards it). Cancelling it drains the rest instead of destroying the
 * request, which would drop the socket before the 413 is written.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req.iterator({ destroyOnReturn: false });
  return new ReadableStream(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await chunks.return?.();
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/** The body to hand on: what a body parser already read (Express), else the stream. */
function bodyOf(req: MaybeExpressRequest): BodyInit | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (!req.readableEnded) return bodyStream(req);
  const parsed = req.body;
  if (parsed === undefined || typeof parsed === 'string') return parsed;
  return parsed instanceof Uint8Array ? new Uint8Array(parsed) : JSON.stringify(parsed);
}

/**
 * Methods a Fetch `Request` cannot carry (the Fetch standard forbids them; node:http passes
 * TRACE on). No route of the spec has one, so the handler is asked with a stand-in that no
 * route has either, and answers as it does any method a path lacks: 405 with `Allow` on a
 * route, 404 elsewhere. Nothing is forwarded.
 */
const unsendable = /^(CONNECT|TRACE|TRACK)$/i;

function toRequest(req: MaybeExpressRequest, path: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const body = bodyOf(req);
  if (req.readableEnded) headers.delete('content-length');
  // Only the path matters to the proxy: a fixed origin keeps the Host header out of it.
  const method = req.method ?? 'GET';
  return new Request(new URL(path, 'http://localhost'), {
    method: unsendable.test(method) ? 'UNSENDABLE' : method,
    headers,
    body: body ?? null,
    signal,
    duplex: 'half',
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/**
 * The proxy for node:http and Express: converts the request to a Fetch `Request`, runs
 * `createProxyHandler(options)` and streams its `Response` back.
 */
export function createNodeProxyHandler(options: ProxyOptions = {}): NodeProxyHandler {
  const handle = createProxyHandler(options);
  return (req: MaybeExpressRequest, res, next) => {
    const path = req.originalUrl ?? req.url ?? '/';
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const failed = (error: unknown) => {
      if (next) next(error);
      else if (res.headersSent) res.destroy();
      else
        send(res, proxyError(500, 'proxy_error', 'The proxy failed.')).catch(() => res.destroy());
    };
    Promise.resolve()
      // The URL parser would resolve `..` and `\` before the handler sees them: refuse them here.
      .then(() =>
        hasUnsafeSegment(path.split('?')[0] as string)
          ? invalidPath()
          : handle(toRequest(req, path, aborted.signal)),
      )
      .then((response) => send(res, response))
      .catch(failed);
  };
}
