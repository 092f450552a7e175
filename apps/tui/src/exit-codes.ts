import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InsufficientBalanceError,
  JobDetachedError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  TaskFailedError,
  TaskTimeoutError,
} from '@lemonvideo/core';
import { InterruptedError, UsageError } from './cli-errors';

/** What `lemonvideo` exits with. Documented in README.md; scripts rely on them. */
export const exitCodes = {
  /** Done: the task completed (and its video was saved), or the command did what it says. */
  ok: 0,
  /** The task failed, expired or was cancelled; or it cannot do what was asked (not yet done). */
  taskFailed: 1,
  /** Bad usage or invalid input: nothing was sent, or the API refused the request as invalid. */
  usage: 2,
  /** Authentication or billing: the API answered 401, 402 or 403. */
  auth: 3,
  /** Network, server or timeout: no usable answer in time. */
  network: 4,
  /** Interrupted (Ctrl-C, SIGINT); a running task was detached, or cancelled on request. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof RequestValidationError)
    return exitCodes.usage;
  if (error instanceof BadRequestError || error instanceof NotFoundError) return exitCodes.usage;
  if (
    error instanceof AuthenticationError ||
    error instanceof InsufficientBalanceError ||
    error instanceof PermissionDeniedError
  ) {
    return exitCodes.auth;
  }
  if (
    error instanceof ConnectionError ||
    error instanceof TaskTimeoutError ||
    error instanceof ServerError ||
    error instanceof RateLimitError
  ) {
    return exitCodes.network;
  }
  if (error instanceof JobDetachedError || error instanceof InterruptedError) {
    return exitCodes.interrupted;
  }
  // A failed, expired or cancelled task; a cancel refused as too late (409).
  if (error instanceof TaskFailedError || error instanceof ConflictError) {
    return exitCodes.taskFailed;
  }
  // Any other answer: a 4xx the request caused (413), else a server that answered nonsense.
  if (error instanceof APIError) {
    return error.status >= 400 && error.status < 500 ? exitCodes.usage : exitCodes.network;
  }
  return exitCodes.taskFailed;
}
