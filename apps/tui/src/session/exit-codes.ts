import { type ErrorKind, errorKind } from '@lemonvideo/core';
import { InterruptedError } from './errors';

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
  /** Terminated (SIGTERM, 128 + 15), wound down as on Ctrl-C: the task detached, no partial file. */
  terminated: 143,
} as const;

/** One of `exitCodes`' values. */
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

/** The exit code for an error that ended a command: its kind's, 143 for SIGTERM's winding down. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof InterruptedError && error.signal === 'SIGTERM') return exitCodes.terminated;
  return byKind[errorKind(error)];
}
