import {
  AuthenticationError,
  ConnectionError,
  describeIssues,
  type ErrorKind,
  errorKind,
  errorSuggestion,
  InsufficientBalanceError,
  RateLimitError,
  RequestValidationError,
  TaskCancelledError,
  TaskFailedError,
  TaskTimeoutError,
} from '@lemonvideo/core';

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong.';

/** What each kind of error (core's `errorKind`) says on the page. */
const byKind: Record<ErrorKind, (error: unknown) => string> = {
  input: (error) =>
    error instanceof RequestValidationError
      ? `Check the form: ${describeIssues(error.issues)}.`
      : messageOf(error),
  auth: (error) =>
    error instanceof AuthenticationError
      ? 'The server’s API key was refused.'
      : error instanceof InsufficientBalanceError
        ? 'The account’s balance does not cover this video.'
        : messageOf(error),
  transient: (error) =>
    error instanceof RateLimitError
      ? 'Too many requests right now; try again in a moment.'
      : error instanceof TaskTimeoutError
        ? `Still not done, so we stopped waiting. ${error.message}`
        : error instanceof ConnectionError
          ? `Could not reach the server. ${error.message}`
          : messageOf(error),
  'task-ended': (error) =>
    error instanceof TaskCancelledError
      ? 'The task was cancelled.'
      : error instanceof TaskFailedError
        ? `The video could not be made: ${error.message}`
        : messageOf(error),
  detached: messageOf,
  unexpected: messageOf,
};

/**
 * An error in words for the page, with what to try instead when the API hints at it (core's
 * `errorSuggestion`: the model meant, the values a model allows).
 */
export function describeError(error: unknown): string {
  const suggestion = errorSuggestion(error);
  const text = byKind[errorKind(error)](error);
  return suggestion ? `${text} ${suggestion}` : text;
}
