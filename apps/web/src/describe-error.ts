import {
  AuthenticationError,
  ConnectionError,
  InsufficientBalanceError,
  RateLimitError,
  RequestValidationError,
  TaskCancelledError,
  TaskFailedError,
  TaskTimeoutError,
} from '@lemonvideo/core';

/** An error in words for the page. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'Something went wrong.';
  if (error instanceof RequestValidationError) {
    return `Check the form: ${error.issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`;
  }
  if (error instanceof TaskCancelledError) return 'The task was cancelled.';
  if (error instanceof TaskFailedError) return `The video could not be made: ${error.message}`;
  if (error instanceof TaskTimeoutError)
    return `Still not done, so we stopped waiting. ${error.message}`;
  if (error instanceof AuthenticationError) return 'The server’s API key was refused.';
  if (error instanceof InsufficientBalanceError)
    return 'The account’s balance does not cover this video.';
  if (error instanceof RateLimitError) return 'Too many requests right now; try again in a moment.';
  if (error instanceof ConnectionError) return `Could not reach the server. ${error.message}`;
  return error.message;
}
