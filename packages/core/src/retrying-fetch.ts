import { CallTimeout } from './call-signal';
import type { Clock } from './clock';
import { APIError, ConnectionError, RateLimitError } from './errors';
import type { RequestGate } from './request-gate';
import { isRetryable, retryDelayMs } from './retry-policy';
import { errorFromResponse, parseJson, unreadableResponseError } from './to-error';

interface RetryingFetchOptions {
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  clock: Clock;
  /** Shared by every request of the client: the rate budget, and the pause after a 429. */
  gate: RequestGate;
  /** Receives a line per attempt and retry; never a header or a body. */
  debug: ((line: string) => void) | undefined;
}

/**
 * The `fetch` under openapi-fetch's middleware: sends each attempt, turns every failure into
 * its error class (the one place that does), and retries what the retry policy allows.
 * It only ever returns a success whose body is readable JSON (or empty).
 */
export function createRetryingFetch(options: RetryingFetchOptions) {
  return async function retryingFetch(request: Request): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.gate.acquire(request.signal).catch((reason: unknown) => {
          throw reason instanceof CallTimeout ? notSentInTime(reason) : reason;
        });
        // A request without a body can be sent again as it is; one with a body is used up.
        const last = attempt >= options.maxRetries;
        const attemptRequest = last || request.body === null ? request : request.clone();
        options.gate.sent();
        const started = options.clock.now();
        const response = await sendOnce(options, attemptRequest).catch((error: unknown) => {
          options.debug?.(
            `${describe(request)} failed after ${options.clock.now() - started} ms: ${outcomeOf(error)}`,
          );
          throw error;
        });
        options.debug?.(
          `${describe(request)} ${response.status} in ${options.clock.now() - started} ms`,
        );
        return response;
      } catch (error) {
        const delay = retryDelayMs(error, attempt);
        if (error instanceof RateLimitError) options.gate.closeFor(delay);
        if (attempt >= options.maxRetries || !isRetryable(error, request.method)) throw error;
        options.debug?.(
          `${describe(request)} retry ${attempt + 1} of ${options.maxRetries} in ${Math.round(delay)} ms`,
        );
        try {
          await options.clock.sleep(delay, request.signal);
        } catch (reason) {
          // Out of time while waiting to retry: the failure we were waiting out says more.
          throw reason instanceof CallTimeout ? error : reason;
        }
      }
    }
  };
}

/** `GET /v1/tasks/video_1`: the method and the path, never the host, a header or the body. */
function describe(request: Request): string {
  const { pathname, search } = new URL(request.url);
  return `${request.method} ${pathname}${search}`;
}

function outcomeOf(error: unknown): string {
  if (error instanceof APIError) {
    return `${error.status} ${error.code ?? ''}${error.requestId ? ` (${error.requestId})` : ''}`.trim();
  }
  return error instanceof Error ? error.name : 'aborted';
}

async function sendOnce(
  { fetch, clock }: Pick<RetryingFetchOptions, 'fetch' | 'clock'>,
  request: Request,
): Promise<Response> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request);
    text = await response.text();
  } catch (cause) {
    throw connectionFailure(request, cause);
  }
  if (!response.ok) throw errorFromResponse(response, text, clock.now());
  const body = text === '' ? undefined : parseJson(text);
  if (text !== '' && body === undefined) {
    throw unreadableResponseError(response, text, request.method === 'POST', clock.now());
  }
  return withBodyRead(response, text, body);
}

/**
 * The response, its body already read and parsed, answering `text`, `json` and `clone` from
 * them. openapi-fetch reads the body again; a second Response, or a second parse, would cost
 * more than the rest of the client does on a loopback call.
 */
function withBodyRead(response: Response, text: string, body: unknown): Response {
  return Object.assign(response, {
    text: async () => text,
    json: async () => body,
    clone: () =>
      new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      }),
  });
}

function notSentInTime(reason: CallTimeout): ConnectionError {
  return new ConnectionError(
    `The request timed out after ${reason.ms} ms waiting for its turn under the client's request rate; it was not sent.`,
    { timeout: true, mayHaveCreatedTask: false },
  );
}

function connectionFailure(request: Request, cause: unknown): unknown {
  const reason: unknown = request.signal.aborted ? request.signal.reason : undefined;
  if (request.signal.aborted && !(reason instanceof CallTimeout)) return reason;
  const timeout = reason instanceof CallTimeout;
  const isCreate = request.method === 'POST';
  const what = timeout
    ? `The request timed out after ${(reason as CallTimeout).ms} ms`
    : 'The connection to the API failed';
  const consequence = isCreate
    ? ': the task may have been created (and billed). Look for it before creating it again.'
    : '.';
  return new ConnectionError(`${what}${consequence}`, {
    timeout,
    mayHaveCreatedTask: isCreate,
    cause: timeout ? undefined : cause,
  });
}
