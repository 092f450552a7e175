import { type ErrorKind, errorKind } from '@lemonvideo/core';

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

/** Each kind of error (core's `errorKind`) and the code a command that it ends exits with. */
const byKind: Record<ErrorKind, ExitCode> = {
  input: exitCodes.usage,
  auth: exitCodes.auth,
  transient: exitCodes.network,
  'task-ended': exitCodes.taskFailed,
  detached: exitCodes.interrupted,
  unexpected: exitCodes.taskFailed,
};

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): ExitCode {
  return byKind[errorKind(error)];
}
