import {
  APIError,
  AuthenticationError,
  ConnectionError,
  InsufficientBalanceError,
  PermissionDeniedError,
  RequestValidationError,
  TaskCancelledError,
  TaskFailedError,
} from '@lemonvideo/core';
import { describeIssues, flagOf } from './create-fields';
import { maskKey, redactKey } from './mask-key';

interface ApiErrorBody {
  error?: { did_you_mean?: unknown };
  validation_errors?: Array<{ field?: unknown; message?: unknown }>;
}

/** The innermost `code` (e.g. `ECONNREFUSED`) or message of an error's causes. */
function rootCause(error: unknown): string | undefined {
  let found: string | undefined;
  for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) {
    found = (cause as NodeJS.ErrnoException).code ?? cause.message;
  }
  return found;
}

/** A 400/404 in terms of the flags: `--duration must be one of 5, 10 for kling-video`. */
function describeRefusal(error: APIError): string {
  const body = typeof error.body === 'object' ? (error.body as ApiErrorBody) : undefined;
  const fields = (body?.validation_errors ?? []).filter(
    (issue): issue is { field: string; message: string } =>
      typeof issue.field === 'string' && typeof issue.message === 'string',
  );
  if (fields.length > 0) {
    return describeIssues(fields.map((issue) => ({ path: issue.field, message: issue.message })));
  }
  const suggestion = body?.error?.did_you_mean;
  const hint = typeof suggestion === 'string' ? ` Did you mean ${suggestion}?` : '';
  const what = error.param ? `${flagOf(error.param)}: ` : '';
  return `${what}${error.message}${error.code ? ` (${error.code})` : ''}${hint}`;
}

/** `401 invalid_api_key` */
const statusOf = (error: APIError) => [error.status, error.code].filter(Boolean).join(' ');

function describe(error: unknown, apiKey: string | undefined): string {
  if (error instanceof RequestValidationError) return describeIssues(error.issues);
  if (error instanceof AuthenticationError) {
    const key = apiKey ? `the key ${maskKey(apiKey)}` : 'the request: no API key was sent';
    return `The API refused ${key} (${statusOf(error)}): ${error.message} Set LEMONDATA_API_KEY to a valid key.`;
  }
  if (error instanceof InsufficientBalanceError) {
    return `Not enough balance (${statusOf(error)}): ${error.message}`;
  }
  if (error instanceof PermissionDeniedError) {
    return `Not allowed (${statusOf(error)}): ${error.message}`;
  }
  if (error instanceof APIError) {
    if (error.status === 400 || error.status === 404) return describeRefusal(error);
    const request = error.requestId ? `, request ${error.requestId}` : '';
    return `${error.message} (HTTP ${statusOf(error)}${request})`;
  }
  if (error instanceof ConnectionError) {
    const cause = rootCause(error);
    return cause ? `${error.message} (${cause})` : error.message;
  }
  if (error instanceof TaskCancelledError) return error.message;
  if (error instanceof TaskFailedError) {
    return `Task ${error.task.id} failed: ${error.message}${error.code ? ` (${error.code})` : ''}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Any error as one readable line, never a stack trace, with the API key masked wherever the
 * error might have echoed it.
 */
export function describeError(error: unknown, apiKey?: string): string {
  return redactKey(describe(error, apiKey), apiKey)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
