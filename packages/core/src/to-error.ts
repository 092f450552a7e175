import type { components } from '@lemonvideo/shared';
import {
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientBalanceError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from './errors';

type ErrorEnvelope = components['schemas']['ErrorResponse'];

const classByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: InsufficientBalanceError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/** The longest piece of a non-JSON body kept on an error. */
const bodyExcerptLength = 2048;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null | undefined)?.error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/** Seconds from a `Retry-After` header: delay-seconds, or an HTTP date as of `now`. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function describeUnreadable(response: Response, text: string): string {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (/^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return `${status}: the server sent an HTML page instead of the API's JSON${title ? ` ("${title}")` : ''}; a gateway or proxy may have failed.`;
  }
  if (text.trim() === '')
    return `${status}: the server sent an empty body instead of the API's JSON.`;
  return `${status}: the server's answer is not valid JSON (it may have been cut off).`;
}

function errorInit(response: Response, text: string, now: number) {
  const body = parseJson(text);
  const envelope = isEnvelope(body) ? body.error : undefined;
  const retryAfterBody = envelope?.retry_after;
  return {
    status: response.status,
    message: envelope?.message ?? describeUnreadable(response, text),
    code: envelope?.code,
    type: envelope?.type,
    param: envelope?.param ?? undefined,
    requestId: response.headers.get('x-request-id') ?? undefined,
    retryAfter:
      parseRetryAfter(response.headers.get('retry-after'), now) ??
      (typeof retryAfterBody === 'number' ? retryAfterBody : undefined),
    body: body ?? text.slice(0, bodyExcerptLength),
  };
}

/**
 * Turns an error answer (any status ≥ 400, any body) into the matching `APIError` class; `now`
 * (clock milliseconds) dates a `Retry-After` given as an HTTP date.
 */
export function errorFromResponse(response: Response, text: string, now: number): APIError {
  const Class = classByStatus[response.status] ?? (response.status >= 500 ? ServerError : APIError);
  return new Class(errorInit(response, text, now));
}

/**
 * A success answer that cannot be used: code `invalid_response`. After a create, the server
 * accepted the request, so the task most likely exists: the error says so, with
 * `mayHaveCreatedTask`.
 */
function invalidResponse(init: APIErrorInit, isCreate: boolean): APIError {
  return new APIError({
    ...init,
    code: 'invalid_response',
    message: isCreate
      ? `${init.message} The task was probably created (and billed); look for it before creating it again.`
      : init.message,
    mayHaveCreatedTask: isCreate,
  });
}

/** A body that parsed but is not what the operation answers (`what`, e.g. "a task"). */
export function notAnswerError(
  what: string,
  status: number,
  body: unknown,
  isCreate = false,
): APIError {
  const message = `The API answered with something that is not ${what}.`;
  return invalidResponse({ status, message, body }, isCreate);
}

/** A success status whose body is not the JSON the API promises (a gateway's HTML, a cut body). */
export function unreadableResponseError(
  response: Response,
  text: string,
  isCreate: boolean,
  now: number,
): APIError {
  return invalidResponse(errorInit(response, text, now), isCreate);
}
