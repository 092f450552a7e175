import {
  APIError,
  AuthenticationError,
  ConnectionError,
  describeIssues,
  type ErrorKind,
  errorKind,
  errorSuggestion,
  InsufficientBalanceError,
  PermissionDeniedError,
  RequestValidationError,
  TaskCancelledError,
  TaskFailedError,
} from '@lemonvideo/core';
import { maskKey, redactKey } from './mask-key';

/** How a face words errors. */
export interface Wording {
  /** The API key: masked wherever an error echoes it, and named masked when it is refused. */
  apiKey?: string | undefined;
  /** A field as the person knows it: a flag on the command line, a label in the form. */
  fieldName: (field: string) => string;
}

/** The innermost `code` (e.g. `ECONNREFUSED`, never a number) or message of an error's causes. */
function rootCause(error: unknown): string | undefined {
  let found: string | undefined;
  for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    found = typeof code === 'string' ? code : cause.message;
  }
  return found;
}

/** `401 invalid_api_key` */
const statusOf = (error: APIError) => [error.status, error.code].filter(Boolean).join(' ');

/** `The message (HTTP 503 upstream_error, request req_1)` */
const withStatus = (error: APIError) =>
  `${error.message} (HTTP ${statusOf(error)}${error.requestId ? `, request ${error.requestId}` : ''})`;

/**
 * The API refused the request as invalid, in the face's names of the fields, with what to try
 * instead when the API hints at it (core's `errorSuggestion`: the value meant, the values
 * allowed).
 */
function describeRefusal(error: APIError, { fieldName }: Wording): string {
  const fields = error.issues.filter(
    (issue) => typeof issue.field === 'string' && typeof issue.message === 'string',
  );
  const what = error.param ? `${fieldName(error.param)}: ` : '';
  const refusal =
    fields.length > 0
      ? describeIssues(fields, fieldName)
      : `${what}${error.code ? `${error.message.replace(/\.$/, '')} (${error.code})` : error.message}`;
  const suggestion = errorSuggestion(error);
  return suggestion ? `${refusal}. ${suggestion}` : refusal;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What each kind of error says (core's `errorKind`), worded for this app. */
const byKind: Record<ErrorKind, (error: unknown, wording: Wording) => string> = {
  input: (error, wording) => {
    if (error instanceof RequestValidationError) {
      return describeIssues(error.issues, wording.fieldName);
    }
    if (error instanceof APIError) {
      return error.status === 400 || error.status === 404
        ? describeRefusal(error, wording)
        : withStatus(error);
    }
    return messageOf(error);
  },
  auth: (error, { apiKey }) => {
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
    return error instanceof APIError ? withStatus(error) : messageOf(error);
  },
  transient: (error) => {
    if (error instanceof APIError) return withStatus(error);
    // A timeout says all in its message; its cause is only the timer's abort.
    const cause = error instanceof ConnectionError && !error.timeout ? rootCause(error) : undefined;
    return cause ? `${messageOf(error)} (${cause})` : messageOf(error);
  },
  'task-ended': (error) => {
    if (error instanceof TaskCancelledError) return error.message;
    if (error instanceof TaskFailedError) {
      return `Task ${error.task.id} failed: ${error.message}${error.code ? ` (${error.code})` : ''}`;
    }
    return error instanceof APIError ? withStatus(error) : messageOf(error);
  },
  detached: messageOf,
  unexpected: messageOf,
};

/**
 * Any error as one readable line, never a stack trace, with the API key masked wherever the
 * error might have echoed it.
 */
export function describeError(error: unknown, wording: Wording): string {
  return redactKey(byKind[errorKind(error)](error, wording), wording.apiKey)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
