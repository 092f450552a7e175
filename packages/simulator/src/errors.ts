import type { components } from '@lemonvideo/shared';
import type { Reply } from './reply';

type ErrorBody = components['schemas']['ErrorBody'];
export type ValidationIssue = components['schemas']['ValidationIssue'];

/** The envelope's `type` for each status, as the vendor documents it. */
function errorType(status: number): string {
  if (status === 401) return 'invalid_api_key';
  if (status === 402) return 'insufficient_balance';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 502) return 'upstream_error';
  if (status === 503) return 'all_channels_failed';
  if (status === 504) return 'timeout_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * An error in the documented envelope; `details` may add hint fields or override `type`. A
 * `retry_after` in `details` also becomes the `Retry-After` header; 429 and 5xx answers say
 * they are retryable.
 */
export function apiError(
  status: number,
  code: string,
  message: string,
  details: Omit<ErrorBody, 'message' | 'code'> = {},
): Reply {
  const retryable = status === 429 || status >= 500 ? { retryable: true } : {};
  const error: ErrorBody = { message, type: errorType(status), code, ...retryable, ...details };
  const headers =
    typeof details.retry_after === 'number'
      ? { 'Retry-After': String(Math.ceil(details.retry_after)) }
      : undefined;
  return { status, body: { error }, ...(headers && { headers }) };
}

/** 400 naming every field at fault; `message` and `param` lead with the first. */
export function invalidRequest(issues: readonly ValidationIssue[]): Reply {
  const reply = apiError(
    400,
    'invalid_request_error',
    issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    { param: issues[0]?.field ?? null },
  );
  return { ...reply, body: { ...(reply.body as object), validation_errors: issues } };
}

export const taskNotFound = (): Reply =>
  apiError(404, 'async_task_not_found', 'Task not found or no longer available.');

export const taskNotOwned = (): Reply =>
  apiError(403, 'task_not_owned', 'This task is not available to the current API key.');
